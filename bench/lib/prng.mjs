/**
 * A small seeded PRNG, so that the benchmark corpus is the same on every
 * machine and every run (Math.random would make numbers incomparable).
 */

/** Mixes two integers into a 32-bit seed (splitmix-style), so article i's stream depends only on (seed, i). */
export function mixSeed(seed, index) {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** mulberry32: fast, 32-bit state, good enough for text generation. */
export function createRandom(seed) {
  let state = seed >>> 0;
  function next() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  return {
    /** A float in [0, 1). */
    next,
    /** An integer in [0, n). */
    int: (n) => Math.floor(next() * n),
    /** An integer in [min, max], both included. */
    range: (min, max) => min + Math.floor(next() * (max - min + 1)),
    /** True with probability p. */
    chance: (p) => next() < p,
    /** One element of a non-empty array. */
    pick: (items) => items[Math.floor(next() * items.length)],
    /** n lowercase hex digits. */
    hex: (n) => {
      let s = "";
      while (s.length < n)
        s += Math.floor(next() * 0x10000)
          .toString(16)
          .padStart(4, "0");
      return s.slice(0, n);
    },
  };
}
