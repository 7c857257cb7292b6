/**
 * Encoding problems that decode without error but are wrong, and guesses for bytes that
 * do not decode. Both are reported with a suggestion and never "fixed" silently: a
 * migration must not guess at an archive's text.
 */

/** Characters Windows-1252 (and -1254) give to bytes 0x80–0x9F, which UTF-8 continuation bytes fall on. */
const CP1252_HIGH: Record<string, number> = {
  "€": 0x80,
  "‚": 0x82,
  ƒ: 0x83,
  "„": 0x84,
  "…": 0x85,
  "†": 0x86,
  "‡": 0x87,
  ˆ: 0x88,
  "‰": 0x89,
  Š: 0x8a,
  "‹": 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  "‘": 0x91,
  "’": 0x92,
  "“": 0x93,
  "”": 0x94,
  "•": 0x95,
  "–": 0x96,
  "—": 0x97,
  "˜": 0x98,
  "™": 0x99,
  š: 0x9a,
  "›": 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};

/** A lead character (UTF-8 lead byte read as Latin-1/1252) followed by 1–3 continuation characters. */
const SUSPECT = /[\u00c2-\u00f4][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]{1,3}/g;

/** One place where UTF-8 text was decoded as a single-byte encoding and saved again. */
export interface Mojibake {
  /** Offset of the first such sequence. */
  offset: number;
  /** What is there (`Ã¼`) and what was probably meant (`ü`). */
  found: string;
  meant: string;
  /** How many such sequences the text has. */
  count: number;
}

function toByte(ch: string): number | undefined {
  const code = ch.charCodeAt(0);
  if (code <= 0xff) return code;
  return CP1252_HIGH[ch];
}

/** The UTF-8 text that `sequence` would be if its characters were bytes, or null. */
function redecode(sequence: string): string | null {
  const bytes: number[] = [];
  for (const ch of sequence) {
    const b = toByte(ch);
    if (b === undefined) return null;
    bytes.push(b);
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bytes));
    return [...text].length === 1 ? text : null;
  } catch {
    return null;
  }
}

/**
 * Find mojibake from UTF-8 read as Windows-1252/1254 or Latin-1 (`Ã¼` for `ü`, `ÅŸ` for
 * `ş`, `Ä±` for `ı`, `â€™` for `’`).
 *
 * @returns The first place and the count, or null when the text looks clean.
 */
export function detectMojibake(text: string): Mojibake | null {
  let first: Mojibake | null = null;
  let count = 0;
  SUSPECT.lastIndex = 0;
  for (let m = SUSPECT.exec(text); m; m = SUSPECT.exec(text)) {
    // The longest prefix that re-decodes to one character wins (2, 3 or 4 bytes).
    for (let len = m[0].length; len >= 2; len--) {
      const candidate = m[0].slice(0, len);
      const meant = redecode(candidate);
      if (meant) {
        count++;
        first ??= { offset: m.index, found: candidate, meant, count: 0 };
        SUSPECT.lastIndex = m.index + len;
        break;
      }
    }
  }
  if (!first) return null;
  first.count = count;
  return first;
}

/** Bytes that Windows-1254 gives to Turkish letters (ı ş ğ İ Ş Ğ ü ç ö Ü Ç Ö). */
const CP1254_TURKISH = new Set([0xfd, 0xfe, 0xf0, 0xdd, 0xde, 0xd0, 0xfc, 0xe7, 0xf6, 0xdc, 0xc7, 0xd6]);

/**
 * For bytes that are not valid UTF-8: a likely legacy encoding, from how many of the
 * high bytes are Turkish letters in Windows-1254.
 *
 * @returns `"windows-1254"` when most high bytes are Turkish letters there, else null.
 */
export function guessLegacyEncoding(bytes: Uint8Array): "windows-1254" | null {
  let high = 0;
  let turkish = 0;
  for (const b of bytes) {
    if (b < 0x80) continue;
    high++;
    if (CP1254_TURKISH.has(b)) turkish++;
  }
  return high > 0 && turkish / high >= 0.6 ? "windows-1254" : null;
}
