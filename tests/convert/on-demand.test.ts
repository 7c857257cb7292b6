/**
 * The fallbacks behind the fast paths (remark-stringify, rehype) and the markdown parser load
 * only when a conversion needs them (src/convert/on-demand.ts): a worker thread starts in about
 * half the time. Checked in a fresh process of the built package, by the modules Node resolves.
 */
import { describe, expect, test } from "@jest/globals";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const worker = fileURLToPath(new URL("../../dist/src/scale/worker.js", import.meta.url));
const built = existsSync(worker);
const HEAVY = [
  "rehype-parse",
  "hast-util-to-mdast",
  "parse5",
  "remark-stringify",
  "mdast-util-to-markdown",
  "remark-parse",
  "micromark-core-commonmark",
  "diff",
];

/** What a fresh process of the built package loads: before a conversion, and after one that needs rehype. */
interface Loads {
  /** Packages resolved by `import` while the worker module loaded. */
  imported: Set<string>;
  /** {@link HEAVY} packages in the CommonJS cache (where `require(esm)` puts them) before and after the conversion. */
  requiredBefore: string[];
  requiredAfter: string[];
  /** The process's `process.features.require_module`. */
  defers: boolean;
}

function loads(text: string): Promise<Loads> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "smod-"));
  const hooks = path.join(dir, "hooks.mjs");
  const register = path.join(dir, "register.mjs");
  writeFileSync(
    hooks,
    `export async function resolve(s, c, n) { const r = await n(s, c); const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(r.url); if (m) process.stderr.write("PKG " + m[1] + "\\n"); return r; }\n`,
  );
  writeFileSync(register, `import { register } from "node:module"; register(${JSON.stringify(new URL(`file://${hooks}`).href)});\n`);
  const script = `
    const w = await import(${JSON.stringify(worker)});
    process.stderr.write("MARK\\n");
    const { createRequire } = await import("node:module");
    const req = createRequire(${JSON.stringify(worker)});
    const has = (p) => { try { return Boolean(req.cache[req.resolve(p)]); } catch { return false; } };
    const heavy = ${JSON.stringify(HEAVY)};
    const before = heavy.filter(has);
    const [result] = w.default({ texts: [${JSON.stringify(text)}], options: {} });
    if (!result.output) throw new Error("no output");
    process.stderr.write("RESULT " + JSON.stringify({ before, after: heavy.filter(has), defers: process.features.require_module === true }) + "\\n");`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["--import", register, "--input-type=module", "-e", script], (error, _stdout, stderr) => {
      rmSync(dir, { recursive: true, force: true });
      if (error) return reject(new Error(`${error.message}\n${stderr}`));
      const lines = stderr.split("\n");
      const mark = lines.indexOf("MARK");
      const imported = new Set(
        lines
          .slice(0, mark)
          .filter((l) => l.startsWith("PKG "))
          .map((l) => l.slice(4)),
      );
      const result = JSON.parse(lines.find((l) => l.startsWith("RESULT "))!.slice(7)) as { before: string[]; after: string[]; defers: boolean };
      resolve({ imported, requiredBefore: result.before, requiredAfter: result.after, defers: result.defers });
    });
  });
}

(built || process.env.CI ? describe : describe.skip)("packages loaded on demand", () => {
  test("the worker module loads none of the fallbacks; a conversion that needs rehype loads it then", async () => {
    const plain = await loads("Düz metin, ’’alıntı’’ ve <strong>kalın</strong>.");
    if (!plain.defers) {
      // Node without require(esm): everything is imported up front, as before
      expect(plain.imported.has("rehype-parse")).toBe(true);
      return;
    }
    expect(HEAVY.filter((name) => plain.imported.has(name))).toEqual([]);
    expect(plain.requiredBefore).toEqual([]);
    expect(plain.requiredAfter).toEqual([]); // plain prose takes both fast paths
    const table = await loads("<table><tr><td>Hücre</td></tr></table>");
    expect(table.requiredBefore).toEqual([]);
    // required directly (their own imports load as ES modules): rehype, hast-util-to-mdast for the
    // table handler, remark-stringify for the GFM table it becomes
    expect(table.requiredAfter).toEqual(["rehype-parse", "hast-util-to-mdast", "remark-stringify"]);
  });

  test("an input the fast paths do not take still converts (rehype and remark-stringify load on first use)", async () => {
    const { convert } = await import("../../src/convert/index.js");
    // a table is not simple inline markup (rehype), a list is not a plain shape (remark-stringify)
    const result = convert("<table><tr><td>Hücre</td></tr></table>\n\n<ul><li>Bir</li><li>İki</li></ul>");
    expect(result.output).toContain("| Hücre |");
    expect(result.output).toMatch(/^- Bir$/m);
  });
});
