/**
 * One unit of work — read → convert → compare → write — wherever it runs: on the main thread
 * in-process (`--concurrency 1`, few inputs) or on a worker of the pool (`scale/worker.ts`).
 * Every route of `convert` (files, stdin, NDJSON lines and records) goes through
 * {@link processUnit}; only what the unit carries differs:
 *
 * - `file`: a path the converting thread reads itself (with `--out-dir`/`--write` it also
 *   writes the output, so no article crosses a thread boundary: measured, the promise chain of
 *   reading and writing on the main thread was most of its time);
 * - `bytes`: bytes the main thread read already (stdin, a `--cache` miss, an injected file
 *   system), decoded like a file;
 * - `text`: an NDJSON record's body (text already);
 * - `line`: an NDJSON line, read as a record here and serialized again (`record.ts`).
 *
 * `check` runs the same units in a compare-only mode ({@link UnitSettings.check}): no target,
 * and a unit that would change comes back with its would-change places (`would-change.ts`).
 *
 * Synchronous, with the file system injected ({@link SyncFileSystem}); never throws: every
 * failure (a read problem, a converter error, a write error) is an outcome. The decisions
 * are the same for every unit: same decoding, same problems, byte facts restored, an unchanged
 * `--write` file or an up-to-date output not rewritten, permission bits kept.
 */
import type { Message } from "../ast/types.js";
import type { CompatMode, ConvertOptions, ConvertResult, MediaLibrary } from "../convert/types.js";
import { lineEndings, restoreByteFacts, sameText, textNotes } from "../io/decode.js";
import { decodeInput, isBlank, isProblem, problemFromError, type InputProblem } from "../io/read.js";
import type { SyncFileSystem } from "../io/sync-fs.js";
import type { ReportMessage } from "../report/types.js";
import { readRecord, recordLine, type BrokenLine, type RecordSettings } from "./record.js";
import { writeTarget, type TargetWrite, type UnitTarget } from "./sinks/target.js";
import { withLinkRewrite, type UnitLinkFindings, type UnitLinks } from "./unit-links.js";

/** What a unit's text is read from (see the module comment). */
export type UnitInput =
  | {
      kind: "file";
      /** The input (absolute). */
      path: string;
      /** Its size when it was listed (saves a stat; a file that changed since is read whole anyway). */
      size?: number;
    }
  | { kind: "bytes"; bytes: Uint8Array }
  | { kind: "text"; text: string }
  | {
      kind: "line";
      /** 1-based line number in its archive. */
      line: number;
      /** The line's bytes, without its line end. */
      bytes: Uint8Array;
    };

/** One unit of work as sent to the converting thread: plain data (it crosses a thread boundary). */
export interface UnitTask {
  input: UnitInput;
  /** Write the output there (none: the output goes back to the caller, see {@link UnitSettings.keepOutput}). */
  target?: UnitTarget;
  /** Rewrite links and old-site files (with {@link UnitEnv.links}): the article's output path, `/`-separated, relative to the output folder. */
  link?: { outputPath: string };
  /** The unit's name in `check`'s findings and diffs (`a/b.txt`, `<archive>#<id>`). */
  name?: string;
  /** The media library items the unit's body may show (a WordPress post's attachments): see {@link ConvertOptions.media}. */
  media?: MediaLibrary;
}

/** What every unit of a run shares (one object per run: the pool batches units that share it). */
export interface UnitSettings {
  /** `--to markdown`: the input's line endings and byte-order mark are restored (else JSON: always "changed"). */
  markdown: boolean;
  /** Send the output text (and the original) back: stdout, diffs, a sink on the main thread (default: false). */
  keepOutput?: boolean;
  /** Flush each output before its rename (see `writeFileAtomic`) (default: true). */
  fsync?: boolean;
  /** `line` units: the run's `--field`, `--id-field` and `--shard`. */
  record?: RecordSettings;
  /**
   * `check`: compare only (no target). A unit that would change comes back with its
   * would-change places ({@link UnitDone.findings}) and, with `diff`, its unified diff; a
   * record's body is compared with its line endings restored.
   */
  check?: { diff: boolean };
}

/** Rule id of a "this would change" finding of `check`. */
export const WOULD_CHANGE = "would-change";

/** What {@link FindChanges} is given of a changed unit. */
export interface ChangedUnit {
  /** Its name in findings and diffs. */
  name: string;
  /** The text converted (no byte-order mark). */
  text: string;
  /** The converter's output, and the input and output with their byte facts (what a diff shows). */
  output: string;
  original: string;
  restored: string;
  /** The input's line ends are CRLF. */
  crlf: boolean;
  compat: CompatMode;
  /** A unified diff is wanted. */
  diff: boolean;
}

