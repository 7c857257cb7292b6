/**
 * A unit of work as a source yields it, on the main thread: its name, where it comes from
 * (a file, or a record of an archive) and how to read it. The executor turns it into a
 * `UnitTask` (plain data) for `processUnit`.
 */
export interface Unit {
  /** Its name in messages and reports: a path as shown, `<stdin>`, `<archive>` (a record is named by its id once read). */
  id: string;
  /** The input file (absolute), when the unit is one: the converting thread may read it itself. */
  path?: string;
  /** The file's path relative to its operand, `/`-separated: what `--out-dir` mirrors and `--shard` splits by. */
  rel?: string;
  /** A record of an archive: its line and bytes (read as a record on the converting thread). */
  record?: { archive: string; line: number; bytes: Uint8Array };
  /** Bytes of the input (0 when unknown; for the progress bar and as a read hint). */
  size: number;
  /** Its bytes; rejects with the file system's error. */
  read(): Promise<Uint8Array>;
}

/** Display name of stdin in messages. */
export const STDIN_NAME = "<stdin>";
