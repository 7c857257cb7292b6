/**
 * Flags and config → one settings object per run, made once, with every conflict rejected
 * here (a {@link UsageError}, exit 2, before any work).
 */
import path from "node:path";
import type { CompatMode, PresetName, RelatedNewsStyle, UnknownPolicy } from "../config/enums.js";
import type { UserConfig } from "../config/types.js";
import type { ConvertOptions, InputFormat, OutputFormat } from "../convert/types.js";
import { displayPath } from "../io/expand.js";
import type { Shard } from "../scale/shard.js";
import type { RunEnv } from "./env.js";
import { UsageError } from "./errors.js";
import type { RunEvent } from "./outcome.js";
import { ARCHIVE_EXTENSIONS } from "./sources/files.js";
import { readsWxr, wxrReadOptions } from "./sources/wxr.js";
import type { WxrUnitOptions } from "../wxr/index.js";
import { linkSettings, type LinkFlags, type LinkSettings } from "./links.js";

/** `--concurrency`, `--timeout`, `--cache`, `--cache-location`, `--shard`, as commander parses them. */
export interface ScaleFlags {
  concurrency?: number;
  /** `--timeout`: seconds per article on a worker (0: no limit). */
  timeout?: number;
  cache?: boolean;
  cacheLocation?: string;
  shard?: string;
}

/** The conversion flags `convert` and `check` share, as commander parses them. */
export interface ConversionFlags extends ScaleFlags {
  ignore?: string[];
  compat: CompatMode;
  inputFormat: "auto" | InputFormat | "ndjson" | "wxr";
  field: string;
  idField: string;
  /** `--preset a,b`, already read by `parsePresetList()`. */
  preset?: PresetName[];
  style?: RelatedNewsStyle;
  locale?: string;
  unknown?: UnknownPolicy;
  positions?: boolean;
  /** `--body-format`: how NDJSON records' bodies are written (default: text). */
  bodyFormat?: InputFormat;
  /** `--keep-block-comments`. */
  keepBlockComments?: boolean;
  /** `--strip-tags a,b`. */
  stripTags?: string;
  /** `--config FILE`. */
  config?: string;
  report?: string;
}

/** WordPress export flags of `convert` (`--post-type`, `--status`, `--meta`, `--path`), as commander parses them. */
interface WxrFlags {
  postType?: string;
  status?: string;
  meta?: string;
  /** `--path TEMPLATE`. */
  path?: string;
  /** `--front-matter a,b`: NDJSON records' fields written as front matter. */
  frontMatter?: string;
  /** `--utc-offset +03:00`. */
  utcOffset?: string;
}

/** Flags of `convert`, as commander parses them. */
export interface ConvertFlags extends ConversionFlags, WxrFlags, LinkFlags {
  outDir?: string;
  write?: boolean;
  to: OutputFormat;
  dryRun?: boolean;
  diff?: boolean;
}

/** Where converted text goes. */
type Destination = "stdout" | "out-dir" | "write" | "none";

/** Formats of `--report`, by the file's extension. */
export type ReportFormat = "json" | "md" | "html";

/** Everything a run of `convert` is told, resolved once. */
export interface ConvertSettings {
  operands: readonly string[];
  /** The operands are exactly `-`. */
  stdin: boolean;
  /** The inputs are NDJSON archives (`--input-format ndjson`, or `auto` and every operand `*.ndjson`/`*.jsonl`). */
  archives: boolean;
  /** The inputs are WordPress exports (`--input-format wxr`, or `auto` and every operand an `*.xml` export): how to read them. */
  wxr: WxrUnitOptions | undefined;
  /** `--front-matter`: the fields of each NDJSON record written as YAML front matter of its markdown file. */
  frontMatter: string[] | undefined;
  destination: Destination;
  /** `--out-dir`, absolute. */
  outDir: string | undefined;
  /** `--write`. */
  write: boolean;
  to: OutputFormat;
  dryRun: boolean;
  /** `--diff`: every changed file's diff on stdout. */
  diff: boolean;
  /** `--report FILE` and its format. */
  report: { file: string; format: ReportFormat } | undefined;
  /** Diffs are computed (`--diff`, or a report that shows them). */
  wantDiffs: boolean;
  ignore: readonly string[] | undefined;
  inputFormat: ConversionFlags["inputFormat"];
  field: string;
  idField: string;
  /** The converter's options but `inputFormat` (the config in force included). */
  options: ConvertOptions;
  /** `--cache`: where (`undefined`: the default location), or no cache. */
  cache: { location: string | undefined } | undefined;
  shard: Shard | undefined;
  executor: { concurrency?: number; timeout?: number; lazy?: boolean };
  /** Links, images and redirects (`links.ts`); none: nothing is rewritten. */
  links: LinkSettings | undefined;
}