/** `check`'s comparison of a changed unit (`would-change.ts`, loaded only by a run of `check`). */
export type FindChanges = (unit: ChangedUnit) => { findings: ReportMessage[]; diff?: string };

/** What the converting thread needs besides the unit: its converter, file system and folders made so far. */
export interface UnitEnv {
  /** The converter (the library's, or a stand-in). */
  convert: (text: string, options: ConvertOptions) => ConvertResult;
  fs: SyncFileSystem;
  /** Output folders that exist (no `mkdir` for them); grows as folders are made. */
  knownDirs: Set<string>;
  /** The run's link index and asset map (links and assets are rewritten for tasks with a `link`). */
  links?: UnitLinks;
  /** `check`'s comparison ({@link UnitSettings.check}); a check run loads it on each thread. */
  findChanges?: FindChanges;
}

/** The converter threw on a text (a bug of ours): its message. */
export interface Crashed {
  kind: "crash";
  error: string;
  /** A `line` unit's record key (for its name). */
  key?: string;
}

/** What every converted unit sends back; small, so it is cheap to send. */
export interface Converted {
  kind: "done";
  /** The decoder's notes on the input, then the converter's messages. */
  messages: Message[];
  shortcodes: Record<string, number>;
  /** The output differs from the input (always, to JSON). */
  changed: boolean;
}

/** A converted unit (with a target: what became of its output file, see {@link TargetWrite}). */
export interface UnitDone extends Converted, Partial<TargetWrite> {
  /** A `line` unit's record key (its name is `<archive>#<key>`). */
  key?: string;
  /** With {@link UnitSettings.keepOutput}: the output (byte facts restored) and the input it is compared with. */
  output?: string;
  original?: string;
  /** A `line` unit: the converted record as its NDJSON line (with its `\n`). */
  line?: string;
  /** With a `link` task: the links to the old site and the old-site files found (census, manifest). */
  links?: UnitLinkFindings;
  /** `check`, a unit that would change: its would-change places (in no particular order) and, when asked for, its diff. */
  findings?: ReportMessage[];
  diff?: string;
}

/** What became of one {@link UnitTask}. */
export type UnitOutcome =
  /** A `line` unit that is empty or white space only: not a record, not counted. */
  | { kind: "blank" }
  /** A `line` unit of another shard (`--shard`): not counted. */
  | { kind: "other-shard" }
  /** A `line` unit that is no record: reported and passed through as it is. */
  | BrokenLine
  /** A `line` unit whose record has no string `--field`. */
  | { kind: "no-field"; key: string }
  /** A `file` or `bytes` unit that cannot be read or decoded (unreadable, binary, empty …). */
  | { kind: "problem"; problem: InputProblem }
  | Crashed
  | UnitDone;

/** Default of {@link UnitSettings.record}, for units that are no lines. */
const NO_RECORD: RecordSettings = { field: "body", idField: "id" };

/**
 * Read, convert, compare and (with a target) write one unit. Never throws: every failure is an outcome.
 *
 * @param task the unit and where its output goes
 * @param settings what the run's units share
 * @param options the converter's options
 * @param env the converter, the file system, the folders made so far
 */
export function processUnit(task: UnitTask, settings: UnitSettings, runOptions: ConvertOptions, env: UnitEnv): UnitOutcome {
  const { input } = task;
  const options = task.media ? { ...runOptions, media: task.media } : runOptions;
  if (input.kind === "line" || input.kind === "text") return processRecord(task, settings, options, env);

  // read
  let bytes: Uint8Array;
  if (input.kind === "bytes") bytes = input.bytes;
  else {
    try {
      bytes = env.fs.readFile(input.path, input.size);
    } catch (error) {
      return { kind: "problem", problem: problemFromError(error) };
    }
  }
  // an empty input is converted too: every input has an output
  const read = decodeInput(bytes, { keepEmpty: true });
  if (isProblem(read)) return { kind: "problem", problem: read };

  // convert (a blank markdown output is the input itself: nothing to convert)
  const rewrite = linkRewrite(task, options, env, read.text);
  let result: ConvertResult;
  try {
    result = settings.markdown && isBlank(read.text) ? blankResult(read.text) : env.convert(read.text, rewrite?.options ?? options);
  } catch (error) {
    return crashed(error);
  }

  // compare
  const original = (read.bom ? "\uFEFF" : "") + read.text;
  const output = settings.markdown ? restoreByteFacts(result.output, read) : result.output;
  // a final newline added (or dropped) alone is no change
  const changed = settings.markdown ? !sameText(output, original) : true;
  const done: UnitDone = {
    kind: "done",
    messages: read.notes.length ? [...read.notes, ...result.messages] : result.messages,
    shortcodes: result.stats?.shortcodes ?? {},
    changed,
    ...(rewrite ? { links: rewrite.findings } : {}),
  };
  if (settings.keepOutput) {
    done.output = output;
    done.original = original;
  }
  if (settings.check)
    return compared(done, task, settings.check, options, env, { text: read.text, output: result.output, original, restored: output, crlf: read.crlf });

  // write
  return task.target ? write(done, output, task.target, settings, env) : done;
}

