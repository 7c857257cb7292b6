import { Command, InvalidArgumentError, Option } from "commander";
import type { Context } from "./context.js";
import {
  CHECK_FORMATS,
  CLI_INPUT_FORMATS,
  COMPAT_MODES,
  INPUT_FORMATS,
  OUTPUT_FORMATS,
  PRESETS,
  SCAN_FORMATS,
  SCAN_INPUT_FORMATS,
  STYLES,
  UNKNOWN_POLICIES,
} from "../config/enums.js";
import { parsePresetList, type PresetName } from "../rules/preset-names.js";
import type { ExitCode } from "./errors.js";
import { addLinkOptions, addScanLinkOptions } from "./link-options.js";

/** Exit codes, shown once: in the program's `--help` (each command's help points there). */
const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  findings about the content: check failures, error-level diagnostics, input
     files that cannot be read or decoded, broken NDJSON lines, a malformed
     WordPress export, warnings over --max-warnings, assets that
     --download-assets/--assets-from could not fetch
  2  usage, configuration, environment or internal failure: bad flags or config,
     a path or glob that matches nothing, an output that cannot be written,
     a full disk
Whenever the exit code is not 0, the last line on stderr says why.`;

/** The line each command's `--help` ends with instead of repeating {@link EXIT_CODES_HELP}. */
const EXIT_CODES_POINTER = `
Exit codes: 0 success, 1 findings about the content, 2 usage or environment failure
(details: shortcode-migrate --help).`;

/**
 * An option whose default is not a value commander fills in (the config file, then the preset,
 * decide), shown in help the same way as commander's own defaults: `(… default: sozcu)`.
 */
function option(flags: string, description: string, defaultText?: string): Option {
  const created = new Option(flags, description);
  if (defaultText !== undefined) created.defaultValueDescription = defaultText;
  return created;
}

/**
 * Choices and defaults written one way in every help text: `(one of: a, b; default: x)`, with
 * no quotes (commander quotes the values it knows and not the ones written into descriptions).
 */
function optionDescription(created: Option): string {
  const extra: string[] = [];
  if (created.argChoices) extra.push(`one of: ${created.argChoices.join(", ")}`);
  const shown =
    created.defaultValueDescription ??
    (created.defaultValue !== undefined && typeof created.defaultValue !== "boolean" ? String(created.defaultValue) : undefined);
  if (shown !== undefined) extra.push(`default: ${shown}`);
  return extra.length ? `${created.description} (${extra.join("; ")})` : created.description;
}

/** A command's implementation: gets its operands and parsed options, returns the exit code. */
type Handler = (ctx: Context, operands: string[], options: Record<string, unknown>) => Promise<ExitCode>;

/** The commands' implementations; loaded lazily by {@link main} so `--help` stays fast. */
export interface Handlers {
  convert: Handler;
  check: Handler;
  scan: Handler;
  parse: Handler;
}

function nonNegativeInteger(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a whole number ≥ 0, got "${value}".`);
  return Number(value);
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`expected a whole number ≥ 1, got "${value}".`);
  return Number(value);
}

function seconds(value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value.trim())) throw new InvalidArgumentError(`expected seconds (e.g. 60; 0 for no limit), got "${value}".`);
  return Number(value);
}

/** `--preset a,b`: the preset list, or a usage error naming the valid presets. */
function presetOption(value: string): PresetName[] {
  try {
    return parsePresetList(value);
  } catch (error) {
    throw new InvalidArgumentError(`${(error as Error).message}.`);
  }
}

function shard(value: string): string {
  if (value.trim() === "auto") return "auto";
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!m || Number(m[2]) < 1 || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) {
    throw new InvalidArgumentError(`expected K/N with 1 ≤ K ≤ N (e.g. 2/4) or auto, got "${value}".`);
  }
  return value.trim();
}

