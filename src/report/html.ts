/**
 * The review page (`--report x.html`): one self-contained HTML file a reviewer opens before
 * anything is written. Summary counts, shortcodes by tag, messages, and each changed file's
 * diff, with a text filter, severity checkboxes and a "changed only" toggle.
 *
 * Security model (issue 6). Article bodies are hostile input, and this page is opened in a
 * browser, so:
 * - every piece of data goes through {@link html}, which escapes `& < > " '` in each
 *   interpolated value; only fragments built by `html` itself pass through unescaped;
 * - the filter script is a constant; the data it needs is JSON in a
 *   `<script type="application/json">` block (never executed) with `<`, `>`, `&` escaped as
 *   `\u003c` … so no `</script>` can close it; the script reads it with `JSON.parse` and only
 *   toggles `hidden`, never writes markup;
 * - a Content-Security-Policy allows exactly the one inline style and the one inline script
 *   (by SHA-256 hash) and nothing else: no network, no images, no fonts, no forms, no frames.
 *   Even markup that escaped the escaping could neither run nor load anything;
 * - nothing links outside the page: the only `href`s are `#f3`-style fragments made from
 *   indexes, never from data, so a `javascript:` or `data:` URL in an article stays text.
 */
import { createHash } from "node:crypto";
import type { Severity } from "../ast/types.js";
import { reasonParts } from "./reason.js";
import { formatDuration } from "./summary.js";
import { unhandledTags } from "./unhandled.js";
import type { FileReport, ReportMessage, RunSummary } from "./types.js";

/** Options of {@link renderHtmlReport}. */
export interface HtmlReportOptions {
  /** Page title and main heading (default: `shortcode-migrate <command> report`). */
  title?: string;
  /** When the run happened, shown as given (default: not shown; the renderer reads no clock). */
  generatedAt?: string;
  /** Tool name and version shown under the heading (default: not shown). */
  tool?: { name: string; version: string };
}

/**
 * Renders the HTML review report. Pure: the same input gives the same page.
 * @param files one entry per input, in the order they should be listed
 * @param summary the run's counts (shown as given, not recomputed)
 * @param options see {@link HtmlReportOptions}
 * @returns a complete UTF-8 HTML document
 */
