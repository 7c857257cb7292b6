import { createHash } from "node:crypto";

/** One slice of a run split across machines: `index` of `count`, 1-based as written (`--shard 2/4`). */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Parse `K/N` (1 ≤ K ≤ N). Throws a one-line message naming the value and the expected form.
 *
 * @param value The flag's text, e.g. `"2/4"`.
 */
export function parseShard(value: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new Error(`--shard takes K/N with 1 <= K <= N (e.g. 1/4), got ${JSON.stringify(value)}`);
  }
  return { index, count };
}

/**
 * Whether an input belongs to a shard. The key (a path relative to the run's root, or a
 * record id) is hashed, so the split is deterministic across machines and runs, even
 * (unlike "every N-th file") when files are added or listed in another order; the N
 * shards are disjoint and their union is the whole input.
 *
 * @param key A stable name of the input.
 * @param shard The shard, or undefined for "everything".
 */
export function inShard(key: string, shard: Shard | undefined): boolean {
  if (!shard || shard.count === 1) return true;
  const digest = createHash("sha1").update(key).digest();
  return digest.readUInt32BE(0) % shard.count === shard.index - 1;
}
