import path from "node:path";
import type { Message } from "../../ast/types.js";
import type { InputFile } from "../../io/expand.js";
import { isInside, safeFileStem, splitLines } from "../../io/ndjson.js";
import { formatMessage } from "../../report/stylish.js";
import type { FileReport } from "../../report/types.js";
import { startRun, writeOut, type Context } from "../context.js";
import { UsageError, type ExitCode } from "../errors.js";
import { convertOptions, OUTPUT_EXTENSIONS, type ConvertFlags } from "./convert.js";
import { findInputs, finish, logMessages, reportFormat, STDIN_NAME, summaryOf, Tally, writeReport } from "./shared.js";

/**
 * `convert --input-format ndjson`: one JSON object per line, `--field` converted, streamed
 * line by line. Output: NDJSON on stdout (same objects, field converted; broken lines passed
 * through as they are), or one file per record under `--out-dir`, named from `--id-field`.
 */
export async function runNdjson(ctx: Context, operands: string[], flags: ConvertFlags): Promise<ExitCode> {
  if (flags.write) throw new UsageError("--write is not available for NDJSON archives; use --out-dir DIR (a file per record) or redirect stdout (> out.ndjson)");
  const reportAs = reportFormat(flags.report);
  const run = startRun(ctx, flags);
  const tally = new Tally();
  const outDir = flags.outDir === undefined ? undefined : path.resolve(ctx.cwd, flags.outDir);
  const stdin = operands.length === 1 && operands[0] === "-";

  let archives: Array<InputFile | null> = [null];
  if (!stdin) {
    const found = await findInputs(ctx, operands, flags.ignore, outDir ? [outDir] : [], [".ndjson", ".jsonl"]);
    tally.ignored = found.ignored.length;
    if (found.files.length === 0 && found.problems.length === 0) {
      throw new UsageError(`no NDJSON archives found in ${operands.map((o) => `"${o}"`).join(", ")} (folders are searched for .ndjson, .jsonl)`);
    }
    for (const { display, problem } of found.problems) {
      run.logger.error(formatMessage({ file: display, line: 1, column: 1, endLine: 1, endColumn: 1, severity: "error", ruleId: problem.kind, reason: `${display} ${problem.reason}` }, run.errColor));
      tally.errors++;
      tally.unreadable++;
      tally.skipped.push({ file: display, reason: problem.kind });
    }
    archives = found.files;
  }

  const engine = await ctx.engine();
  const diffModule = flags.diff || reportAs === "md" ? await import("../../report/diff.js") : undefined;
  const writer = outDir !== undefined && !flags.dryRun ? await import("../../io/write.js") : undefined;
  const destination = flags.dryRun || (flags.diff && outDir === undefined) ? "none" : outDir !== undefined ? "out-dir" : "stdout";
  const usedNames = new Set<string>();
  const reports: FileReport[] = [];
  const ext = OUTPUT_EXTENSIONS[flags.to];
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

  for (const archive of archives) {
    const archiveName = archive?.display ?? STDIN_NAME;
    let source: AsyncIterable<Buffer | string>;
    let handle: Awaited<ReturnType<Context["fs"]["open"]>> | undefined;
    if (archive === null) source = ctx.stdin;
    else {
      try {
        handle = await ctx.fs.open(archive.path, "r");
        source = handle.createReadStream();
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        run.logger.error(formatMessage({ file: archiveName, line: 1, column: 1, endLine: 1, endColumn: 1, severity: "error", ruleId: "unreadable", reason: `${archiveName} cannot be read (${code}); check the path and permissions` }, run.errColor));
        tally.errors++;
        tally.unreadable++;
        tally.skipped.push({ file: archiveName, reason: "unreadable" });
        continue;
      }
    }
    const problem = (line: number, severity: "error" | "warning", ruleId: string, reason: string): void => {
      const m = { file: archiveName, line, column: 1, endLine: line, endColumn: 1, severity, ruleId, reason } as const;
      if (severity === "error") {
        tally.errors++;
        tally.unreadable++;
        run.logger.error(formatMessage(m, run.errColor));
      } else {
        tally.warnings++;
        run.logger.warn(formatMessage(m, run.errColor));
      }
      if (flags.report) reports.push({ file: archiveName, status: "skipped", output: null, changed: false, messages: [m], shortcodes: {} });
    };
    try {
      for await (const { line, bytes } of splitLines(source)) {
        const passThrough = async (): Promise<void> => {
          if (destination === "stdout") await writeOut(ctx.stdout, bytes.toString("utf8") + "\n");
        };
        if (bytes.length === 0 || bytes.toString("latin1").trim() === "") continue;
        tally.files++;
        let text: string;
        try {
          text = decoder.decode(bytes);
        } catch {
          problem(line, "error", "ndjson-invalid-utf8", `line ${line} is not valid UTF-8; re-encode the archive as UTF-8`);
          tally.skipped.push({ file: `${archiveName}:${line}`, reason: "invalid UTF-8" });
          await passThrough();
          continue;
        }
        let record: unknown;
        try {
          record = JSON.parse(text);
        } catch (error) {
          problem(line, "error", "ndjson-invalid-line", `line ${line} is not valid JSON (${(error as Error).message}); fix or remove the line (passed through unchanged)`);
          tally.skipped.push({ file: `${archiveName}:${line}`, reason: "broken NDJSON line" });
          await passThrough();
          continue;
        }
        if (record === null || typeof record !== "object" || Array.isArray(record)) {
          problem(line, "error", "ndjson-invalid-line", `line ${line} is not a JSON object; each line must be one object (passed through unchanged)`);
          tally.skipped.push({ file: `${archiveName}:${line}`, reason: "broken NDJSON line" });
          await passThrough();
          continue;
        }
        const object = record as Record<string, unknown>;
        const body = object[flags.field];
        const id = object[flags.idField];
        const name = `${archiveName}#${id === undefined || id === null ? `line-${line}` : String(id)}`;
        if (typeof body !== "string") {
          problem(line, "warning", "ndjson-missing-field", `record ${name} has no string field "${flags.field}" (passed through unchanged); choose the field with --field`);
          tally.skipped.push({ file: name, reason: `no "${flags.field}" field` });
          await passThrough();
          continue;
        }
        const result = await engine.convert(body, convertOptions(flags, "text"));
        const messages = logMessages(run, tally, name, result.messages as Message[]);
        const changed = flags.to === "markdown" ? result.output !== body : true;
        if (changed) tally.converted++;
        else tally.unchanged++;
        let targetDisplay = "<stdout>";
        let target: string | undefined;
        if (outDir !== undefined) {
          let stem = safeFileStem(id, line);
          for (let n = 2; usedNames.has(stem.toLowerCase()); n++) stem = `${safeFileStem(id, line)}-${n}`;
          usedNames.add(stem.toLowerCase());
          target = path.join(outDir, stem + ext);
          if (!isInside(outDir, target)) throw new Error(`record id ${JSON.stringify(id)} escaped --out-dir`);
          targetDisplay = path.relative(ctx.cwd, target).split(path.sep).join("/");
        }
        let patch: string | undefined;
        if (diffModule && changed) {
          patch = diffModule.unifiedDiff(name, targetDisplay === "<stdout>" ? name : targetDisplay, body, result.output);
          if (flags.diff) await writeOut(ctx.stdout, diffModule.colorizeDiff(patch, run.outColor));
        }
        if (destination === "stdout") {
          const converted = flags.to === "markdown" ? result.output : JSON.parse(result.output);
          await writeOut(ctx.stdout, JSON.stringify({ ...object, [flags.field]: converted }) + "\n");
        } else if (destination === "out-dir" && writer && target) {
          try {
            if (!(await writer.hasContent(target, result.output, ctx.fs))) await writer.writeFileAtomic(target, result.output, ctx.fs);
          } catch (error) {
            const why = `cannot write ${targetDisplay}: ${writer.describeWriteError(error)}`;
            run.logger.error(run.errColor.red(why));
            tally.failures.push(why);
            break;
          }
        }
        run.logger.verbose(`${name}: ${changed ? "converted" : "unchanged"}${target ? ` → ${targetDisplay}` : ""}`);
        if (flags.report) {
          reports.push({ file: name, status: changed ? "converted" : "unchanged", output: destination === "none" ? null : targetDisplay, changed, messages, shortcodes: result.stats?.shortcodes ?? {}, ...(patch ? { diff: patch } : {}) });
        }
      }
    } finally {
      await handle?.close();
    }
  }
  const extra = { command: "convert", dryRun: Boolean(flags.dryRun), verb: destination === "none" ? "would change" : "converted" };
  if (flags.report && reportAs) await writeReport(run, tally, flags.report, reportAs, summaryOf(run, tally, extra), reports);
  return finish(run, tally, extra);
}