function addScale(command: Command): Command {
  return command
    .addOption(
      option("-j, --concurrency <n>", "worker threads converting in parallel; 1 converts in-process", "the number of cores").argParser(positiveInteger),
    )
    .addOption(
      option(
        "--timeout <seconds>",
        "longest one article may take on a worker before it is stopped and reported, the rest going on; 0: no limit",
        "60",
      ).argParser(seconds),
    )
    .option("--cache", "remember what each input produced; a re-run converts only what changed")
    .addOption(option("--cache-location <file>", "where --cache keeps its file; implies --cache", "node_modules/.cache/shortcode-migrate/<command>.json"))
    .option(
      "--shard <K/N>",
      "take only shard K of N: a deterministic slice by path (or NDJSON record id), for splitting a run across machines; auto: K and N from the array job running it (Kubernetes Indexed Job, AWS Batch, Cloud Run, Slurm)",
      shard,
    )
    .option(
      "--shard-count <n>",
      "with --shard auto: how many shards, where the batch system does not say (Kubernetes: the Job's completions)",
      positiveInteger,
    );
}

function addCommon(command: Command): Command {
  return command
    .option("-q, --quiet", "print only errors (no summary)")
    .option("--verbose", "print a line for every file")
    .option("--no-color", "no colour (also: NO_COLOR=1; off when not a terminal or in CI)");
}

function addInputs(command: Command): Command {
  return command
    .option("--ignore <pattern>", "leave out paths matching a gitignore-style pattern (repeatable; .shortcode-migrate-ignore is read too)", collect)
    .addOption(new Option("--compat <mode>", "parser compatibility").choices(COMPAT_MODES).default("repair"));
}

/** Options of WordPress exports (`convert export.xml`), grouped. */
function addWxr(command: Command): Command {
  return command
    .option("--post-type <types>", "WordPress export: post types to convert, comma-separated (default: post,page)")
    .option("--status <statuses>", "WordPress export: only posts with these statuses, comma-separated, e.g. publish (default: all, drafts included)")
    .option("--meta <keys>", "WordPress export: custom fields (postmeta keys) to copy into the front matter under meta, comma-separated")
    .option("--front-matter <fields>", "NDJSON archive with --out-dir: these fields of each record, comma-separated, as YAML front matter of its markdown file")
    .option(
      "--path <template>",
      "WordPress export with --out-dir: each post's file; placeholders {type} {section} {yyyy} {mm} {dd} {slug} {id} {status} (default: {section}/{slug}.md, {section}/{slug}.json with --to json)",
    )
    .option(
      "--utc-offset <offset>",
      "WordPress export: the site's offset from UTC, e.g. +03:00, for dates the export gives without a GMT date (drafts); dates with one keep their own offset (default: the export's most frequent offset)",
    );
}

/**
 * Options of the commands that convert. `positions`: whether `--positions` applies (`convert`;
 * `check` compares markdown, which has no positions).
 */
function addConversion(command: Command, { positions }: { positions: boolean }): Command {
  command
    .addOption(
      new Option(
        "--input-format <format>",
        "how inputs are written; auto goes by extension: .md/.markdown markdown, .html/.htm HTML, .ndjson/.jsonl an NDJSON archive, .xml a WordPress export when it is one (convert), else text",
      )
        .choices(CLI_INPUT_FORMATS)
        .default("auto"),
    )
    .option("--field <name>", "NDJSON: the field holding the article body", "body")
    .option("--id-field <name>", "NDJSON: the field naming each record, used for file names and messages", "id")
    .addOption(
      option("--body-format <format>", "NDJSON: how each record's body is written; markdown re-reads this tool's own output", "text").choices(INPUT_FORMATS),
    )
    // No commander defaults here: a value not given on the command line comes from the config file, then the preset.
    // (no commander choices: a comma-separated list is one value; presetOption checks each name)
    .addOption(
      option(
        "--preset <names>",
        `rule presets, comma-separated, a later one winning for the same tag (one of: ${PRESETS.join(", ")}; default: sozcu)`,
      ).argParser(presetOption),
    )
    .addOption(option("--style <style>", "how related-news boxes are rendered", "block").choices(STYLES))
    .addOption(option("--locale <locale>", "language of generated labels, e.g. tr, en", "the preset's, tr for sozcu"))
    .addOption(
      option(
        "--unknown <policy>",
        "shortcodes no rule handles: keep them verbatim, strip them, turn them into HTML comments, or fail with an error",
        "keep",
      ).choices(UNKNOWN_POLICIES),
    );
  command
    .option(
      "--keep-block-comments",
      "keep Gutenberg block comments (<!-- wp:paragraph -->), which the sozcu and wordpress presets and WordPress exports remove",
    )
    .option("--strip-tags <names>", "remove these HTML elements with their content, comma-separated (e.g. script,style); each one is reported");
  if (positions) command.option("--positions", "JSON and mdast output: include source positions");
  return command.addOption(
    option(
      "-c, --config <file>",
      "rules and options; a .js/.mjs config is loaded only when named here",
      "shortcode-migrate.config.json, searched from the working folder upward",
    ),
  );
}

