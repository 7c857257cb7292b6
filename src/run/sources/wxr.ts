/**
 * WordPress exports (WXR, `export.xml`): one unit per post or page, streamed (two passes over
 * a file: an index of attachments and reusable blocks, then the posts; one pass over stdin).
 * The post's body is extracted here, on the main thread, and converted as a `text` unit; its
 * metadata (the front matter) stays here for the sink.
 */
import path from "node:path";
import type { InputFile } from "../../io/expand.js";
import type { MediaLibrary } from "../../convert/types.js";
import type { ReportMessage } from "../../report/types.js";
import { inShard, type Shard } from "../../scale/shard.js";
import {
  looksLikeWxr,
  WXR_SNIFF_LENGTH,
  WxrPathNamer,
  wxrPostSettings,
  wxrUnits,
  type WxrIndex,
  type WxrUnit,
  type WxrUnitEvent,
  type WxrUnitOptions,
} from "../../wxr/index.js";
import type { RunEnv } from "../env.js";
import type { Tally } from "../tally.js";
import { UsageError } from "../errors.js";
import { findSources, unreadableSource, type FoundSources, type SourceProblem as ArchiveProblem } from "./streams.js";

/** Extensions an export may have: `--input-format auto` looks inside such operands. */
const WXR_EXTENSIONS = [".xml"];

/**
 * The reading options of a WXR run, checked now (a {@link UsageError} before any work):
 * post types, statuses, custom fields, the path template.
 *
 * @param flag how each option is named on the command line, for the message
 */
export function wxrReadOptions(
  options: WxrUnitOptions,
  flag: Partial<Record<"postTypes" | "statuses" | "pathTemplate" | "utcOffset", string>> = {},
): WxrUnitOptions {
  try {
    wxrPostSettings(options);
  } catch (error) {
    const message = (error as Error).message;
    const which = /UTC offset/.test(message) ? flag.utcOffset : /post type/.test(message) ? flag.postTypes : flag.statuses;
    throw new UsageError(which ? `${which}: ${message}` : message);
  }
  try {
    new WxrPathNamer(options.pathTemplate);
  } catch (error) {
    throw new UsageError(`${flag.pathTemplate ?? "path template"}: ${(error as Error).message}`);
  }
  return options;
}

