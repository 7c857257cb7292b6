import type { CompatMode, PresetName } from "../../config/enums.js";
import type { RunEvent } from "../../run/outcome.js";
import { decodeInput, isProblem, problemFromError, type InputProblem, type ReadText } from "../../io/read.js";
import { CensusBuilder, formatCensusText } from "../../report/census.js";
import { brokenLine, lineResult, missingField } from "../../run/convert-archives.js";
import { problemMessage } from "../../run/convert-files.js";
import { readRecord } from "../../run/record.js";
import { isStdinOnly, loadRunConfig, readsArchives } from "../../run/settings.js";
import { fileUnit, findInputs, noInputsError } from "../../run/sources/files.js";
import { findArchiveSources, openArchive } from "../../run/sources/ndjson.js";
import { eachSource, listSources } from "../../run/sources/streams.js";
import { stdinUnit } from "../../run/sources/stdin.js";
import { exportPosts, findExportSources, openExport, readsWxr } from "../../run/sources/wxr.js";
import { placeInExport, type WxrIndex, type WxrPost, type WxrUnit } from "../../wxr/index.js";
import type { InputFile } from "../../io/expand.js";
import type { Message } from "../../ast/types.js";
import type { ReportMessage } from "../../report/types.js";
import type { Unit } from "../../run/sources/unit.js";
import { Tally } from "../../run/tally.js";
import { startRun, writeOut, type CommonFlags, type Context, type Run } from "../context.js";
import type { ExitCode } from "../errors.js";
import { finish } from "../finish.js";
import type { CensusSummary, LinkCensus } from "../../links/census.js";
import { maybeProgress, tell } from "../reporter.js";

/** Flags of `scan`. */
export interface ScanFlags extends CommonFlags {
  format: "text" | "json";
  ignore?: string[];
  compat: CompatMode;
  /** `auto` (default): `.ndjson`/`.jsonl` operands are archives, `.xml` WordPress exports when they are; `text`; `ndjson`; `wxr`. */
  inputFormat?: "auto" | "text" | "ndjson" | "wxr";
  field?: string;
  idField?: string;
  /** The rules a tag is "covered" by: `--preset` (else the config's, else `sozcu`) and the config's rules. */
  preset?: PresetName[];
  config?: string;
  /** The related-news link census (NDJSON archives), see `run/links.ts`. */
  urlField?: string[];
  siteHost?: string[];
  linkIdPattern?: string;
}

/** Whether the active rules (preset and config, as `convert` would use them) handle a tag. */
async function activeRules(run: Run, flags: ScanFlags): Promise<(tag: string) => boolean> {
  const notes: RunEvent[] = [];
  const config = await loadRunConfig(run.ctx, flags.config, notes);
  for (const note of notes) await tell(run, note);
  const { normalizeOptions } = await import("../../convert/settings.js");
  const { registry } = normalizeOptions({ ...(flags.preset ? { preset: flags.preset } : {}), ...(config ? { config } : {}) });
  return (tag) => registry.get(tag) !== undefined;
}

/** Read and decode one unit; a unit that cannot be used is a problem. */
async function readUnit(unit: Unit): Promise<ReadText | InputProblem> {
  try {
    return decodeInput(await unit.read());
  } catch (error) {
    return problemFromError(error);
  }
}

/** An input that could not be used: told and counted. */
async function problem(run: Run, tally: Tally, display: string, read: InputProblem): Promise<void> {
  await tell(run, { kind: "problem", message: problemMessage(display, read) });
  tally.problem(display, read);
}

/** `shortcode-migrate scan <paths…>`: the census a migration starts with. */
export async function runScan(ctx: Context, operands: string[], rawFlags: Record<string, unknown>): Promise<ExitCode> {
  const flags = rawFlags as unknown as ScanFlags;
  const stdin = isStdinOnly(operands);
  const run = startRun(ctx, flags);
  const isRule = await activeRules(run, flags);
  if (readsArchives(operands, flags.inputFormat)) return scanArchives(run, operands, flags, stdin, isRule);
  if ((stdin && flags.inputFormat === "wxr") || (await readsWxr(ctx, operands, flags.inputFormat))) return scanWxr(run, operands, flags, stdin, isRule);
  const tally = new Tally();
  let units: Unit[] = [stdinUnit(ctx)];
  if (!stdin) {
    const found = await findInputs(ctx, operands, flags.ignore, [], undefined, run.progressAllowed);
    tally.ignored = found.ignored.length;
    if (found.files.length === 0 && found.problems.length === 0) {
      throw await noInputsError(ctx, operands, flags.ignore, 0);
    }
    tally.files += found.problems.length;
    for (const { display, problem: p } of found.problems) await problem(run, tally, display, p);
    units = found.files.map((file) => fileUnit(ctx, file));
  }
  const engine = await ctx.engine();
  const census = new CensusBuilder(isRule);
  const progress = maybeProgress(run, units);
  const links = await linkCensus(run, operands, flags, false);
  for (const unit of units) {
    tally.files++;
    const read = await readUnit(unit);
    progress?.tick(unit.size);
    if (isProblem(read)) {
      await problem(run, tally, unit.id, read);
      continue;
    }
    const { tree, messages } = engine.parse(read.text, { tags: "all", compat: flags.compat });
    for (const m of messages) tally.count(m);
    census.addFile(unit.id, read.text, tree, messages);
    links?.add(unit.id, read.text);
    tally.converted++;
  }
  return endScan(run, flags, tally, census, isRule, "file", links?.census.summary());
}

