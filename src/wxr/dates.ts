/**
 * WordPress dates (`wp:post_date`, `wp:post_date_gmt`: `YYYY-MM-DD hh:mm:ss`, the first in the
 * site's local time, the second in UTC) to ISO 8601 with an offset.
 */

/** A WordPress date split into its fields, or `null` for an empty or zero date. */
interface WpDate {
  text: string;
  /** Minutes since the epoch, reading the fields as UTC. */
  minutes: number;
}

const WP_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

function parseWpDate(text: string): WpDate | null {
  const m = WP_DATE.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  // 0000-00-00 00:00:00 is WordPress's "no date" (drafts never published have no GMT date).
  if (y === 0 || mo === 0 || d === 0) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(ms);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return { text: `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`, minutes: Math.floor(ms / 60000) };
}

/** `+03:00`, `-05:30`, `+00:00` from minutes east of UTC. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/**
 * Minutes east of UTC from `+03:00`, `-0530`, `+3`, `Z` or a number of minutes.
 *
 * @returns `null` when the text is no offset
 */
export function parseOffset(value: string | number): number | null {
  if (typeof value === "number") return Number.isInteger(value) && Math.abs(value) <= 14 * 60 ? value : null;
  const t = value.trim();
  if (t === "Z" || t === "z") return 0;
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(t);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (minutes > 14 * 60) return null;
  return m[1] === "-" ? -minutes : minutes;
}

/** The largest offset of any time zone (UTC+14): a wider gap between local and GMT dates is a data error. */
const MAX_OFFSET = 14 * 60;

/** The site's offset at a post's date: local minus GMT, when both dates are there and agree. */
export function offsetOf(local: string, gmt: string): number | null {
  const l = parseWpDate(local);
  const g = parseWpDate(gmt);
  if (!l || !g) return null;
  const off = l.minutes - g.minutes;
  return Math.abs(off) <= MAX_OFFSET ? off : null;
}

/** How {@link isoDate} came to its answer. */
export type DateSource = "local+gmt" | "gmt" | "local+site-offset" | "local" | "none";

/**
 * A post's date in ISO 8601. The local date with the offset the two dates imply (so a site
 * in Istanbul writes `2020-05-12T14:30:00+03:00`, DST included); only the GMT date: UTC
 * (`+00:00`); only the local date (a draft): the local date with the site's offset when it is
 * known, else without an offset.
 *
 * @param local `wp:post_date`
 * @param gmt `wp:post_date_gmt`
 * @param siteOffset minutes east of UTC to assume for drafts, or `null`
 */
export function isoDate(local: string, gmt: string, siteOffset: number | null): { value: string | null; source: DateSource } {
  const l = parseWpDate(local);
  const g = parseWpDate(gmt);
  if (l && g) {
    const off = l.minutes - g.minutes;
    if (Math.abs(off) <= MAX_OFFSET) return { value: `${l.text}${formatOffset(off)}`, source: "local+gmt" };
    return { value: `${g.text}+00:00`, source: "gmt" };
  }
  if (g) return { value: `${g.text}+00:00`, source: "gmt" };
  if (l) {
    if (siteOffset !== null) return { value: `${l.text}${formatOffset(siteOffset)}`, source: "local+site-offset" };
    return { value: l.text, source: "local" };
  }
  return { value: null, source: "none" };
}
