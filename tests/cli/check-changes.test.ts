/**
 * check's "would change" lines, with the real converter: each names the text before and after
 * from the same hunk of the diff, never the same text twice, never a blank preview.
 */
import { afterEach, expect, test } from "@jest/globals";
import { loadEngine } from "../../src/run/engine.js";
import { cleanupTrees, cli, tree } from "./helpers.js";

afterEach(cleanupTrees);
const engine = await loadEngine();

test("check pairs each changed line with what it becomes", async () => {
  const dir = await tree({
    "mac.txt": "Maç dün akşam oynandı.\n\n1. Lig puan durumu maçtan sonra:\nGalibiyet golü 90. dakikada geldi.\n\n<h2>İki Sütun</h2>\n\nSon paragraf.\n",
    "baslik.txt": "Giriş.\n<h2>İki Sütun</h2>\nMetin burada.\n",
    "bosluk.txt": "Başlık\n\n<p>\nBir paragraf</p>\n\n  \n\nSonraki.\n",
  });
  const r = await cli(["check", "mac.txt", "baslik.txt", "bosluk.txt"], { cwd: dir, engine });
  expect(r.code).toBe(1);
  expect(r.stdout.split("\n").filter(Boolean)).toEqual([
    // the heading gains blank lines around it: paired with its new text, not with a blank line
    'baslik.txt:2:1  error  line 2 would change: "<h2>İki Sütun</h2>" → "## İki Sütun"  would-change',
    'bosluk.txt:3:1  error  lines 3–4 would change: "Bir paragraf</p>" → "Bir paragraf"  would-change',
    "bosluk.txt:6:1  error  lines 6–7 would change: 2 blank lines would be removed  would-change",
    'mac.txt:3:1  error  line 3 would change: "1. Lig puan durumu maçtan sonra:" → "1\\. Lig puan durumu maçtan sonra:\\"  would-change',
    'mac.txt:6:1  error  line 6 would change: "<h2>İki Sütun</h2>" → "## İki Sütun"  would-change',
  ]);
  for (const line of r.stdout.split("\n")) {
    const sides = line.match(/: (".*") → (".*")  would-change$/);
    if (sides) expect(sides[1]).not.toBe(sides[2]);
  }
  expect(r.last).toBe(
    "✖ exit 1: 3 files would change (5 places); run `shortcode-migrate convert mac.txt baslik.txt bosluk.txt --out-dir DIR` (--write converts only markdown files in place)",
  );
});
