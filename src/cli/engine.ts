import type { Message, RootNode } from "../ast/types.js";
import type { ConvertOptions, ConvertResult } from "../convert/types.js";
import type { ParseOptions } from "../parse.js";
import type { FileOutcome, FileTask } from "../scale/file-task.js";
import type { RecordOutcome, RecordSettings, RecordTask } from "../scale/record-task.js";

/** The parts of the library the CLI drives; tests inject a fake. */
export interface Engine {
  convert(text: string, options?: ConvertOptions): ConvertResult | Promise<ConvertResult>;
  parse(text: string, options?: ParseOptions): { tree: RootNode; messages: Message[] };
  /**
   * Read, convert and write one file with synchronous calls, as a worker does
   * (`scale/file-task.ts`): the library's engine has it, so `--out-dir` in-process costs what it
   * costs on a worker; a fake engine without it gets the main thread's own path.
   */
  convertFile?(task: FileTask, options: ConvertOptions, knownDirs: Set<string>, fsync: boolean): FileOutcome;
  /** Read one NDJSON line as a record, convert and serialize it, as a worker does (`scale/record-task.ts`); like {@link convertFile}. */
  convertRecord?(task: RecordTask, settings: RecordSettings, options: ConvertOptions): RecordOutcome;
}

/**
 * Load the parser and converter on first use: the grammar (chevrotain) and remark are the
 * slow imports, and `--help`/`--version` must not pay for them.
 */
export async function loadEngine(): Promise<Engine> {
  // Specifiers in variables: these modules are built in parallel by other people, and a
  // literal import would make this file's typecheck depend on them being there.
  const convertModule = "../convert/index.js";
  const parseModule = "../parse.js";
  const fileTaskModule = "../scale/file-task.js";
  const recordTaskModule = "../scale/record-task.js";
  // One after the other: they share the grammar, and jest's ESM loader fails on parallel imports of shared modules.
  const { convert } = (await import(convertModule)) as Pick<Engine, "convert">;
  const { parse } = (await import(parseModule)) as Pick<Engine, "parse">;
  const { convertFile } = (await import(fileTaskModule)) as typeof import("../scale/file-task.js");
  const { convertRecord } = (await import(recordTaskModule)) as typeof import("../scale/record-task.js");
  if (typeof convert !== "function" || typeof parse !== "function") {
    throw new Error("the library does not export convert() and parse(); rebuild with `npm run build`");
  }
  const convertSync = convert as (text: string, options: ConvertOptions) => ConvertResult;
  return {
    convert,
    parse,
    convertFile: (task, options, knownDirs, fsync) => convertFile(task, options, convertSync, knownDirs, fsync),
    convertRecord: (task, settings, options) => convertRecord(task, settings, options, convertSync),
  };
}
