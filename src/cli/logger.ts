import type { ChalkInstance } from "chalk";
import type { Progress } from "./progress.js";

/** How much goes to stderr. */
export type LogLevel = "quiet" | "normal" | "verbose";

/**
 * Logs go to stderr (data goes to stdout). `quiet` keeps errors and the final
 * why-line only; `verbose` adds a line per file.
 */
export class Logger {
  progress: Progress | undefined;

  constructor(
    private readonly stream: { write(chunk: string): unknown },
    readonly color: ChalkInstance,
    readonly level: LogLevel,
  ) {}

  private write(text: string): void {
    this.progress?.clear();
    this.stream.write(text);
  }

  /** Normal output (summary, notes). */
  info(line: string): void {
    if (this.level !== "quiet") this.write(line + "\n");
  }

  /** Only with `--verbose`. */
  verbose(line: string): void {
    if (this.level === "verbose") this.write(line + "\n");
  }

  /** A warning-level line; hidden by `--quiet`. */
  warn(line: string): void {
    if (this.level !== "quiet") this.write(line + "\n");
  }

  /** Always shown. */
  error(line: string): void {
    this.write(line + "\n");
  }

  /** Text another logger already filtered by level (replayed in input order). */
  raw(text: string): void {
    this.write(text);
  }
}