/** The first bytes of a file (empty when it cannot be read: the run reports that later). */
async function head(env: Pick<RunEnv, "fs">, file: string): Promise<string> {
  let handle;
  try {
    handle = await env.fs.open(file, "r");
    const buffer = Buffer.alloc(WXR_SNIFF_LENGTH);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString("utf8");
  } catch {
    return "";
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Whether the run reads WordPress exports: `--input-format wxr`, or `auto` with operands named
 * `*.xml` whose first bytes are a WXR `<rss>` root ({@link looksLikeWxr}). Under `auto`, an
 * export mixed with other operands is a usage error (one run, one kind of input); an `.xml`
 * that is no export stays article text, as before.
 */
export async function readsWxr(env: Pick<RunEnv, "cwd" | "fs">, operands: readonly string[], inputFormat: string | undefined): Promise<boolean> {
  if (inputFormat === "wxr") return true;
  if (inputFormat !== undefined && inputFormat !== "auto") return false;
  const xml = operands.filter((o) => WXR_EXTENSIONS.includes(path.extname(o).toLowerCase()));
  if (xml.length === 0) return false;
  const exports: string[] = [];
  for (const operand of xml) if (looksLikeWxr(await head(env, path.resolve(env.cwd, operand)))) exports.push(operand);
  if (exports.length === 0) return false;
  if (exports.length < operands.length) {
    const other = operands.find((o) => !exports.includes(o))!;
    throw new UsageError(`${exports[0]} is a WordPress export but ${other} is not: run them separately, or pass --input-format wxr (every operand an export)`);
  }
  return true;
}

/**
 * The exports the operands name (`*.xml` in folders), and those that cannot be listed. A usage
 * error when there is none at all.
 */
export function findExportSources(
  env: Pick<RunEnv, "cwd" | "fs">,
  operands: readonly string[],
  ignore: readonly string[] | undefined,
  exclude: readonly string[],
): Promise<FoundSources> {
  return findSources(env, operands, ignore, exclude, WXR_EXTENSIONS, "WordPress exports");
}

/** One export opened for streaming. */
export interface OpenedExport {
  name: string;
  /** Its events: channel, a unit per post, problems (located), the summary. */
  events: AsyncGenerator<WxrUnitEvent, void, undefined>;
  close(): Promise<void>;
}

/**
 * Open one export (or stdin, `null`: read once, so only what comes before a post resolves).
 * One that cannot be opened is a problem. With `index` (its first pass, read already by the
 * link index), the export is read once more only.
 */
export async function openExport(
  env: Pick<RunEnv, "fs" | "stdin">,
  file: InputFile | null,
  name: string,
  options: WxrUnitOptions,
  index?: WxrIndex,
): Promise<OpenedExport | ArchiveProblem> {
  if (file === null) return { name, events: wxrUnits({ once: env.stdin }, name, options), close: async () => undefined };
  const handles: Array<Awaited<ReturnType<RunEnv["fs"]["open"]>>> = [];
  try {
    handles.push(await env.fs.open(file.path, "r"));
  } catch (error) {
    return unreadableSource(name, error);
  }
  // The first pass reads the handle opened above; the second one more (a fresh stream from the start).
  let opened = 0;
  const open = () => {
    if (opened++ === 0) return handles[0]!.createReadStream({ highWaterMark: 1 << 16, autoClose: false, start: 0 });
    return (async function* () {
      const handle = await env.fs.open(file.path, "r");
      handles.push(handle);
      yield* handle.createReadStream({ highWaterMark: 1 << 16, autoClose: false, start: 0 });
    })();
  };
  return {
    name,
    events: wxrUnits(open, name, options, index),
    close: async () => {
      for (const handle of handles) await handle.close().catch(() => undefined);
    },
  };
}

/** A located problem of an export as a report message. */
function wxrMessage(
  file: string,
  problem: { severity: "error" | "warning"; reason: string; ruleId: string; place: { line: number; column: number } },
): ReportMessage {
  const { line, column } = problem.place;
  return { file, line, column, endLine: line, endColumn: column, severity: problem.severity, ruleId: problem.ruleId, reason: problem.reason };
}

/** Problems of file naming (a draft without slug, a taken slug): said only where files are named. */
const RENAME_RULES: ReadonlySet<string> = new Set(["wxr-no-slug", "wxr-collision"]);

/**
 * Count a problem of the export itself (not of a post's body): an error is where the export
 * cannot be read past (kept in `fatal`, told after the posts before it, and a failed post);
 * a warning is told at once.
 */
function tallyExportProblem(
  name: string,
  problem: Parameters<typeof wxrMessage>[1],
  tally: Tally,
  fatal: ReportMessage[],
  tell: (message: ReportMessage) => void,
): void {
  const message = wxrMessage(name, problem);
  if (problem.severity === "error") {
    fatal.push(message);
    tally.errors++;
    const failed = { file: `${name}:${problem.place.line}:${problem.place.column}`, reason: "malformed export" };
    tally.failed.push(failed);
    tally.unreadable.push(failed);
  } else {
    tell(message);
    tally.warnings++;
  }
}

/** How {@link exportPosts} tells what it meets beside the posts. */
export interface ExportPostsOptions {
  /** `--shard`: posts of other shards are left out (by their output path). */
  shard?: Shard;
  /** Problems of file naming are told (only where files are named, see {@link RENAME_RULES}). */
  renames: boolean;
  /** A warning of the export (errors go to `fatal`, see {@link tallyExportProblem}). */
  tell(message: ReportMessage): void;
  /** The export's posts are counted (a progress bar may start). */
  listed?(posts: number): void;
  /** The export is read to its end (or its break). */
  summary?(summary: Extract<WxrUnitEvent, { kind: "summary" }>["summary"]): void;
  /** No more posts are wanted (a write failed). */
  stop?(): boolean;
}

/** The posts of an opened export as units, its own problems counted ({@link tallyExportProblem}). */
export async function* exportPosts(
  events: AsyncIterable<WxrUnitEvent>,
  name: string,
  tally: Tally,
  fatal: ReportMessage[],
  options: ExportPostsOptions,
): AsyncGenerator<WxrUnit, void, undefined> {
  for await (const event of events) {
    if (options.stop?.()) return;
    if (event.kind === "unit") {
      if (options.shard && !inShard(event.unit.outPath, options.shard)) continue;
      yield event.unit;
    } else if (event.kind === "problem") {
      if (!options.renames && RENAME_RULES.has(event.problem.ruleId)) continue;
      // an error: the export cannot be read past here; the posts before are done already
      tallyExportProblem(name, event.problem, tally, fatal, options.tell);
    } else if (event.kind === "summary") {
      options.summary?.(event.summary);
    } else if (event.kind === "listed") {
      options.listed?.(event.posts);
    }
  }
}

/** The attachments a post's body may show, as the converter takes them (plain data: it goes to a worker with the post). */
export function mediaOf(unit: WxrUnit): MediaLibrary {
  return { postId: unit.post.id, attachments: unit.attachments };
}
