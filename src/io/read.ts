import type { Message } from "../ast/types.js";
import { decodeUtf8, type DecodedText } from "./decode.js";
import type { FileSystem } from "./fs.js";

/** Why an input was not converted. `severity: "error"` makes the run exit 1. */
export interface InputProblem {
  kind: "not-found" | "unreadable" | "is-directory" | "binary" | "invalid-utf8" | "utf16" | "empty" | "symlink-loop" | "symlink-folder";
  severity: "error" | "info";
  /** One sentence: what is wrong and what to do (the file name is added by the renderer). */
  reason: string;
  line: number;
  column: number;
}

/** A text input, decoded. */
export interface ReadText extends DecodedText {
  /** Size in bytes, for progress and throughput. */
  bytes: number;
}

/** Short labels for the summary's "skipped" reasons. */
export const PROBLEM_LABELS: Record<InputProblem["kind"], string> = {
  "not-found": "not found",
  unreadable: "unreadable",
  "is-directory": "directory given as a file",
  binary: "binary",
  "invalid-utf8": "invalid UTF-8",
  utf16: "UTF-16",
  empty: "empty",
  "symlink-loop": "symbolic link loop",
  "symlink-folder": "link to a folder, not followed",
};

/**
 * Read one input file and decode it; never throws for problems that belong to the file.
 *
 * @param file absolute path
 * @param fs file system (default: `node:fs/promises`)
 */
export async function readInput(file: string, fs: FileSystem): Promise<ReadText | InputProblem> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    return problemFromError(error);
  }
  return decodeInput(bytes);
}

/** The note on an empty input that is converted all the same (its output is empty too). */
function emptyNote(reason: string): Message {
  const at = { line: 1, column: 1, offset: 0 };
  return { reason, ruleId: "empty", severity: "info", position: { start: at, end: at }, source: "encoding" };
}

/**
 * Decode bytes already read (stdin, an NDJSON field is text already). An empty (or white
 * space only) input is a problem to skip, or with `keepEmpty` (`convert`, `check`: every input
 * has an output) a text of its own, with an info note.
 */
export function decodeInput(bytes: Uint8Array, options: { keepEmpty?: boolean } = {}): ReadText | InputProblem {
  if (bytes.length === 0) {
    if (options.keepEmpty) return { text: "", bom: false, crlf: false, eol: "none", notes: [emptyNote("is empty; its output is empty too")], bytes: 0 };
    return { kind: "empty", severity: "info", reason: "is empty; nothing to convert", line: 1, column: 1 };
  }
  const decoded = decodeUtf8(bytes);
  if ("kind" in decoded) return { ...decoded, severity: "error" };
  let notes = decoded.notes;
  if (decoded.text.trim() === "") {
    if (!options.keepEmpty) return { kind: "empty", severity: "info", reason: "has only whitespace; nothing to convert", line: 1, column: 1 };
    notes = [...notes, emptyNote("has only whitespace; its output is the same")];
  }
  return { text: decoded.text, bom: decoded.bom, crlf: decoded.crlf, eol: decoded.eol, notes, bytes: bytes.length };
}

/** A text with nothing but white space: converted, it would only lose that; its markdown output is the text itself. */
export function isBlank(text: string): boolean {
  return text.trim() === "";
}

/** Map an fs error to a problem with advice. */
export function problemFromError(error: unknown): InputProblem {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const at = { line: 1, column: 1, severity: "error" as const };
  switch (code) {
    case "ENOENT":
      return { kind: "not-found", reason: "does not exist; check the path (run from the folder it is relative to)", ...at };
    case "EISDIR":
      return { kind: "is-directory", reason: "is a directory, not a file; pass a file inside it (convert accepts directories)", ...at };
    case "ELOOP":
      return { kind: "symlink-loop", reason: "is a symbolic link loop (ELOOP); fix or remove the link", ...at };
    case "EACCES":
    case "EPERM":
      return { kind: "unreadable", reason: `cannot be read (${code}: permission denied); fix its permissions or leave it out`, ...at };
    default:
      return {
        kind: "unreadable",
        reason: `cannot be read (${code ?? (error as Error)?.message ?? String(error)}); check the file and try again`,
        ...at,
      };
  }
}

/** Narrow a read result. */
export function isProblem(value: ReadText | InputProblem): value is InputProblem {
  return "kind" in value && "severity" in value && "reason" in value;
}