/** The operands are exactly `-`. Mixing `-` with paths is a usage error. */
export function isStdinOnly(operands: readonly string[]): boolean {
  if (operands.includes("-") && operands.length > 1) {
    throw new UsageError(`- (stdin) cannot be mixed with other paths (got ${operands.map((o) => `"${o}"`).join(" ")}); run them separately`);
  }
  return operands.length === 1 && operands[0] === "-";
}

/**
 * Whether the run reads NDJSON archives: `--input-format ndjson`, or `auto` (the default) with
 * every operand named `*.ndjson`/`*.jsonl` (a file or a glob), so an archive is never converted
 * as one article text by mistake. Archives mixed with other operands under `auto` are a usage error.
 */
export function readsArchives(operands: readonly string[], inputFormat: string | undefined): boolean {
  if (inputFormat === "ndjson") return true;
  if (inputFormat !== undefined && inputFormat !== "auto") return false;
  const archives = operands.filter((o) => ARCHIVE_EXTENSIONS.includes(path.extname(o).toLowerCase()));
  if (archives.length === 0) return false;
  if (archives.length < operands.length) {
    const other = operands.find((o) => !archives.includes(o))!;
    throw new UsageError(
      `${archives[0]} is an NDJSON archive but ${other} is not: run them separately, or pass --input-format ndjson (every operand an archive) or --input-format text (archives read as article text)`,
    );
  }
  return true;
}

/** A comma-separated list flag as a list (`undefined` when not given). */
function listFlag(value: string | undefined): string[] | undefined {
  return value === undefined
    ? undefined
    : value
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean);
}

/**
 * Whether the run reads WordPress exports (see {@link readsWxr}) and, when it does, how: the
 * `--post-type`, `--status`, `--meta` and `--path` flags, checked now. Those flags on other
 * inputs, and outputs an export cannot have, are usage errors.
 */
async function wxrSettings(env: Pick<RunEnv, "cwd" | "fs">, operands: readonly string[], flags: ConvertFlags): Promise<WxrUnitOptions | undefined> {
  // (--keep-block-comments applies to every input: the converter keeps them in other bodies too)
  const given = (["postType", "status", "meta", "path", "utcOffset"] as const).filter((k) => flags[k] !== undefined);
  const names = { postType: "--post-type", status: "--status", meta: "--meta", path: "--path", utcOffset: "--utc-offset" } as const;
  const stdinWxr = flags.inputFormat === "wxr" && operands.length === 1 && operands[0] === "-";
  if (!stdinWxr && !(await readsWxr(env, operands, flags.inputFormat))) {
    if (given.length) throw new UsageError(`${names[given[0]!]} applies to WordPress exports only (an .xml export, or --input-format wxr)`);
    return undefined;
  }
  if (flags.write)
    throw new UsageError("--write is not available for WordPress exports; use --out-dir DIR (a file per post) or redirect stdout (> posts.ndjson)");
  if (flags.to === "mdast")
    throw new UsageError("--to mdast is not available for WordPress exports; use --to markdown (front matter) or --to json ({ meta, blocks })");
  const options: WxrUnitOptions = {};
  const postTypes = listFlag(flags.postType);
  const statuses = listFlag(flags.status);
  const meta = listFlag(flags.meta);
  if (postTypes) options.postTypes = postTypes;
  if (statuses) {
    if (statuses.length === 0) throw new UsageError('--status "": expected statuses, e.g. publish,draft');
    options.statuses = statuses;
  }
  if (meta) {
    if (meta.length === 0) throw new UsageError('--meta "": expected custom field names, e.g. subtitle,source');
    options.meta = meta;
  }
  if (flags.utcOffset !== undefined) options.utcOffset = flags.utcOffset;
  if (flags.keepBlockComments) options.keepBlockDelimiters = true;
  if (flags.path !== undefined) options.pathTemplate = flags.path;
  else if (flags.to === "json") options.pathTemplate = "{section}/{slug}.json";
  return wxrReadOptions(options, { postTypes: "--post-type", statuses: "--status", pathTemplate: "--path", utcOffset: "--utc-offset" });
}