/** A `line` (read as a record here) or `text` unit (a record's body): converted, the record's line serialized again. */
function processRecord(task: UnitTask, settings: UnitSettings, options: ConvertOptions, env: UnitEnv): UnitOutcome {
  const { input } = task;
  let body: string;
  let key: string | undefined;
  let object: Record<string, unknown> | undefined;
  const recordSettings = settings.record ?? NO_RECORD;
  if (input.kind === "line") {
    const read = readRecord(input, recordSettings);
    if (read.kind !== "record") return read;
    key = read.key;
    object = read.object;
    if (typeof read.body !== "string") return { kind: "no-field", key };
    body = read.body;
  } else if (input.kind === "text") {
    body = input.text;
  } else {
    throw new Error(`not a record unit: ${input.kind}`);
  }
  const rewrite = linkRewrite(task, options, env, body);
  let result: ConvertResult;
  let line: string | undefined;
  try {
    result = env.convert(body, rewrite?.options ?? options);
    if (object) line = recordLine(object, recordSettings, result.output, settings.markdown);
  } catch (error) {
    return crashed(error, key);
  }
  const eol = lineEndings(body);
  const notes = textNotes(body, eol);
  // check compares a body with its own line endings (convert writes the converter's)
  const output = settings.check ? restoreByteFacts(result.output, { bom: false, crlf: eol === "crlf", eol, text: body }) : result.output;
  const done: UnitDone = {
    kind: "done",
    ...(key === undefined ? {} : { key }),
    messages: notes.length ? [...notes, ...result.messages] : result.messages,
    shortcodes: result.stats?.shortcodes ?? {},
    changed: settings.markdown ? !sameText(output, body) : true,
    ...(line === undefined ? {} : { line }),
    ...(rewrite ? { links: rewrite.findings } : {}),
  };
  if (settings.keepOutput) {
    done.output = result.output;
    done.original = body;
  }
  if (settings.check)
    return compared(done, task, settings.check, options, env, { text: body, output: result.output, original: body, restored: output, crlf: eol === "crlf" });
  return done;
}

/** `check`: a changed unit's would-change places (and diff); a failure of the comparison is the unit's crash. */
function compared(
  done: UnitDone,
  task: UnitTask,
  check: { diff: boolean },
  options: ConvertOptions,
  env: UnitEnv,
  unit: Omit<ChangedUnit, "name" | "compat" | "diff">,
): UnitDone | Crashed {
  if (!done.changed) return done;
  try {
    if (!env.findChanges) throw new Error("check's comparison is not loaded on this thread");
    const found = env.findChanges({ ...unit, name: task.name ?? "<input>", compat: options.compat ?? "repair", diff: check.diff });
    done.findings = found.findings;
    if (found.diff !== undefined) done.diff = found.diff;
  } catch (error) {
    return crashed(error, done.key);
  }
  return done;
}

/** The options with this unit's link rewrite, when the run rewrites links and the task names its output path. */
function linkRewrite(task: UnitTask, options: ConvertOptions, env: UnitEnv, source: string): ReturnType<typeof withLinkRewrite> | undefined {
  return task.link && env.links ? withLinkRewrite(options, env.links, task.link.outputPath, source) : undefined;
}

/** The result of a text with nothing but white space, to markdown: the text itself. */
function blankResult(text: string): ConvertResult {
  return { output: text, messages: [], changed: false, stats: { shortcodes: {}, converted: 0, kept: 0, dropped: 0, escaped: 0 } };
}

function crashed(error: unknown, key?: string): Crashed {
  return { kind: "crash", ...(key === undefined ? {} : { key }), error: (error as Error)?.message ?? String(error) };
}

/** The write step ({@link writeTarget}: the one write of an output file). */
function write(done: UnitDone, output: string, target: UnitTarget, settings: UnitSettings, env: UnitEnv): UnitDone {
  return Object.assign(done, writeTarget(target, Buffer.from(output, "utf8"), done.changed, env, settings.fsync ?? true));
}
