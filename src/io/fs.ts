import * as nodeFs from "node:fs/promises";

/**
 * The file-system calls shortcode-migrate makes. `node:fs/promises` satisfies it;
 * tests pass a copy with one call replaced to simulate EACCES, ENOSPC and the like.
 */
export type FileSystem = Pick<typeof nodeFs, "readFile" | "writeFile" | "rename" | "rm" | "stat" | "mkdir" | "readdir" | "open">;

/** The real file system (default of every `fs` option). */
export const defaultFileSystem: FileSystem = nodeFs;
