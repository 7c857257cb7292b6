import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { convert } from "../../src/convert/index.js";
import { unifiedDiff } from "../../src/report/diff.js";
import { CONTENT_SECURITY_POLICY, escapeHtml, jsonForScript, renderHtmlReport } from "../../src/report/html.js";
import { toReportMessage, type FileReport, type ReportMessage, type RunSummary } from "../../src/report/types.js";

// ---------------------------------------------------------------------------------------------
// Data

/** Each payload sets `window.__pwned` (and opens a dialog) if it ever runs. */
const PAYLOADS = [
  "<script>window.__pwned=1;alert(1)</script>",
  '"><img src=x onerror="window.__pwned=2;alert(2)">',
  "'><svg onload=window.__pwned=3>",
  "</script><script>window.__pwned=4;alert(4)</script>",
  "javascript:window.__pwned=5;alert(5)",
  "<!--<script>window.__pwned=6</script>",
  '<iframe srcdoc="<script>parent.__pwned=7</script>"></iframe>',
];
const ALL = PAYLOADS.join(" ");

function msg(file: string, line: number, severity: ReportMessage["severity"], ruleId: string, reason: string): ReportMessage {
  return { file, line, column: 3, endLine: line, endColumn: 9, severity, ruleId, reason };
}

function summaryOf(files: readonly FileReport[], extra: Partial<RunSummary> = {}): RunSummary {
  const all = files.flatMap((f) => f.messages);
  return {
    command: "convert",
    files: files.length,
    converted: files.filter((f) => f.status === "converted").length,
    upToDate: files.filter((f) => f.status === "unchanged").length,
    failed: [],
    skipped: files.filter((f) => f.status === "skipped").map((f) => ({ file: f.file, reason: f.skipReason ?? "?" })),
    ignored: 0,
    warnings: all.filter((m) => m.severity === "warning").length,
    errors: all.filter((m) => m.severity === "error").length,
    durationMs: 1234,
    dryRun: true,
    verb: "would change",
    ...extra,
  };
}

/** A converted file, the way the CLI builds it: real converter, real diff. */
function convertedFile(name: string, text: string): FileReport {
  const result = convert(text);
  const diff = unifiedDiff(name, name, text, result.output);
  return {
    file: name,
    status: result.changed ? "converted" : "unchanged",
    output: null,
    changed: result.changed,
    messages: result.messages.map((m) => toReportMessage(name, m)),
    shortcodes: result.stats.shortcodes,
    ...(diff ? { diff } : {}),
  };
}

/** Known contents, for exact filter assertions: 5 files, 6 messages (2 error, 3 warning, 1 info). */
function knownFiles(): FileReport[] {
  const diff = '--- a/news/a.txt\n+++ b/news/a.txt\n@@ -1,3 +1,3 @@\n Intro\n-[box title="x"]\n+> **x**\n Outro\n';
  return [
    {
      file: "news/a.txt",
      status: "converted",
      output: null,
      changed: true,
      messages: [
        msg("news/a.txt", 2, "warning", "unsafe-url", "Unsafe link URL kept as text"),
        msg("news/a.txt", 7, "info", "repaired-quotes", "Texturized quotes repaired"),
      ],
      shortcodes: { box: 2, gallery: 1 },
      diff,
    },
    {
      file: "news/b.txt",
      status: "converted",
      output: null,
      changed: true,
      messages: [msg("news/b.txt", 4, "error", "unclosed-shortcode", "Shortcode [box] is never closed")],
      shortcodes: { box: 1 },
      diff: diff.replace(/a\.txt/g, "b.txt"),
    },
    {
      file: "sport/c.txt",
      status: "unchanged",
      output: null,
      changed: false,
      messages: [msg("sport/c.txt", 1, "warning", "unknown-shortcode", "Unknown shortcode [poll] kept verbatim")],
      shortcodes: { poll: 3 },
    },
    {
      file: "sport/d.txt",
      status: "unchanged",
      output: null,
      changed: false,
      messages: [
        msg("sport/d.txt", 3, "error", "invalid-attribute", "Attribute id has no value"),
        msg("sport/d.txt", 9, "warning", "unknown-shortcode", "Unknown shortcode [quiz] kept verbatim"),
      ],
      shortcodes: {},
    },
    { file: "empty.txt", status: "skipped", output: null, changed: false, skipReason: "empty", messages: [], shortcodes: {} },
  ];
}

