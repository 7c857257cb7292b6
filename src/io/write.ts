import { randomBytes } from "node:crypto";
import path from "node:path";
import type { FileSystem } from "./fs.js";

/**
 * Write a file atomically: a temporary file in the same folder, then `rename`, so a
 * crash or a full disk never leaves a half-written article behind. Creates the folder.
 *
 * @param file absolute path of the target
 * @param data the content
 * @param fs file system (default: `node:fs/promises`)
 */
export async function writeFileAtomic(file: string, data: string, fs: FileSystem): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  let mode: number | undefined;
  try {
    mode = (await fs.stat(file)).mode & 0o777;
  } catch {
    mode = undefined;
  }
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await fs.writeFile(temp, data, { flag: "wx", ...(mode === undefined ? {} : { mode }) });
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/**
 * Whether `file` already holds exactly `data`; an unchanged output is never rewritten,
 * so mtime-based caches downstream stay valid.
 */
export async function hasContent(file: string, data: string, fs: FileSystem): Promise<boolean> {
  try {
    const current = await fs.readFile(file, "utf8");
    return current === data;
  } catch {
    return false;
  }
}

/** One-line advice for a write error, by errno code. */
export function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOSPC":
      return "the disk is full (ENOSPC); free some space and run again";
    case "EDQUOT":
      return "the disk quota is exceeded (EDQUOT); free some space and run again";
    case "EROFS":
      return "the file system is read-only (EROFS); choose another --out-dir";
    case "EACCES":
    case "EPERM":
      return `permission denied (${code}); choose a writable --out-dir or fix permissions`;
    case "ENOTDIR":
    case "EEXIST":
      return `a file stands where a folder is needed (${code}); choose another --out-dir`;
    default:
      return `${code ?? (error as Error)?.message ?? String(error)}`;
  }
}