/**
 * Build the commander program. Output and exit go through `ctx` (`exitOverride`,
 * `configureOutput`) so the whole CLI runs in-process under test.
 *
 * @param ctx streams and environment
 * @param run called with a command's name, operands and options; its exit code becomes main's
 * @param onUsageError receives commander's own error text (unknown option, missing argument …)
 */
export function createProgram(
  ctx: Context,
  run: (name: keyof Handlers, operands: string[], options: Record<string, unknown>) => Promise<void>,
  onUsageError: (message: string) => void,
): Command {
  const program = new Command();
  program
    .name(ctx.tool.name)
    .description("Migrate legacy CMS article bodies with WordPress-style shortcodes to clean markdown or JSON.")
    .version(ctx.tool.version, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void ctx.stdout.write(text),
      writeErr: (text) => void ctx.stderr.write(text),
      outputError: (text) => onUsageError(text),
      // Fixed width off a terminal, so help text (and its golden file) does not depend on the caller.
      getOutHelpWidth: () => (ctx.stdout.isTTY ? (ctx.stdout.columns ?? 80) : 80),
      getErrHelpWidth: () => (ctx.stderr.isTTY ? (ctx.stderr.columns ?? 80) : 80),
    })
    .showSuggestionAfterError(true)
    // Set before the commands are added: they inherit it.
    .configureHelp({ optionDescription })
    .addHelpText(
      "after",
      `
Examples:
  $ shortcode-migrate convert articles/ --out-dir out        convert a folder to markdown
  $ shortcode-migrate convert - < article.txt                 stdin → stdout
  $ shortcode-migrate check articles/                         CI gate: exit 1 if anything would change
  $ shortcode-migrate scan articles/                          census of every shortcode tag
  $ shortcode-migrate parse article.txt                       AST and diagnostics as JSON
${EXIT_CODES_HELP}`,
    );

  const convert = program
    .command("convert")
    .summary("convert articles to markdown or JSON (--out-dir, --write, stdout)")
    .description(
      "Convert articles to markdown or JSON. Inputs are files, folders (walked for .txt, .md, .markdown, .html, .htm) and globs, or - for stdin. " +
        "Output goes to --out-dir, in place (--write), or to stdout for a single input. Unchanged files are never rewritten.",
    )
    .argument("<paths...>", "files, folders or globs; - reads stdin")
    .option("-o, --out-dir <dir>", "write converted copies here, mirroring the input tree (created if missing)")
    .option("-w, --write", "convert in place (only markdown files converted to markdown)")
    .addOption(new Option("-t, --to <format>", "output format").choices(OUTPUT_FORMATS).default("markdown"))
    .option("-n, --dry-run", "write nothing; report what would change")
    .option("--diff", "print a unified diff of every changed file on stdout (writes nothing unless --out-dir/--write)")
    .option("--report <file>", "also write a report: .json (machine-readable), .md or .html (for reviewers)");
  addConversion(addInputs(convert), { positions: true });
  addWxr(convert);
  addLinkOptions(convert);
  addScale(convert);
  addCommon(convert);
  convert
    .addHelpText(
      "after",
      `
Examples:
  $ shortcode-migrate convert fixtures/articles --out-dir out
  $ shortcode-migrate convert - < article.txt > article.md
  $ shortcode-migrate convert "archive/**/*.txt" --out-dir out --to json
  $ shortcode-migrate convert docs/ --write                    in place (markdown files only)
  $ shortcode-migrate convert fixtures/articles --dry-run --diff --report review.md
  $ shortcode-migrate convert dump.ndjson --input-format ndjson --field body --id-field id > out.ndjson
  $ shortcode-migrate convert export.xml --out-dir site/content    a WordPress export: posts/<slug>.md with front matter
  $ shortcode-migrate convert archive/ --out-dir out --cache --shard 2/4    one machine of four; re-runs skip what is done
${EXIT_CODES_POINTER}`,
    )
    .action(async (paths: string[], options: Record<string, unknown>) => run("convert", paths, options));

  const check = program
    .command("check")
    .summary("CI gate: exit 1 if any file would change or has an error")
    .description(
      "The CI gate: convert in memory and list every shortcode or piece of markup that would change and every diagnostic, " +
        "as file:line:column  severity  reason  rule-id. Exit 1 if any file would change or has an error-level finding.",
    )
    .argument("<paths...>", "files, folders or globs; - reads stdin")
    .addOption(new Option("-f, --format <format>", "how findings are printed on stdout").choices(CHECK_FORMATS).default("stylish"))
    .option("--max-warnings <n>", "exit 1 when there are more warnings than this", nonNegativeInteger)
    .option("--report <file>", "also write a report: .json, .md or .html");
  addConversion(addInputs(check), { positions: false });
  addScale(check);
  addCommon(check);
  check
    .addHelpText(
      "after",
      `
Examples:
  $ shortcode-migrate check fixtures/articles                  exit 1: the fixtures still have shortcodes
  $ shortcode-migrate check out/                               exit 0 once converted
  $ shortcode-migrate check articles/ --format github          annotations in GitHub Actions
  $ shortcode-migrate check articles/ --format json --max-warnings 0
${EXIT_CODES_POINTER}`,
    )
    .action(async (paths: string[], options: Record<string, unknown>) => run("check", paths, options));

  const scan = program
    .command("scan")
    .summary("census of every shortcode tag, attribute and malformed use")
    .description(
      "Census before a migration: every shortcode tag (any name WordPress accepts), its count and files, its attribute names " +
        "with frequencies and value shapes (url, empty, number, text), malformed uses with their first locations, and the tags " +
        "no active rule covers.",
    )
    .argument("<paths...>", "files, folders or globs; - reads stdin")
    .addOption(new Option("-f, --format <format>", "output format").choices(SCAN_FORMATS).default("text"))
    .addOption(
      new Option(
        "--input-format <format>",
        "how inputs are written; auto: .ndjson/.jsonl operands are NDJSON archives, .xml WordPress exports when they are one, others article text",
      )
        .choices(SCAN_INPUT_FORMATS)
        .default("auto"),
    )
    .option("--field <name>", "NDJSON: the field holding the article body", "body")
    .option("--id-field <name>", "NDJSON: the field naming each record, used in locations", "id")
    .addOption(
      option("--preset <names>", `rule presets whose tags count as covered, comma-separated (one of: ${PRESETS.join(", ")}; default: sozcu)`).argParser(
        presetOption,
      ),
    )
    .addOption(option("-c, --config <file>", "config whose rules count as covered", "shortcode-migrate.config.json, searched from the working folder upward"));
  addInputs(scan);
  addScanLinkOptions(scan);
  addCommon(scan);
  scan
    .addHelpText(
      "after",
      `
Examples:
  $ shortcode-migrate scan fixtures/articles
  $ shortcode-migrate scan "archive/**/*.txt" --format json > census.json
  $ shortcode-migrate scan dump.ndjson --field body --id-field id
${EXIT_CODES_POINTER}`,
    )
    .action(async (paths: string[], options: Record<string, unknown>) => run("scan", paths, options));

  const parse = program
    .command("parse")
    .summary("print the AST and diagnostics of one file as JSON")
    .description("Print the AST and the diagnostics of one file as JSON on stdout (diagnostics also on stderr).")
    .argument("<file>", "a file, or - for stdin")
    .addOption(option("--tags <names>", 'registered tags, comma-separated, or "all"', "the tags the default preset knows"))
    .addOption(new Option("--compat <mode>", "parser compatibility").choices(COMPAT_MODES).default("repair"));
  addCommon(parse);
  parse
    .addHelpText(
      "after",
      `
Examples:
  $ shortcode-migrate parse fixtures/articles/seed.txt
  $ shortcode-migrate parse - --tags all < article.txt | jq '.messages'
  $ shortcode-migrate parse article.txt --compat wordpress
${EXIT_CODES_POINTER}`,
    )
    .action(async (file: string, options: Record<string, unknown>) => run("parse", [file], options));

  return program;
}