/** Payloads everywhere the data can carry them: text, attributes, file names, ids, rules, tags. */
function hostileFiles(): FileReport[] {
  const article = [
    `Başlık ${PAYLOADS[0]} ve metin.`,
    "",
    `[old_news_related_template title="${PAYLOADS[1].replace(/"/g, "&quot;")}" desc='${PAYLOADS[2]}' image="javascript:window.__pwned=8" link="${PAYLOADS[4]}"]`,
    "",
    `<a href="${PAYLOADS[4]}">tıkla</a> ${PAYLOADS[3]} [caption title="${PAYLOADS[5]}"]x[/caption]`,
    "",
  ].join("\n");
  const fromArticle = convertedFile(`news/${PAYLOADS[1]}.txt`, article);
  const ndjsonId = `archive.ndjson#${PAYLOADS[3]}`;
  const fromRecord = convertedFile(ndjsonId, `${PAYLOADS[6]} [gallery ids="${PAYLOADS[1].replace(/"/g, "")}"]`);
  return [
    fromArticle,
    fromRecord,
    {
      file: `${PAYLOADS[0]}.txt`,
      status: "converted",
      output: `out/${PAYLOADS[1]}.md`,
      changed: true,
      messages: [msg(`${PAYLOADS[0]}.txt`, 1, "error", PAYLOADS[2], `reason ${ALL}`), msg(`${PAYLOADS[0]}.txt`, 2, "info", PAYLOADS[4], PAYLOADS[5])],
      shortcodes: { [PAYLOADS[1]]: 2, [PAYLOADS[0]]: 1 },
      diff: `--- a/${PAYLOADS[3]}\n+++ b/${PAYLOADS[1]}\n@@ -1,2 +1,2 @@ ${PAYLOADS[0]}\n-${PAYLOADS[3]}\n+${PAYLOADS[1]}\n ${PAYLOADS[6]}\r\n\\ No newline ${PAYLOADS[2]}\n`,
    },
    { file: `${PAYLOADS[2]}.txt`, status: "skipped", output: null, changed: false, skipReason: PAYLOADS[0], messages: [], shortcodes: {} },
  ];
}

// ---------------------------------------------------------------------------------------------
// Pure renderer

/** Tag names the page may contain; anything else came from data. */
const ALLOWED_TAGS = new Set(
  "html head meta title style body a header h1 h2 h3 p code span nav ul li main section dl div dt dd time label input fieldset legend button noscript table caption thead tbody tfoot tr th td meter details summary footer script".split(
    " ",
  ),
);
const ALLOWED_ATTRIBUTES = new Set(
  "lang charset http-equiv content name class href id aria-label aria-labelledby aria-describedby aria-live role type autocomplete spellcheck placeholder disabled value checked for scope hidden min max title open translate data-file data-message data-tag".split(
    " ",
  ),
);

function tagsOf(page: string): Array<{ name: string; attributes: Array<[string, string | undefined]> }> {
  // Attribute values are escaped, so `"` never occurs inside one and this simple scan is exact.
  return [...page.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>"']+(?:="[^"]*")?)*)\s*\/?>/g)].map((m) => ({
    name: m[1]!.toLowerCase(),
    attributes: [...m[2]!.matchAll(/\s+([^\s=>"']+)(?:="([^"]*)")?/g)].map((a) => [a[1]!.toLowerCase(), a[2]] as [string, string | undefined]),
  }));
}

function inlineBlocks(page: string, tag: "script" | "style"): string[] {
  return [...page.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, "g"))].map((m) => m[1]!);
}