/** Validate `--report FILE` before any work: the extension picks the format. */
export function reportFormat(file: string | undefined): ReportFormat | undefined {
  if (file === undefined) return undefined;
  const ext = path.extname(file).toLowerCase();
  if (ext === ".json") return "json";
  if (ext === ".md" || ext === ".markdown") return "md";
  if (ext === ".html" || ext === ".htm") return "html";
  throw new UsageError(`--report "${file}": unknown report format "${ext || "(no extension)"}"; use a .json, .md or .html file name`);
}

/** Whether a report of this format shows each changed file's diff (so diffs must be computed). */
export function reportHasDiffs(format: ReportFormat | undefined): boolean {
  return format === "md" || format === "html";
}

/** Parse `--shard` (commander has checked its form). */
export async function parseShardSetting(value: string | undefined): Promise<Shard | undefined> {
  if (value === undefined) return undefined;
  const { parseShard } = await import("../scale/shard.js");
  try {
    return parseShard(value);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `--cache`/`--cache-location`: where, or no cache. */
export function cacheSetting(flags: ScaleFlags): { location: string | undefined } | undefined {
  if (!flags.cache && flags.cacheLocation === undefined) return undefined;
  if (flags.cacheLocation === "") throw new UsageError('--cache-location "": expected a file name');
  return { location: flags.cacheLocation };
}

/** The converter's options from the flags and the config in force: only what was given (the config, then the preset, fill in the rest). */
export function conversionOptions(flags: ConversionFlags, to: OutputFormat, config: UserConfig | undefined): ConvertOptions {
  const options: ConvertOptions = { to, compat: flags.compat };
  if (flags.preset !== undefined) options.preset = flags.preset;
  if (flags.style !== undefined) options.style = flags.style;
  if (flags.locale !== undefined) options.locale = flags.locale;
  if (flags.unknown !== undefined) options.unknown = flags.unknown;
  if (flags.positions) options.positions = true;
  if (flags.keepBlockComments) options.blockComments = "keep";
  const strip = listFlag(flags.stripTags);
  if (strip) {
    const bad = strip.find((tag) => !/^[a-zA-Z][a-zA-Z0-9-]*$/.test(tag));
    if (bad !== undefined || strip.length === 0)
      throw new UsageError(`--strip-tags "${flags.stripTags}": expected HTML tag names, comma-separated, e.g. script,style`);
    options.stripTags = strip;
  }
  // (NDJSON bodies only: the archive routes take it; a file's format goes by --input-format)
  if (flags.bodyFormat !== undefined) options.inputFormat = flags.bodyFormat;
  if (config) options.config = config;
  return options;
}

/** `--body-format` applies to NDJSON archives only. */
export function checkBodyFormat(flags: ConversionFlags, archives: boolean): void {
  if (flags.bodyFormat !== undefined && !archives)
    throw new UsageError(
      "--body-format applies to NDJSON archives only (--input-format ndjson, or .ndjson/.jsonl files); a file's own format is --input-format",
    );
}

/**
 * Load the config in force — `--config FILE`, else `shortcode-migrate.config.json` found from
 * the working folder upward. A JS config found on the way up is never loaded implicitly (a
 * folder must not be able to run code); a warning says so. An invalid config is a usage error
 * (exit 2) naming each key and what was expected.
 *
 * @param notes receives what to tell (the file used, a JS config left alone)
 */
export async function loadRunConfig(env: Pick<RunEnv, "cwd">, configFlag: string | undefined, notes: RunEvent[]): Promise<UserConfig | undefined> {
  const { loadConfig, findIgnoredJsConfig } = await import("../config/load.js");
  let loaded;
  try {
    loaded = await loadConfig({ cwd: env.cwd, ...(configFlag !== undefined ? { path: configFlag } : {}) });
  } catch (error) {
    const detail = (error as { errors?: string[] }).errors;
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? `config file not found: ${configFlag}`
        : detail
          ? `invalid config ${displayPath(env.cwd, (error as Error).message.replace(/^Invalid config (.*?):[\s\S]*$/, "$1"))}: ${detail.join("; ")}`
          : (error as Error).message;
    throw new UsageError(why);
  }
  if (loaded) {
    notes.push({ kind: "verbose", text: `config: ${displayPath(env.cwd, loaded.file)}` });
    return loaded.config;
  }
  if (configFlag === undefined) {
    const js = findIgnoredJsConfig(env.cwd);
    if (js)
      notes.push({ kind: "warn", text: `${displayPath(env.cwd, js)} was not loaded: JS configs run code, so they are used only when named with --config` });
  }
  return undefined;
}

/**
 * `convert`'s settings: conflicting flags are rejected (saying what to do instead), the config
 * in force is loaded, and where the output goes is decided, once.
 *
 * @param notes receives what to tell about the config
 */
export async function convertSettings(
  env: Pick<RunEnv, "cwd" | "fs">,
  operands: readonly string[],
  flags: ConvertFlags,
  notes: RunEvent[],
): Promise<ConvertSettings> {
  const stdin = isStdinOnly(operands);
  if (flags.write && flags.outDir !== undefined) {
    throw new UsageError("cannot use --write and --out-dir together: --write converts in place, --out-dir writes copies; choose one");
  }
  if (flags.write && flags.to !== "markdown") {
    throw new UsageError(`--write keeps each file's kind, but --to ${flags.to} would turn markdown into JSON; use --out-dir DIR instead`);
  }
  if (stdin && flags.inputFormat !== "ndjson" && flags.inputFormat !== "wxr") {
    if (flags.write) throw new UsageError("cannot use --write with - (stdin): the result goes to stdout; redirect it (> file.md)");
    if (flags.outDir !== undefined) {
      throw new UsageError("cannot use --out-dir with - (stdin): the result goes to stdout; redirect it (> file.md)");
    }
  }
  if (flags.outDir === "") throw new UsageError('--out-dir "": expected a folder name');
  const format = reportFormat(flags.report);
  const archives = readsArchives(operands, flags.inputFormat);
  checkBodyFormat(flags, archives);
  const wxr = archives ? undefined : await wxrSettings(env, operands, flags);
  const frontMatter = listFlag(flags.frontMatter);
  if (frontMatter !== undefined) {
    if (!archives) throw new UsageError("--front-matter applies to NDJSON archives (a WordPress export writes its own front matter)");
    if (flags.outDir === undefined || flags.to !== "markdown")
      throw new UsageError("--front-matter needs --out-dir DIR and --to markdown: it heads each record's markdown file");
    if (frontMatter.length === 0) throw new UsageError('--front-matter "": expected field names, e.g. title,date');
  }
  if (archives && flags.write) {
    throw new UsageError("--write is not available for NDJSON archives; use --out-dir DIR (a file per record) or redirect stdout (> out.ndjson)");
  }
  const config = await loadRunConfig(env, flags.config, notes);
  const cache = cacheSetting(flags);
  const shard = await parseShardSetting(flags.shard);
  const outDir = flags.outDir === undefined ? undefined : path.resolve(env.cwd, flags.outDir);
  const write = Boolean(flags.write);
  const diff = Boolean(flags.diff);
  const dryRun = Boolean(flags.dryRun);
  const options = conversionOptions(flags, flags.to, config);
  const links = linkSettings(env, flags, { outDir, options, stdin, archives, wxr: wxr !== undefined, write: Boolean(flags.write) });
  const destination: Destination = dryRun || (diff && !write && outDir === undefined) ? "none" : write ? "write" : outDir !== undefined ? "out-dir" : "stdout";
  return {
    operands,
    stdin,
    archives,
    wxr,
    frontMatter,
    destination,
    outDir,
    write,
    to: flags.to,
    dryRun,
    diff,
    report: flags.report !== undefined && format ? { file: flags.report, format } : undefined,
    wantDiffs: diff || reportHasDiffs(format),
    ignore: flags.ignore,
    inputFormat: flags.inputFormat,
    field: flags.field,
    idField: flags.idField,
    options,
    cache,
    shard,
    executor: {
      ...(flags.concurrency === undefined ? {} : { concurrency: flags.concurrency }),
      ...(flags.timeout === undefined ? {} : { timeout: flags.timeout }),
      ...(cache ? { lazy: true } : {}),
    },
    links,
  };
}