/**
 * `scan` of NDJSON archives: each record's `--field` counted as a file of its own would be,
 * located as `<archive>#<id>:line:column` (in its body); a line that is no record is an error
 * at its line of the archive, a record without the field a warning.
 */
async function scanArchives(run: Run, operands: string[], flags: ScanFlags, stdin: boolean, isRule: (tag: string) => boolean): Promise<ExitCode> {
  const tally = new Tally();
  // a problem is a line on stderr, said at once
  const told = (event: RunEvent) => void tell(run, event);
  const archives = await listSources(stdin, () => findArchiveSources(run.ctx, operands, flags.ignore, []), tally, told);
  const engine = await run.ctx.engine();
  const census = new CensusBuilder(isRule);
  const field = flags.field ?? "body";
  const settings = { field, idField: flags.idField ?? "id" };
  // The related-news link census: a first pass indexes every record's old URLs.
  const links = stdin ? undefined : await linkCensus(run, operands, flags, true);
  await eachSource(
    archives,
    (archive, name) => openArchive(run.ctx, archive, name),
    tally,
    told,
    async (opened, archiveName) => {
      for await (const unit of opened.units()) {
        const { line, bytes } = unit.record!;
        const read = readRecord({ line, bytes }, settings);
        if (read.kind === "blank" || read.kind === "other-shard") continue;
        const result = lineResult(bytes.length);
        if (read.kind === "broken") brokenLine(result, archiveName, line, read);
        else {
          result.tally.files++;
          const name = `${archiveName}#${read.key}`;
          if (typeof read.body !== "string") missingField(result, archiveName, line, name, field, "not scanned");
          else {
            const { tree, messages } = engine.parse(read.body, { tags: "all", compat: flags.compat });
            for (const m of messages) result.tally.count(m);
            census.addFile(name, read.body, tree, messages);
            links?.add(name, read.body);
            result.tally.converted++;
          }
        }
        tally.merge(result.tally);
        for (const event of result.events) await tell(run, event);
      }
    },
  );
  return endScan(run, flags, tally, census, isRule, "record", links?.census.summary());
}

/**
 * The related-news link census: every box's `link=` resolved against the archives' index
 * (`--url-field`), or, for article files, against `--site-host` alone; none when no link can be the old site's.
 */
async function linkCensus(
  run: Run,
  operands: string[],
  flags: ScanFlags,
  archives: boolean,
): Promise<{ census: LinkCensus; add(name: string, body: string): void } | undefined> {
  const { scanLinkIndex } = await import("../../run/links.js");
  const index = await scanLinkIndex(
    run.ctx,
    { archives, operands, ignore: flags.ignore, field: flags.field ?? "body", idField: flags.idField ?? "id", preset: flags.preset },
    flags,
  );
  if (!index) return undefined;
  const { LinkCensus } = await import("../../links/census.js");
  const { relatedNewsLinks } = await import("../../links/related-news.js");
  const census = new LinkCensus();
  return {
    census,
    add: (name, body) =>
      census.add(
        name,
        relatedNewsLinks(body, (url) => index.resolve(url, ""), { compat: flags.compat }),
      ),
  };
}

/** Positions in a post's body moved to their places in the export file (where the body maps back). */
function placeInFile(post: WxrPost, node: unknown): void {
  if (!node || typeof node !== "object") return;
  const position = (
    node as { position?: { start?: { line: number; column: number; offset?: number }; end?: { line: number; column: number; offset?: number } } }
  ).position;
  for (const point of [position?.start, position?.end]) {
    if (point?.offset === undefined) continue;
    const place = placeInExport(post, point.offset);
    if (place) {
      point.line = place.line;
      point.column = place.column;
    }
  }
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const child of value) placeInFile(post, child);
  }
}