describe("renderHtmlReport (pure)", () => {
  test("escapeHtml escapes the five characters and nothing else", () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp; ış</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp; ış&lt;/a&gt;");
  });

  test("jsonForScript cannot close a script element and round-trips", () => {
    const value = { s: "</script><script>alert(1)</script><!-- & \u2028" };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual(value);
  });

  test("a hostile report contains only the page's own markup", () => {
    const files = hostileFiles();
    const page = renderHtmlReport(files, summaryOf(files, { skipped: [{ file: PAYLOADS[1], reason: PAYLOADS[0] }] }), {
      title: `Review ${PAYLOADS[0]}`,
      generatedAt: PAYLOADS[1],
      tool: { name: PAYLOADS[3], version: PAYLOADS[2] },
    });
    // Each payload is present (escaped, not dropped) ...
    expect(page).toContain(escapeHtml(PAYLOADS[1]));
    expect(page).toContain(escapeHtml(`-${PAYLOADS[3]}`));
    expect(page).toContain("&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;");
    // ... and none is live.
    for (const payload of PAYLOADS.filter((p) => /[<>"']/.test(p))) expect(page).not.toContain(payload);
    const tags = tagsOf(page);
    for (const tag of tags) {
      expect(ALLOWED_TAGS).toContain(tag.name);
      for (const [name, value] of tag.attributes) {
        expect(ALLOWED_ATTRIBUTES).toContain(name);
        if (name === "href") expect(value).toMatch(/^#[a-z][\w-]*$/);
      }
    }
    expect(tags.filter((t) => t.name === "script").map((t) => t.attributes)).toEqual([
      [
        ["type", "application/json"],
        ["id", "report-data"],
      ],
      [],
    ]);
    expect(tags.some((t) => ["img", "svg", "iframe", "object", "embed", "form", "base", "link"].includes(t.name))).toBe(false);
    expect(page.match(/<\/script>/g)).toHaveLength(2);
    expect(page).not.toMatch(/<!--/);
    // The data block holds the payloads verbatim once parsed.
    const [json] = inlineBlocks(page, "script");
    expect(json).not.toContain("<");
    const data = JSON.parse(json!) as { files: Array<{ t: string }>; messages: Array<{ t: string }> };
    expect(data.files[2]!.t).toContain(PAYLOADS[0].toLowerCase());
    expect(data.messages.some((m) => m.t.includes(PAYLOADS[5].toLowerCase()))).toBe(true);
  });

  test("javascript: URLs in articles stay text; nothing links anywhere", () => {
    const files = hostileFiles();
    const page = renderHtmlReport(files, summaryOf(files));
    expect(page).toContain("javascript:window.__pwned=5");
    expect(page).not.toMatch(/(?:href|src|action|formaction|srcdoc|xlink:href)\s*=\s*["']?\s*(?:javascript|data|https?):/i);
    const attributes = tagsOf(page).flatMap((t) => t.attributes);
    expect(attributes.filter(([name]) => /^(?:src|srcset|srcdoc|action|formaction|background|poster|xlink:href|on.*)$/.test(name))).toEqual([]);
    expect(attributes.filter(([, value]) => /^\s*(?:javascript|data|vbscript|https?):/i.test(value ?? ""))).toEqual([]);
  });

  test("no http URL anywhere, and a CSP that forbids network, allowing only the page's own style and script by hash", () => {
    const files = knownFiles();
    const page = renderHtmlReport(files, summaryOf(files), { generatedAt: "2025-01-01 10:00" });
    expect(page).not.toMatch(/https?:|\/\/[a-z]/i);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page)?.[1];
    expect(csp).toBe(escapeHtml(CONTENT_SECURITY_POLICY));
    for (const directive of ["default-src 'none'", "img-src 'none'", "connect-src 'none'", "font-src 'none'", "form-action 'none'", "base-uri 'none'"]) {
      expect(CONTENT_SECURITY_POLICY).toContain(directive);
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    // The CSP comes before anything it governs.
    expect(page.indexOf("Content-Security-Policy")).toBeLessThan(page.indexOf("<style>"));
    const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
    const [script] = inlineBlocks(page, "script").slice(1);
    const [style] = inlineBlocks(page, "style");
    expect(CONTENT_SECURITY_POLICY).toContain(`script-src ${hash(script!)}`);
    expect(CONTENT_SECURITY_POLICY).toContain(`style-src ${hash(style!)}`);
    expect(page).not.toMatch(/\sstyle=|\son[a-z]+=/i);
  });

  test("the page shows the summary numbers, skip reasons and lang=en", () => {
    const files = knownFiles();
    const page = renderHtmlReport(files, summaryOf(files, { ignored: 2, cached: 4, durationMs: 2345 }), { title: "Migration review" });
    expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(page).toContain("<title>Migration review</title>");
    const cards = Object.fromEntries([...page.matchAll(/<dt>([^<]+)<\/dt><dd>([^<]+)<\/dd>/g)].map((m) => [m[1], m[2]]));
    expect(cards).toEqual({
      files: "5",
      "would change": "2",
      "up to date": "2",
      skipped: "1",
      cached: "4",
      ignored: "2",
      warnings: "3",
      errors: "2",
      time: "2.3 s",
    });
    expect(page).toContain('<span class="reason">empty</span>');
    expect(page).toContain("<code>empty.txt</code>");
  });

  test("shortcodes by tag with totals; messages with file:line:column, severity, rule and reason", () => {
    const files = knownFiles();
    const page = renderHtmlReport(files, summaryOf(files));
    expect(page).toMatch(/<tr data-tag="0"><th scope="row"><code>\[box\]<\/code><\/th><td class="num uses">3<\/td><td class="num files">2<\/td>/);
    expect(page).toMatch(/<tfoot><tr><th scope="row">Total<\/th><td class="num uses">7<\/td><td class="num files">3<\/td>/);
    expect(page).toContain("3 tags, 7 uses in 3 of 5 files");
    expect(page).toContain("<code>news/b.txt:4:3</code>");
    expect(page).toMatch(
      /<span class="badge sev-error">error<\/span><\/td>\n<td><code class="rule">unclosed-shortcode<\/code><\/td>\n<td class="reason">Shortcode \[box\] is never closed<\/td>/,
    );
  });

  test("shortcodes by tag: a tag no rule handles (unknown-shortcode) is marked, handled ones are not", () => {
    const files = knownFiles();
    const page = renderHtmlReport(files, summaryOf(files));
    expect(page).toMatch(
      /<tr data-tag="1" class="unhandled"><th scope="row"><code>\[poll\]<\/code> <span class="badge no-rule" title="[^"]*">no rule<\/span><\/th><td class="num uses">3<\/td>/,
    );
    expect(page).toMatch(/<tr data-tag="0"><th scope="row"><code>\[box\]<\/code><\/th>/);
    expect(page).toMatch(/<tr data-tag="2"><th scope="row"><code>\[gallery\]<\/code><\/th>/);
    expect(page).toContain('3 tags, 7 uses in 3 of 5 files; <span class="no-rule-note">1 tag has no rule</span> (kept as written)');
    // from the real converter: [anket] is unknown under the default preset (which handles [caption])
    const real = convertedFile(
      "a.txt",
      `Giriş [anket id="1"]Foto[/anket] ve [old_news_related_template title="A" desc="" image="https://e.com/i.jpg" link="https://e.com/a/"]\n`,
    );
    const realPage = renderHtmlReport([real], summaryOf([real]));
    expect(realPage).toMatch(/<code>\[anket\]<\/code> <span class="badge no-rule"/);
    expect(realPage).toMatch(/<code>\[old_news_related_template\]<\/code><\/th>/);
  });

  test("backticks in reasons are rendered as code, the rest of the reason as text", () => {
    const files = knownFiles();
    files[1]!.messages = [msg("news/b.txt", 4, "error", "unclosed-shortcode", "`[box` is never closed with `]`; kept as text (`<b>`)")];
    const page = renderHtmlReport(files, summaryOf(files));
    expect(page).toContain('<td class="reason"><code>[box</code> is never closed with <code>]</code>; kept as text (<code>&lt;b&gt;</code>)</td>');
    expect(page).not.toMatch(/<td class="reason">[^<]*`/);
  });

  test("diff lines are classed by kind, numbered, and CR shown as a mark", () => {
    const files = knownFiles();
    files[0]!.diff = files[0]!.diff!.replace(" Outro\n", " Outro\r\n");
    const page = renderHtmlReport(files, summaryOf(files));
    expect(page).toContain('<tr class="d-file"><td class="ln"></td><td class="ln"></td><td class="code">--- a/news/a.txt</td></tr>');
    expect(page).toContain('<tr class="d-hunk"><td class="ln"></td><td class="ln"></td><td class="code">@@ -1,3 +1,3 @@</td></tr>');
    expect(page).toContain('<tr class="d-del"><td class="ln">2</td><td class="ln"></td><td class="code">-[box title=&quot;x&quot;]</td></tr>');
    expect(page).toContain('<tr class="d-add"><td class="ln"></td><td class="ln">2</td><td class="code">+&gt; **x**</td></tr>');
    expect(page).toMatch(/<tr class="d-ctx"><td class="ln">3<\/td><td class="ln">3<\/td><td class="code"> Outro<span class="cr"[^>]*>␍<\/span><\/td><\/tr>/);
    expect(page).not.toContain("\r");
    expect(page).toContain('<span class="plus">+1</span> <span class="minus">−1</span>');
    // Only changed files get a diff section, linked from the files table by index.
    expect(page.match(/<section class="change"/g)).toHaveLength(2);
    expect(page).toContain('<a href="#f1"><code>news/b.txt</code></a>');
  });

  test("pure and total: same input, same page; empty runs render", () => {
    const files = knownFiles();
    expect(renderHtmlReport(files, summaryOf(files))).toBe(renderHtmlReport(files, summaryOf(files)));
    const empty = renderHtmlReport([], summaryOf([]));
    expect(empty).toContain("No shortcodes found.");
    expect(empty).toContain("No messages.");
    expect(empty).toContain("No file changes.");
  });
});

// ---------------------------------------------------------------------------------------------
// In a real browser

const CHROMIUM = "/usr/bin/chromium";
// Skipped only on a developer machine without the browser; in CI a missing browser fails.
const inCi = Boolean(process.env.CI) && !/^(?:0|false)$/i.test(process.env.CI ?? "");
const describeBrowser = existsSync(CHROMIUM) || inCi ? describe : describe.skip;

describeBrowser("HTML report in headless Chromium", () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      timeout: 30_000,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    dir = mkdtempSync(path.join(tmpdir(), "html-report-"));
  }, 40_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  interface Opened {
    page: Page;
    url: string;
    requests: string[];
    dialogs: string[];
    errors: string[];
  }

  /** Writes the page to a file and opens it by file:// URL, recording every request and dialog. */
  async function open(name: string, html: string, viewport = { width: 1280, height: 900 }): Promise<Opened> {
    const file = path.join(dir, name);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const page = await browser.newPage({ viewport });
    page.setDefaultTimeout(10_000);
    const opened: Opened = { page, url, requests: [], dialogs: [], errors: [] };
    page.on("request", (request) => opened.requests.push(request.url()));
    page.on("dialog", (dialog) => {
      opened.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on("pageerror", (error) => opened.errors.push(error.message));
    // Browser-side code is written as strings: the tests are type-checked without the DOM lib.
    await page.addInitScript({
      content: `window.__violations = [];
        document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));`,
    });
    await page.goto(url, { waitUntil: "load", timeout: 15_000 });
    return opened;
  }

  const visible = (page: Page, selector: string) => page.locator(`${selector}:visible`).count();
  const pwned = (page: Page) => page.evaluate<unknown>("window.__pwned");
  const violations = (page: Page) => page.evaluate<string[]>("window.__violations");

  test("shows the summary counts, and the filters hide what does not match", async () => {
    const files = knownFiles();
    const { page, errors } = await open("known.html", renderHtmlReport(files, summaryOf(files), { title: "Known report" }));
    try {
      const cards = await page.$$eval(".cards .card", (nodes) => nodes.map((n) => [n.querySelector("dt")!.textContent, n.querySelector("dd")!.textContent]));
      expect(Object.fromEntries(cards)).toEqual({
        files: "5",
        "would change": "2",
        "up to date": "2",
        skipped: "1",
        warnings: "3",
        errors: "2",
        time: "1.2 s",
      });
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Known report");
      expect(await page.getByRole("status").textContent()).toBe("6 messages · 5 files");

      const rows = "#messages tbody tr";
      const fileRows = "#files tbody tr";
      const diffs = "section.change";
      expect([await visible(page, rows), await visible(page, fileRows), await visible(page, diffs)]).toEqual([6, 5, 2]);

      // Text filter: rule id.
      const filter = page.getByRole("searchbox", { name: /^Filter/ });
      await filter.fill("unknown-shortcode");
      expect(await visible(page, rows)).toBe(2);
      expect(await page.locator(`${rows}:visible .rule`).allTextContents()).toEqual(["unknown-shortcode", "unknown-shortcode"]);
      expect(await page.locator(`${fileRows}:visible th`).allTextContents()).toEqual(["sport/c.txt", "sport/d.txt"]);
      expect(await visible(page, diffs)).toBe(0);
      expect(await page.locator("#changes .filtered-empty").isVisible()).toBe(true);
      expect(await page.getByRole("status").textContent()).toBe("Showing 2 of 6 messages · 2 of 5 files · 0 of 2 diffs");

      // Text filter: file name (case-insensitive), then reason words in any order.
      await filter.fill("NEWS/B");
      expect(await page.locator(`${rows}:visible .place`).allTextContents()).toEqual(["news/b.txt:4:3"]);
      expect(await visible(page, diffs)).toBe(1);
      await filter.fill("closed never");
      expect(await page.locator(`${rows}:visible .reason`).allTextContents()).toEqual(["Shortcode [box] is never closed"]);
      await filter.fill("no such thing");
      expect([await visible(page, rows), await visible(page, fileRows)]).toEqual([0, 0]);
      expect(await page.locator("#messages .filtered-empty").isVisible()).toBe(true);
      await filter.fill("");
      expect(await visible(page, rows)).toBe(6);

      // Severity checkboxes.
      await page.getByRole("checkbox", { name: /^warning/ }).uncheck();
      expect(await visible(page, rows)).toBe(3);
      await page.getByRole("checkbox", { name: /^info/ }).uncheck();
      expect(await page.locator(`${rows}:visible .badge`).allTextContents()).toEqual(["error", "error"]);
      expect(await page.locator(`${fileRows}:visible th`).allTextContents()).toEqual(["news/b.txt", "sport/d.txt"]);
      await page.getByRole("checkbox", { name: /^error/ }).uncheck();
      expect(await visible(page, rows)).toBe(0);
      await page.getByRole("checkbox", { name: /^info/ }).check();
      expect(await page.locator(`${rows}:visible .place`).allTextContents()).toEqual(["news/a.txt:7:3"]);

      // Changed only, then reset.
      await page.getByRole("button", { name: "Reset" }).click();
      expect(await visible(page, rows)).toBe(6);
      await page.getByLabel("changed only").check();
      expect(await page.locator(`${fileRows}:visible th`).allTextContents()).toEqual(["news/a.txt", "news/b.txt"]);
      expect(await visible(page, rows)).toBe(3);
      expect(await visible(page, diffs)).toBe(2);

      // Shortcodes by tag follow the filter: uses and files counted in the files it shows.
      const tagRows = async () =>
        page.$$eval("#shortcodes tbody tr", (trs) =>
          trs
            .filter((tr) => !(tr as unknown as { hidden: boolean }).hidden)
            .map((tr) => [...tr.querySelectorAll("th code, td.num")].map((c) => c.textContent).join(" ")),
        );
      const totals = () => page.$$eval("#shortcodes tfoot td.num", (tds) => tds.map((td) => td.textContent).join(" "));
      expect(await tagRows()).toEqual(["[box] 3 2", "[gallery] 1 1"]);
      expect(await totals()).toBe("4 2");
      await page.getByRole("button", { name: "Reset" }).click();
      expect(await tagRows()).toEqual(["[box] 3 2", "[poll] 3 1", "[gallery] 1 1"]);
      expect(await totals()).toBe("7 3");
      await filter.fill("sport/");
      expect(await tagRows()).toEqual(["[poll] 3 1"]);
      expect(await page.locator("#shortcodes tr.unhandled:visible .no-rule").textContent()).toBe("no rule");
      await filter.fill("news/b");
      expect(await tagRows()).toEqual(["[box] 1 1"]);
      expect(await page.locator("#shortcodes meter:visible").evaluate((m) => (m as unknown as { value: number }).value)).toBe(1);
      await filter.fill("gallery"); // a tag's name finds the files that use it
      expect(await page.locator(`${fileRows}:visible th`).allTextContents()).toEqual(["news/a.txt"]);
      expect(await tagRows()).toEqual(["[box] 2 1", "[gallery] 1 1"]);
      await filter.fill("sport/d");
      expect(await tagRows()).toEqual([]);
      expect(await page.locator("#shortcodes .filtered-empty").isVisible()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  test("at 420 px every filter control is inside the viewport and usable, and the page does not scroll sideways", async () => {
    const files = knownFiles();
    const { page, errors } = await open("narrow.html", renderHtmlReport(files, summaryOf(files)), { width: 420, height: 800 });
    try {
      const controls = ["searchbox", "checkbox:error", "checkbox:warning", "checkbox:info", "checkbox:changed only", "button:Reset"];
      for (const control of controls) {
        const [role, name] = control.split(":") as ["searchbox" | "checkbox" | "button", string | undefined];
        const locator = name ? page.getByRole(role, { name: new RegExp(`^${name}`) }) : page.getByRole(role);
        const box = await locator.boundingBox();
        expect(box).not.toBeNull();
        expect([control, box!.x >= 0 && box!.x + box!.width <= 420]).toEqual([control, true]);
      }
      // the labels too (the "info" one used to be cut off at the right edge)
      for (const label of await page.locator("#filters label").all()) {
        const box = await label.boundingBox();
        expect(box!.x + box!.width).toBeLessThanOrEqual(420);
      }
      const width = await page.evaluate<[number, number]>("[document.documentElement.scrollWidth, document.documentElement.clientWidth]");
      expect(width[0]).toBeLessThanOrEqual(width[1]);
      await page.getByRole("checkbox", { name: /^info/ }).uncheck();
      expect(await visible(page, "#messages tbody tr")).toBe(5);
      await page.screenshot({ path: path.join(dir, "narrow.png") });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  test("a report of hostile articles, file names and ids runs no script and makes no request", async () => {
    const files = hostileFiles();
    const summary = summaryOf(files, { skipped: [{ file: PAYLOADS[1], reason: PAYLOADS[0] }] });
    const html = renderHtmlReport(files, summary, {
      title: `Review ${PAYLOADS[3]}`,
      generatedAt: PAYLOADS[1],
      tool: { name: PAYLOADS[0], version: PAYLOADS[4] },
    });
    const { page, url, requests, dialogs, errors } = await open("hostile.html", html);
    try {
      // Let anything that could be scheduled (onerror, onload, timers) have its chance.
      await page.waitForTimeout(300);
      expect(await pwned(page)).toBeUndefined();
      expect(dialogs).toEqual([]);
      expect(requests).toEqual([url]);
      expect(errors).toEqual([]);
      expect(await violations(page)).toEqual([]);
      // Nothing foreign in the DOM: no element, event handler or link the page did not write itself.
      expect(await page.locator("img, svg, iframe, object, embed, form, base, link").count()).toBe(0);
      expect(await page.locator("script").count()).toBe(2);
      const handlers = await page.evaluate<string[]>(
        `[...document.querySelectorAll("*")].flatMap((el) => [...el.attributes].map((a) => a.name).filter((name) => /^on/i.test(name)))`,
      );
      expect(handlers).toEqual([]);
      const hrefs = await page.$$eval("a", (links) => links.map((a) => a.getAttribute("href")));
      for (const href of hrefs) expect(href).toMatch(/^#[a-z][\w-]*$/);
      // The payloads are shown as text, byte for byte.
      expect(await page.title()).toBe(`Review ${PAYLOADS[3]}`);
      expect(await page.locator("#files tbody tr th code").allTextContents()).toEqual(files.map((f) => f.file));
      expect(await page.locator("#messages .rule").allTextContents()).toContain(PAYLOADS[2]);
      expect(await page.locator(".d-del .code").allTextContents()).toContain(`-${PAYLOADS[3]}`);
      expect(await page.locator("#shortcodes tbody th code").allTextContents()).toEqual(expect.arrayContaining([`[${PAYLOADS[1]}]`, `[${PAYLOADS[0]}]`]));
      // The filter takes payloads as plain text too.
      await page.getByRole("searchbox", { name: /^Filter/ }).fill(PAYLOADS[4]);
      expect(await page.locator("#messages tbody tr:visible .rule").allTextContents()).toContain(PAYLOADS[4]);
      expect(await pwned(page)).toBeUndefined();
      expect(requests).toEqual([url]);
    } finally {
      await page.close();
    }
  }, 60_000);

  test("defence in depth: markup injected into the live page can neither run nor reach the network", async () => {
    // A real server the injected markup points at: it must never be hit.
    const hits: string[] = [];
    const server = createServer((req, res) => {
      hits.push(req.url ?? "");
      res.end("window.__pwned = 9");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const files = knownFiles();
    const { page, url, requests, dialogs } = await open("csp.html", renderHtmlReport(files, summaryOf(files)));
    const failures: string[] = [];
    page.on("requestfailed", (request) => failures.push(`${request.url()} ${request.failure()?.errorText}`));
    try {
      const injected =
        `<img src="${origin}/x.png" onerror="window.__pwned=1;alert(1)"><a id="js" href="javascript:window.__pwned=2">x</a>` +
        `<link rel="stylesheet" href="${origin}/x.css"><iframe src="${origin}/frame"></iframe><script src="${origin}/x.js"></script>`;
      await page.evaluate(`{
        document.body.insertAdjacentHTML("beforeend", ${JSON.stringify(injected)});
        const s = document.createElement("script");
        s.textContent = "window.__pwned = 3";
        document.body.appendChild(s);
        fetch(${JSON.stringify(`${origin}/fetch`)}).catch(() => undefined);
      }`);
      await page.locator("#js").click();
      await page.waitForTimeout(500);
      expect(await pwned(page)).toBeUndefined();
      expect(dialogs).toEqual([]);
      expect(hits).toEqual([]);
      // Chromium announces the attempts, then blocks every one of them on the CSP before any network.
      const attempts = requests.filter((r) => r !== url);
      expect(failures.sort()).toEqual(attempts.map((r) => `${r} csp`).sort());
      const blocked = (await violations(page)).join("\n");
      for (const directive of ["img-src", "script-src", "style-src", "frame-src", "connect-src"]) expect(blocked).toContain(directive);
    } finally {
      await page.close();
      await new Promise((resolve) => server.close(resolve));
    }
  }, 60_000);

  test("a realistic report (the fixture articles) renders readably: screenshot to /tmp/report.png", async () => {
    const dirName = "fixtures/articles";
    const files = readdirSync(dirName)
      .sort()
      .map((name) => convertedFile(`${dirName}/${name}`, readFileSync(path.join(dirName, name), "utf8")));
    files.push(
      convertedFile("fixtures/convert/unsafe-urls/input.txt", `See [link url="javascript:alert(1)"]this[/link] and <a href="javascript:alert(1)">that</a>.\n`),
    );
    files[0]!.messages.push(msg(files[0]!.file, 5, "info", "repaired-quotes", "Texturized quotes “…” inside an attribute value repaired"));
    files.push({
      file: "fixtures/articles/broken.txt",
      status: "skipped",
      output: null,
      changed: false,
      skipReason: "invalid UTF-8",
      messages: [msg("fixtures/articles/broken.txt", 1, "error", "invalid-utf8", "Invalid UTF-8 at byte 812; re-save the file as UTF-8")],
      shortcodes: {},
    });
    const html = renderHtmlReport(files, summaryOf(files, { durationMs: 87 }), {
      generatedAt: "2025-06-01 14:03",
      tool: { name: "shortcode-migrate", version: "0.1.0" },
    });
    const { page, url, requests, errors } = await open("fixtures.html", html, { width: 1200, height: 900 });
    try {
      expect(await page.locator(".cards .card").first().locator("dd").textContent()).toBe(String(files.length));
      await page.screenshot({ path: "/tmp/report.png", fullPage: true, timeout: 15_000 });
      expect(requests).toEqual([url]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
