import { describe, expect, test } from "@jest/globals";
import { detectMojibake, guessLegacyEncoding } from "../../src/checks/encoding.js";

/** What a UTF-8 text looks like after being read as Windows-1252 and saved as UTF-8 again. */
function garble(text: string): string {
  const cp1252 = new Map(
    Object.entries({
      0x80: "€",
      0x82: "‚",
      0x83: "ƒ",
      0x84: "„",
      0x85: "…",
      0x86: "†",
      0x87: "‡",
      0x88: "ˆ",
      0x89: "‰",
      0x8a: "Š",
      0x8b: "‹",
      0x8c: "Œ",
      0x8e: "Ž",
      0x91: "‘",
      0x92: "’",
      0x93: "“",
      0x94: "”",
      0x95: "•",
      0x96: "–",
      0x97: "—",
      0x98: "˜",
      0x99: "™",
      0x9a: "š",
      0x9b: "›",
      0x9c: "œ",
      0x9e: "ž",
      0x9f: "Ÿ",
    }).map(([k, v]) => [Number(k), v]),
  );
  return [...Buffer.from(text, "utf8")].map((b) => cp1252.get(b) ?? String.fromCharCode(b)).join("");
}

describe("mojibake", () => {
  test("Turkish letters and typographic quotes garbled by a Windows-1252 round trip are found", () => {
    const clean = "Türkiye’nin ılımlı şartları, Ağrı’da görüşüldü: “Çok İyi” dedi.";
    const garbled = garble(clean);
    expect(garbled).toContain("Ã¼");
    expect(garbled).toContain("Ä±");
    const found = detectMojibake("Önce temiz bir cümle. " + garbled);
    expect(found).not.toBeNull();
    expect(found!.found).toBe("Ã¼");
    expect(found!.meant).toBe("ü");
    expect(found!.offset).toBe("Önce temiz bir cümle. T".length);
    expect(found!.count).toBeGreaterThanOrEqual(12);
  });

  test("clean Turkish text, with its own Â-free accents and quotes, is not flagged", () => {
    const seedLike = "Dağlık Karabağ’da “Moskova, Türkiye'nin pozisyonuyla hemfikir değil” dedi. ÇĞİÖŞÜ çğıöşü Âli Ãé";
    expect(detectMojibake(seedLike)).toBeNull();
  });

  test("Windows-1254 bytes of Turkish text are recognised as such", () => {
    const cp1254 = Uint8Array.from([0x54, 0xfc, 0x72, 0x6b, 0x69, 0x79, 0x65, 0x20, 0xfe, 0x61, 0x72, 0x6b, 0xfd, 0x20, 0xf0]);
    expect(guessLegacyEncoding(cp1254)).toBe("windows-1254");
    expect(guessLegacyEncoding(Uint8Array.from([0x41, 0x80, 0x81, 0x82]))).toBeNull();
  });
});