/**
 * `scan` of WordPress exports: each post and page counted as a file of its own would be,
 * located as `export.xml#<post id>:line:column` (a place in the export file); a malformed
 * export is an error at its break, after the posts before it.
 */
async function scanWxr(run: Run, operands: string[], flags: ScanFlags, stdin: boolean, isRule: (tag: string) => boolean): Promise<ExitCode> {
  const tally = new Tally();
  run.ctx.readingExports?.();
  const told = (event: RunEvent) => void tell(run, event);
  const exports = await listSources(stdin, () => findExportSources(run.ctx, operands, flags.ignore, []), tally, told);
  const engine = await run.ctx.engine();
  const census = new CensusBuilder(isRule);
  // the link census's index rides on each export's first pass, which the scan then reuses
  const indexes = new Map<string, WxrIndex>();
  const links = await exportLinkCensus(run, exports, flags, indexes);
  const open = (file: InputFile | null, name: string) => openExport(run.ctx, file, name, {}, file ? indexes.get(file.path) : undefined);
  await eachSource(exports, open, tally, told, async (opened, name) => {
    // the break of a malformed export, after the posts before it
    const fatal: ReportMessage[] = [];
    // scan names no file: no renames
    const posts = exportPosts(opened.events, name, tally, fatal, { renames: false, tell: (message) => told({ kind: "messages", messages: [message] }) });
    for await (const unit of posts) {
      const { post, id } = unit;
      tally.files++;
      const { tree, messages } = engine.parse(post.content, { tags: "all", compat: flags.compat });
      placeInFile(post, tree);
      for (const m of messages as Message[]) placeInFile(post, m);
      for (const m of messages) tally.count(m);
      census.addFile(id, post.content, tree, messages);
      links?.add(unit);
      tally.converted++;
    }
    for (const message of fatal) told({ kind: "problem", message });
  });
  return endScan(run, flags, tally, census, isRule, "post", links?.census.summary());
}

/**
 * The related-news link census of exports: every box's `link=` resolved against the exports'
 * own index (their posts and attachments), dead ones placed in the export file; none for stdin
 * (read once) or when the exports name no old URL.
 */
async function exportLinkCensus(
  run: Run,
  exports: Array<InputFile | null>,
  flags: ScanFlags,
  indexes: Map<string, WxrIndex>,
): Promise<{ census: LinkCensus; add(unit: WxrUnit): void } | undefined> {
  const files = exports.filter((file): file is InputFile => file !== null);
  if (files.length === 0) return undefined;
  const { scanIndexOptions } = await import("../../run/links.js");
  const { exportScanIndex } = await import("../../run/wxr-links.js");
  const index = await exportScanIndex(run.ctx, files, scanIndexOptions(flags, flags.preset), indexes);
  if (index.toJSON().hosts.length === 0) return undefined;
  const { LinkCensus } = await import("../../links/census.js");
  const { relatedNewsLinks } = await import("../../links/related-news.js");
  const census = new LinkCensus();
  return {
    census,
    add: ({ id, post, outPath }) => {
      const outcomes = relatedNewsLinks(post.content, (url) => index.resolve(url, outPath), { compat: flags.compat });
      for (const outcome of outcomes) {
        const place = outcome.position ? placeInExport(post, outcome.position.start.offset) : null;
        if (place)
          outcome.position = { start: { ...place, offset: outcome.position!.start.offset }, end: { ...place, offset: outcome.position!.start.offset } };
      }
      census.add(id, outcomes);
    },
  };
}

/** The census out (which tags the active rules cover), then the summary. */
async function endScan(
  run: Run,
  flags: ScanFlags,
  tally: Tally,
  census: CensusBuilder,
  isRule: (tag: string) => boolean,
  noun: "file" | "record" | "post",
  links?: CensusSummary,
): Promise<ExitCode> {
  const result = census.finish(isRule);
  if (flags.format === "json") await writeOut(run.ctx.stdout, JSON.stringify(links ? { ...result, links } : result, null, 2) + "\n");
  else {
    await writeOut(run.ctx.stdout, formatCensusText(result, run.outColor));
    if (links) await writeOut(run.ctx.stdout, `\n${(await import("../../links/census.js")).formatLinkCensus(links)}`);
  }
  return finish(run, tally, { command: "scan", verb: "scanned", noun });
}