export function renderHtmlReport(files: readonly FileReport[], summary: RunSummary, options: HtmlReportOptions = {}): string {
  const title = options.title ?? `${options.tool?.name ?? "shortcode-migrate"} ${summary.command} report`;
  const messages = collectMessages(files);
  const tags = tagTable(files);
  const tagIndex = new Map(tags.rows.map((row, i) => [row.tag, i]));
  const fileData: FilterData["files"] = files.map((f) => ({
    c: f.changed,
    t: [f.file, f.output ?? "", f.skipReason ?? "", ...Object.keys(f.shortcodes)].join("\n").toLowerCase(),
    m: [],
    s: Object.entries(f.shortcodes)
      .filter(([, count]) => count > 0)
      .map(([tag, count]) => [tagIndex.get(tag)!, count] as [number, number]),
  }));
  const data: FilterData = {
    files: fileData,
    messages: messages.map(({ message, fileIndex }, i) => {
      fileData[fileIndex]!.m.push(i);
      return { f: fileIndex, s: message.severity, t: [message.file, message.ruleId, message.reason].join("\n").toLowerCase() };
    }),
  };
  const severityCounts = countSeverities(messages.map((m) => m.message));

  const meta = [
    options.tool ? html`${options.tool.name} ${options.tool.version}` : undefined,
    html`<code>${summary.command}</code>`,
    summary.dryRun ? html`<span class="pill pill-dry">dry run: nothing written</span>` : undefined,
    options.generatedAt ? html`generated <time>${options.generatedAt}</time>` : undefined,
  ].filter((x): x is SafeHtml => x !== undefined);

  const body = html`<a class="skip" href="#main">Skip to the report</a>
<header class="top">
<h1>${title}</h1>
<p class="meta">${join(meta, html` · `)}</p>
<nav aria-label="Sections"><ul>
<li><a href="#summary">Summary</a></li>
<li><a href="#shortcodes">Shortcodes</a></li>
<li><a href="#files">Files</a></li>
<li><a href="#messages">Messages <span class="count">${messages.length}</span></a></li>
<li><a href="#changes">Changes <span class="count">${files.filter((f) => f.changed || f.diff).length}</span></a></li>
</ul></nav>
</header>
<main id="main">
${renderSummary(summary)}
${renderFilters(severityCounts, files.length, messages.length)}
${renderShortcodes(tags, files.length)}
${renderFiles(files)}
${renderMessages(messages)}
${renderChanges(files)}
</main>
<footer><p>Self-contained report: no network access, no external resources. Article text is shown as written, never interpreted.</p></footer>`;

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CONTENT_SECURITY_POLICY)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body.value}
<script type="application/json" id="report-data">${jsonForScript(data)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------------
// Safe HTML building

/** A fragment already escaped (or built only from constants); the only thing `html` leaves as is. */
class SafeHtml {
  constructor(readonly value: string) {}
}

type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

/**
 * Tagged template for markup: the literal parts are trusted, every interpolated value is
 * escaped unless it is itself a {@link SafeHtml}. `null`, `undefined` and `false` render nothing.
 */
function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += toHtml(value) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

function toHtml(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(toHtml).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}

function join(parts: readonly SafeHtml[], separator: SafeHtml): SafeHtml {
  return new SafeHtml(parts.map((p) => p.value).join(separator.value));
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes `& < > " '`: safe in text and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * JSON for a `<script type="application/json">` block: `<`, `>` and `&` as `\u003c` … so no
 * `</script>` or `<!--` can appear; U+2028/2029 escaped too, for any older JSON-as-JS reader.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

// ---------------------------------------------------------------------------------------------
// Sections

interface FilterData {
  /** Per file: changed, lower-cased searchable text (names and tags), indexes of its messages, [tag row, uses] pairs. */
  files: Array<{ c: boolean; t: string; m: number[]; s: Array<[number, number]> }>;
  /** Per message row: file index, severity, lower-cased searchable text. */
  messages: Array<{ f: number; s: Severity; t: string }>;
}

interface IndexedMessage {
  message: ReportMessage;
  fileIndex: number;
}

const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

function collectMessages(files: readonly FileReport[]): IndexedMessage[] {
  return files.flatMap((file, fileIndex) =>
    [...file.messages].sort((a, b) => a.line - b.line || a.column - b.column).map((message) => ({ message, fileIndex })),
  );
}

function countSeverities(messages: readonly ReportMessage[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const m of messages) if (m.severity in counts) counts[m.severity] += 1;
  return counts;
}

function renderSummary(summary: RunSummary): SafeHtml {
  const verb = summary.verb ?? (summary.dryRun ? "would change" : "converted");
  const card = (label: string, value: string | number, kind = ""): SafeHtml =>
    html`<div class="${`card ${kind}`.trim()}"><dt>${label}</dt><dd>${value}</dd></div>`;
  const cards = [
    card(`${summary.noun ?? "file"}s`, summary.files),
    card(verb, summary.converted, summary.converted ? "card-changed" : ""),
    card("up to date", summary.upToDate),
    card("skipped", summary.skipped.length, summary.skipped.length ? "card-skipped" : ""),
    summary.failed?.length ? card("failed", summary.failed.length, "card-error") : undefined,
    summary.cached ? card("cached", summary.cached) : undefined,
    summary.ignored ? card("ignored", summary.ignored) : undefined,
    card("warnings", summary.warnings, summary.warnings ? "card-warning" : ""),
    card("errors", summary.errors, summary.errors ? "card-error" : ""),
    card("time", formatDuration(summary.durationMs)),
  ];
  const byReason = new Map<string, string[]>();
  const failed = summary.failed ?? [];
  for (const { file, reason } of [...summary.skipped, ...failed]) byReason.set(reason, [...(byReason.get(reason) ?? []), file]);
  const skips = byReason.size
    ? html`<h3>${failed.length ? (summary.skipped.length ? "Skipped or failed, by reason" : "Failed, by reason") : "Skipped, by reason"}</h3>
<ul class="skips">${[...byReason].map(
        ([reason, names]) => html`<li><span class="reason">${reason}</span> <span class="count">${names.length}</span>
<ul class="names">${names.map((name) => html`<li><code>${name}</code></li>`)}</ul></li>`,
      )}</ul>`
    : undefined;
  return html`<section id="summary" aria-labelledby="summary-h">
<h2 id="summary-h">Summary</h2>
<dl class="cards">${cards}</dl>
${skips}
</section>`;
}

function renderFilters(counts: Record<Severity, number>, fileCount: number, messageCount: number): SafeHtml {
  const boxes = SEVERITIES.map(
    (s) =>
      html`<label class="${`sev-toggle sev-${s}`}"><input type="checkbox" name="severity" value="${s}" checked disabled> ${s} <span class="count">${counts[s]}</span></label>`,
  );
  return html`<section id="filters" class="filters" aria-label="Filters">
<div class="filter-row">
<label class="filter-text" for="filter-text">Filter <span class="hint">file, rule or reason</span></label>
<input id="filter-text" type="search" autocomplete="off" spellcheck="false" placeholder="e.g. unsafe-url or news/2019" aria-describedby="filter-status" disabled>
<fieldset class="sev"><legend>Severity</legend>${boxes}</fieldset>
<label class="changed-only"><input id="filter-changed" type="checkbox" disabled> changed only</label>
<button id="filter-reset" type="button" disabled>Reset</button>
</div>
<p id="filter-status" class="status" role="status" aria-live="polite">${messageCount} messages · ${fileCount} files</p>
<noscript><p class="status">Filtering needs JavaScript; everything is shown.</p></noscript>
</section>`;
}

interface TagRow {
  tag: string;
  uses: number;
  files: number;
  /** No rule handles the tag: an `unknown-shortcode` message names it. */
  unhandled: boolean;
}

/** Tags by uses, each marked when no rule handles it (the converter said so: `unknown-shortcode`). */
function tagTable(files: readonly FileReport[]): { rows: TagRow[]; filesWith: number } {
  const byTag = new Map<string, { uses: number; files: number }>();
  const unhandled = unhandledTags(files);
  for (const file of files) {
    for (const [tag, count] of Object.entries(file.shortcodes)) {
      const entry = byTag.get(tag) ?? { uses: 0, files: 0 };
      entry.uses += count;
      if (count > 0) entry.files += 1;
      byTag.set(tag, entry);
    }
  }
  const rows = [...byTag]
    .map(([tag, e]) => ({ tag, uses: e.uses, files: e.files, unhandled: unhandled.has(tag) }))
    .sort((a, b) => b.uses - a.uses || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  return { rows, filesWith: files.filter((f) => Object.values(f.shortcodes).some((n) => n > 0)).length };
}

function renderShortcodes({ rows, filesWith }: { rows: TagRow[]; filesWith: number }, fileCount: number): SafeHtml {
  const total = rows.reduce((sum, row) => sum + row.uses, 0);
  const max = Math.max(1, ...rows.map((row) => row.uses));
  const unhandled = rows.filter((row) => row.unhandled).length;
  const noRule = html`<span class="badge no-rule" title="no rule handles this tag: kept as written (unknown-shortcode)">no rule</span>`;
  const table = rows.length
    ? html`<table class="grid tags">
<caption>${rows.length} ${rows.length === 1 ? "tag" : "tags"}, ${total} ${total === 1 ? "use" : "uses"} in ${filesWith} of ${fileCount} files${
        unhandled ? html`; <span class="no-rule-note">${unhandled} ${unhandled === 1 ? "tag has" : "tags have"} no rule</span> (kept as written)` : undefined
      }</caption>
<thead><tr><th scope="col">Tag</th><th scope="col" class="num">Uses</th><th scope="col" class="num">Files</th><th scope="col" class="bar-col"><span class="sr-only">Share of uses</span></th></tr></thead>
<tbody>${rows.map(
        (row, i) =>
          html`<tr data-tag="${i}"${row.unhandled ? html` class="unhandled"` : undefined}><th scope="row"><code>[${row.tag}]</code>${row.unhandled ? html` ${noRule}` : undefined}</th><td class="num uses">${row.uses}</td><td class="num files">${row.files}</td><td class="bar-col"><meter min="0" max="${max}" value="${row.uses}" aria-label="${`${row.tag}: ${row.uses} uses`}"></meter></td></tr>`,
      )}</tbody>
<tfoot><tr><th scope="row">Total</th><td class="num uses">${total}</td><td class="num files">${filesWith}</td><td></td></tr></tfoot>
</table>
<p class="empty filtered-empty" hidden>No shortcode in the files the filter shows.</p>`
    : html`<p class="empty">No shortcodes found.</p>`;
  return html`<section id="shortcodes" aria-labelledby="shortcodes-h">
<h2 id="shortcodes-h">Shortcodes by tag</h2>
${table}
</section>`;
}

function renderFiles(files: readonly FileReport[]): SafeHtml {
  if (files.length === 0) {
    return html`<section id="files" aria-labelledby="files-h"><h2 id="files-h">Files</h2><p class="empty">No files.</p></section>`;
  }
  const rows = files.map((f, i) => {
    const uses = Object.values(f.shortcodes).reduce((a, b) => a + b, 0);
    const counts = countSeverities(f.messages);
    const problems = SEVERITIES.filter((s) => counts[s] > 0).map(
      (s) => html`<span class="${`badge sev-${s}`}" title="${`${counts[s]} ${s}`}">${counts[s]} ${counts[s] === 1 ? s : `${s}s`}</span> `,
    );
    const name = f.changed || f.diff ? html`<a href="${`#f${i}`}"><code>${f.file}</code></a>` : html`<code>${f.file}</code>`;
    return html`<tr data-file="${i}">
<td><span class="${`status status-${f.status}`}">${statusLabel(f)}</span></td>
<th scope="row" class="path">${name}${f.skipReason ? html`<div class="why">${f.skipReason}</div>` : undefined}</th>
<td class="path">${f.output === null ? html`<span class="none">not written</span>` : html`<code>${f.output}</code>`}</td>
<td class="num">${uses}</td>
<td>${problems.length ? problems : html`<span class="none">none</span>`}</td>
</tr>`;
  });
  return html`<section id="files" aria-labelledby="files-h">
<h2 id="files-h">Files</h2>
<table class="grid files">
<thead><tr><th scope="col">Status</th><th scope="col">File</th><th scope="col">Output</th><th scope="col" class="num">Shortcodes</th><th scope="col">Messages</th></tr></thead>
<tbody>${rows}</tbody>
</table>
<p class="empty filtered-empty" hidden>No file matches the filter.</p>
</section>`;
}

function statusLabel(file: FileReport): string {
  if (file.status === "converted") return file.output === null ? "would change" : "converted";
  return file.status;
}

function renderMessages(messages: readonly IndexedMessage[]): SafeHtml {
  const table = messages.length
    ? html`<table class="grid messages">
<thead><tr><th scope="col">Place</th><th scope="col">Severity</th><th scope="col">Rule</th><th scope="col">Reason</th></tr></thead>
<tbody>${messages.map(
        ({ message: m, fileIndex }, i) =>
          html`<tr data-message="${i}" data-file="${fileIndex}" class="${`row-${m.severity}`}">
<td class="${m.file.length > 60 ? "path place long" : "path place"}"><code>${m.file}:${m.line}:${m.column}</code></td>
<td><span class="${`badge sev-${m.severity}`}">${m.severity}</span></td>
<td><code class="rule">${m.ruleId}</code></td>
<td class="reason">${reasonHtml(m.reason)}</td>
</tr>`,
      )}</tbody>
</table>
<p class="empty filtered-empty" hidden>No message matches the filter.</p>`
    : html`<p class="empty">No messages.</p>`;
  return html`<section id="messages" aria-labelledby="messages-h">
<h2 id="messages-h">Messages</h2>
${table}
</section>`;
}

/** A reason with its backtick spans as code (`` `[x` is never closed `` → `<code>[x</code> is never closed`). */
function reasonHtml(reason: string): SafeHtml {
  return html`${reasonParts(reason).map(({ code, text }) => (code ? html`<code>${text}</code>` : html`${text}`))}`;
}

function renderChanges(files: readonly FileReport[]): SafeHtml {
  const changed = files.map((file, index) => ({ file, index })).filter(({ file }) => file.changed || file.diff);
  const sections = changed.map(({ file, index }) => {
    const stats = diffStats(file.diff ?? "");
    return html`<section class="change" id="${`f${index}`}" data-file="${index}" aria-labelledby="${`f${index}-h`}">
<details open>
<summary><h3 id="${`f${index}-h`}"><code>${file.file}</code>${file.output && file.output !== file.file ? html` <span class="arrow" aria-label="written to">→</span> <code>${file.output}</code>` : undefined}</h3>
<span class="diffstat"><span class="plus">+${stats.added}</span> <span class="minus">−${stats.removed}</span></span></summary>
${file.diff ? renderDiff(file.diff) : html`<p class="empty">Changed; no diff was recorded for this file.</p>`}
</details>
</section>`;
  });
  return html`<section id="changes" aria-labelledby="changes-h">
<h2 id="changes-h">Changes</h2>
${sections.length ? sections : html`<p class="empty">No file changes.</p>`}
${sections.length ? html`<p class="empty filtered-empty" hidden>No changed file matches the filter.</p>` : undefined}
</section>`;
}

function diffStats(diff: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of diff.split("\n")) {
    if (line.startsWith("+++") || line.startsWith("---")) continue;
    if (line.startsWith("+")) added += 1;
    else if (line.startsWith("-")) removed += 1;
  }
  return { added, removed };
}

/**
 * A unified diff as a table: old and new line numbers, then the line, classed by kind
 * (`d-add`, `d-del`, `d-hunk`, `d-ctx`, `d-file`, `d-meta`). The `+`/`-` marks stay in the
 * text, so the diff reads the same without colour and copies as a patch.
 */
function renderDiff(diff: string): SafeHtml {
  const lines = diff.replace(/\n$/, "").split("\n");
  let oldLine = 0;
  let newLine = 0;
  let inHunk = false;
  const rows = lines.map((raw) => {
    // A CRLF file's lines end in "\r": show a mark instead of letting the browser turn it into a line break.
    const cr = raw.endsWith("\r");
    const line = cr ? raw.slice(0, -1) : raw;
    let kind: string;
    let oldNo: number | "" = "";
    let newNo: number | "" = "";
    const hunk = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (hunk) {
      kind = "d-hunk";
      oldLine = Number(hunk[1]);
      newLine = Number(hunk[2]);
      inHunk = true;
    } else if (!inHunk && (line.startsWith("--- ") || line.startsWith("+++ "))) kind = "d-file";
    else if (!inHunk) kind = "d-meta";
    else if (line.startsWith("+")) {
      kind = "d-add";
      newNo = newLine++;
    } else if (line.startsWith("-")) {
      kind = "d-del";
      oldNo = oldLine++;
    } else if (line.startsWith("\\")) kind = "d-meta";
    else if (line.startsWith(" ") || line === "") {
      kind = "d-ctx";
      oldNo = oldLine++;
      newNo = newLine++;
    } else {
      // Next file header of a multi-file patch.
      kind = line.startsWith("--- ") || line.startsWith("+++ ") ? "d-file" : "d-meta";
      inHunk = false;
    }
    return html`<tr class="${kind}"><td class="ln">${oldNo}</td><td class="ln">${newNo}</td><td class="code">${line}${cr ? html`<span class="cr" title="carriage return (CRLF line ending)">␍</span>` : undefined}</td></tr>`;
  });
  return html`<div class="diff-wrap"><table class="diff" translate="no"><tbody>${rows}</tbody></table></div>`;
}

// ---------------------------------------------------------------------------------------------
// The one style sheet and the one script (constants: their hashes go into the CSP)

const STYLE = `
:root{--bg:#f6f7f9;--panel:#fff;--text:#1d232b;--muted:#5b6573;--line:#dde2e8;--accent:#2457c5;
--add-bg:#e6f6ea;--add-text:#14532d;--add-mark:#b7e4c2;--del-bg:#fdecec;--del-text:#7f1d1d;--del-mark:#f5c2c2;
--hunk-bg:#eef2fb;--hunk-text:#3b4f7a;--err:#b42318;--err-bg:#fde8e7;--warn:#8a5300;--warn-bg:#fff3d6;
--info:#1f5fa8;--info-bg:#e5effb;--ok:#1d6b3a;--ok-bg:#e3f4e8;--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",monospace}
@media (prefers-color-scheme:dark){:root{--bg:#12161c;--panel:#1a1f27;--text:#e3e7ed;--muted:#9aa5b4;--line:#2c3440;--accent:#7aa7ff;
--add-bg:#12301d;--add-text:#b9f0c8;--add-mark:#1d4d2e;--del-bg:#3a1616;--del-text:#ffc9c9;--del-mark:#5c2424;
--hunk-bg:#1c2538;--hunk-text:#a9bce6;--err:#ff8a80;--err-bg:#3d1715;--warn:#ffcc66;--warn-bg:#3a2c0d;
--info:#8fbfff;--info-bg:#14263f;--ok:#8fe0a8;--ok-bg:#133020}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--text);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
code,.diff{font-family:var(--mono);font-size:13px}
a{color:var(--accent)}
.skip{position:absolute;left:-9999px}.skip:focus{left:1rem;top:1rem;background:var(--panel);padding:.5rem;z-index:10}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.top{background:var(--panel);border-bottom:1px solid var(--line);padding:1.25rem 2rem .5rem}
h1{margin:0 0 .25rem;font-size:1.5rem;font-weight:650;overflow-wrap:anywhere}
h2{font-size:1.15rem;margin:0 0 .75rem;font-weight:650}
h3{font-size:1rem;margin:1rem 0 .5rem;font-weight:600}
.meta{margin:0 0 .75rem;color:var(--muted)}
nav ul{list-style:none;margin:0;padding:0;display:flex;gap:1.25rem;flex-wrap:wrap}
nav a{text-decoration:none;font-weight:500}nav a:hover{text-decoration:underline}
main{max-width:1280px;margin:0 auto;padding:1.25rem 2rem 2rem}
main>section{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:1.1rem 1.25rem;margin:0 0 1.25rem;overflow-x:auto}
.count{display:inline-block;min-width:1.5em;padding:0 .45em;border-radius:999px;background:var(--bg);border:1px solid var(--line);color:var(--muted);font-size:.8em;text-align:center;font-weight:500}
.pill{display:inline-block;padding:.05rem .55rem;border-radius:999px;font-size:.85em;font-weight:600}
.pill-dry{background:var(--info-bg);color:var(--info)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(120px,1fr));gap:.75rem;margin:0}
.card{border:1px solid var(--line);border-radius:8px;padding:.6rem .8rem;border-top:4px solid var(--line)}
.card dt{color:var(--muted);font-size:.85rem}
.card dd{margin:0;font-size:1.6rem;font-weight:650;font-variant-numeric:tabular-nums}
.card-changed{border-top-color:var(--accent)}.card-skipped{border-top-color:var(--warn)}
.card-warning{border-top-color:var(--warn)}.card-warning dd{color:var(--warn)}
.card-error{border-top-color:var(--err)}.card-error dd{color:var(--err)}
.skips{margin:.25rem 0 0;padding-left:1.2rem}.skips .reason{font-weight:600}
.names{margin:.2rem 0 .5rem;padding-left:1.2rem;color:var(--muted)}
.filters{position:sticky;top:0;z-index:5;box-shadow:0 2px 8px rgba(0,0,0,.06)}
.filter-row{display:flex;flex-wrap:wrap;gap:.75rem 1.25rem;align-items:center}
.filter-text{font-weight:600}.hint{font-weight:400;color:var(--muted);font-size:.85em}
#filter-text{flex:1 1 260px;min-width:200px;padding:.45rem .6rem;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--text);font:inherit}
#filter-text:focus,button:focus-visible,input[type=checkbox]:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
fieldset.sev{border:0;margin:0;padding:0;min-width:0;display:flex;flex-wrap:wrap;gap:.35rem .75rem;align-items:center}
fieldset.sev legend{float:left;margin-right:.5rem;font-weight:600;padding:0}
.sev-toggle,.changed-only{display:inline-flex;align-items:center;gap:.3rem;cursor:pointer;white-space:nowrap}
button{font:inherit;padding:.35rem .8rem;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--text);cursor:pointer}
.status{margin:.5rem 0 0;color:var(--muted);font-size:.9rem}
table.grid{width:100%;border-collapse:collapse}
.grid caption{text-align:left;color:var(--muted);padding-bottom:.5rem;font-size:.9rem}
.grid th,.grid td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
.grid thead th{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);font-weight:600}
.grid tbody th{font-weight:400}
.grid tfoot th,.grid tfoot td{font-weight:650;border-bottom:0}
.grid tbody tr:hover{background:var(--bg)}
.num{text-align:right!important;font-variant-numeric:tabular-nums}
.bar-col{width:30%}meter{width:100%;height:.7rem}
.path,.reason{overflow-wrap:anywhere;word-break:break-word}
.place{white-space:nowrap}.place.long{white-space:normal;min-width:18em}.place.long code{overflow-wrap:anywhere}
.why{color:var(--muted);font-size:.85rem}
.none{color:var(--muted)}
.badge{display:inline-block;padding:0 .5rem;border-radius:4px;font-size:.8rem;font-weight:600;line-height:1.6}
.sev-error.badge{background:var(--err-bg);color:var(--err)}
.sev-warning.badge{background:var(--warn-bg);color:var(--warn)}
.sev-info.badge{background:var(--info-bg);color:var(--info)}
.sev-toggle.sev-error{color:var(--err)}.sev-toggle.sev-warning{color:var(--warn)}.sev-toggle.sev-info{color:var(--info)}
.status-converted{color:var(--accent);font-weight:600}.status-unchanged{color:var(--muted)}
.status-skipped{color:var(--warn);font-weight:600}.status-failed{color:var(--err);font-weight:600}
.rule{color:var(--muted)}
.reason code{background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:0 .25em;overflow-wrap:anywhere}
.no-rule.badge{background:var(--warn-bg);color:var(--warn);margin-left:.35rem}.no-rule-note{color:var(--warn);font-weight:600}
.empty{color:var(--muted);font-style:italic;margin:.25rem 0}
.change{border-top:1px solid var(--line);padding-top:.25rem}
.change:first-of-type{border-top:0}
.change summary{cursor:pointer;display:flex;align-items:baseline;gap:.6rem;flex-wrap:wrap;list-style:none}
.change summary::-webkit-details-marker{display:none}
.change summary::before{content:"▸";color:var(--muted);width:1em;flex:none}
.change details[open]>summary::before{content:"▾"}
.change summary h3{display:inline;margin:.6rem 0;overflow-wrap:anywhere;min-width:0}
.arrow{color:var(--muted)}
.diffstat{font-family:var(--mono);font-size:.85rem}.plus{color:var(--add-text)}.minus{color:var(--del-text)}
.diff-wrap{border:1px solid var(--line);border-radius:8px;overflow:auto;max-height:80vh;margin:.25rem 0 1rem}
table.diff{border-collapse:collapse;width:100%;line-height:1.45}
.diff td{padding:0 .6rem;vertical-align:top}
.diff .ln{width:1%;min-width:3.5em;text-align:right;color:var(--muted);user-select:none;border-right:1px solid var(--line);font-variant-numeric:tabular-nums;white-space:nowrap;opacity:.8}
.diff .code{white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word}
.d-add{background:var(--add-bg)}.d-add .code{color:var(--add-text)}.d-add .ln{background:var(--add-mark)}
.d-del{background:var(--del-bg)}.d-del .code{color:var(--del-text)}.d-del .ln{background:var(--del-mark)}
.d-hunk{background:var(--hunk-bg)}.d-hunk .code{color:var(--hunk-text)}
.d-file .code{font-weight:650}.d-meta .code{color:var(--muted);font-style:italic}
.cr{color:var(--muted);opacity:.7;font-size:.8em;padding-left:.15em}
footer{color:var(--muted);font-size:.85rem;text-align:center;padding:0 2rem 2rem}
[hidden]{display:none!important}
@media (max-width:600px){.top{padding:1rem 1rem .5rem}main{padding:1rem .75rem}main>section{padding:.9rem .8rem}.bar-col{display:none}#filter-text{min-width:0;flex-basis:100%}.place{white-space:normal}.place code{overflow-wrap:anywhere}}
@media print{.filters,nav,.skip{display:none}.diff-wrap{max-height:none;overflow:visible}main>section{break-inside:auto}}
`;

/*
 * The filter. Reads the JSON block, never writes markup: it only sets `hidden` on rows and
 * sections (each carries a numeric index; no data goes into selectors or attributes).
 */
const SCRIPT = `
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var text = document.getElementById("filter-text");
  var changedOnly = document.getElementById("filter-changed");
  var reset = document.getElementById("filter-reset");
  var status = document.getElementById("filter-status");
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[name="severity"]'));
  var messageRows = Array.prototype.slice.call(document.querySelectorAll("tr[data-message]"));
  var fileRows = Array.prototype.slice.call(document.querySelectorAll("#files tr[data-file]"));
  var changes = Array.prototype.slice.call(document.querySelectorAll("section.change[data-file]"));
  var tagRows = Array.prototype.slice.call(document.querySelectorAll("#shortcodes tr[data-tag]"));
  var tagTotal = document.querySelector("#shortcodes tfoot tr");
  function matches(haystack, terms) {
    for (var i = 0; i < terms.length; i++) if (haystack.indexOf(terms[i]) === -1) return false;
    return true;
  }
  function apply() {
    var terms = text.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var on = {};
    var all = true;
    boxes.forEach(function (b) { on[b.value] = b.checked; if (!b.checked) all = false; });
    var onlyChanged = changedOnly.checked;
    var messageOk = data.messages.map(function (m) {
      return on[m.s] === true && matches(m.t, terms) && (!onlyChanged || data.files[m.f].c);
    });
    var fileOk = data.files.map(function (f) {
      if (onlyChanged && !f.c) return false;
      var own = matches(f.t, terms);
      if (all && (own || terms.length === 0)) return true;
      return f.m.some(function (i) {
        var m = data.messages[i];
        return (all || on[m.s] === true) && matches(f.t + "\\n" + m.t, terms);
      });
    });
    var shownMessages = 0;
    messageRows.forEach(function (row) {
      var ok = messageOk[Number(row.getAttribute("data-message"))] === true;
      row.hidden = !ok;
      if (ok) shownMessages++;
    });
    var shownFiles = 0;
    fileRows.forEach(function (row) {
      var ok = fileOk[Number(row.getAttribute("data-file"))] === true;
      row.hidden = !ok;
      if (ok) shownFiles++;
    });
    var shownChanges = 0;
    changes.forEach(function (section) {
      var ok = fileOk[Number(section.getAttribute("data-file"))] === true;
      section.hidden = !ok;
      if (ok) shownChanges++;
    });
    // Shortcodes by tag: the uses in the files the filter shows.
    var uses = [];
    var inFiles = [];
    var filesWith = 0;
    var totalUses = 0;
    data.files.forEach(function (f, i) {
      if (fileOk[i] !== true || f.s.length === 0) return;
      filesWith++;
      f.s.forEach(function (pair) {
        uses[pair[0]] = (uses[pair[0]] || 0) + pair[1];
        inFiles[pair[0]] = (inFiles[pair[0]] || 0) + 1;
        totalUses += pair[1];
      });
    });
    var shownTags = 0;
    tagRows.forEach(function (row) {
      var k = Number(row.getAttribute("data-tag"));
      var n = uses[k] || 0;
      row.hidden = n === 0;
      if (n > 0) shownTags++;
      row.querySelector(".uses").textContent = String(n);
      row.querySelector(".files").textContent = String(inFiles[k] || 0);
      row.querySelector("meter").value = n;
    });
    if (tagTotal) {
      tagTotal.querySelector(".uses").textContent = String(totalUses);
      tagTotal.querySelector(".files").textContent = String(filesWith);
    }
    toggleEmpty("shortcodes", tagRows.length > 0 && shownTags === 0);
    toggleEmpty("messages", messageRows.length > 0 && shownMessages === 0);
    toggleEmpty("files", fileRows.length > 0 && shownFiles === 0);
    toggleEmpty("changes", changes.length > 0 && shownChanges === 0);
    var filtered = terms.length > 0 || !all || onlyChanged;
    status.textContent = filtered
      ? "Showing " + shownMessages + " of " + messageRows.length + " messages · " + shownFiles + " of " + fileRows.length + " files · " + shownChanges + " of " + changes.length + " diffs"
      : messageRows.length + " messages · " + fileRows.length + " files";
  }
  function toggleEmpty(id, empty) {
    var note = document.querySelector("#" + id + " .filtered-empty");
    if (note) note.hidden = !empty;
  }
  [text, changedOnly, reset].concat(boxes).forEach(function (control) { control.disabled = false; });
  text.addEventListener("input", apply);
  changedOnly.addEventListener("change", apply);
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  reset.addEventListener("click", function () {
    text.value = "";
    changedOnly.checked = false;
    boxes.forEach(function (b) { b.checked = true; });
    apply();
    text.focus();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && document.activeElement !== text && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      text.focus();
    }
  });
  apply();
})();
`;

const sha256 = (text: string): string => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/**
 * Nothing but the page's own style sheet and script: no network (`connect-src`, `img-src`,
 * `font-src` … all `'none'` through `default-src`, spelt out for the reader), no forms, no
 * `<base>`, no frames or plugins.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `script-src ${sha256(SCRIPT)}`,
  `style-src ${sha256(STYLE)}`,
  "img-src 'none'",
  "font-src 'none'",
  "connect-src 'none'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "manifest-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
].join("; ");
