/**
 * Order-independent randomness: every number in the world is a pure function of the seed and the
 * names of what it describes, so asking for day 5 before day 3 gives the same answers.
 */

/** 53-bit string hash (cyrb53) salted with the seed. */
export function hash53(seed: number, key: string): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < key.length; i++) {
    const ch = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Uniform in [0, 1) for the given seed and key parts. */
export function unit(seed: number, ...parts: (string | number)[]): number {
  return hash53(seed, parts.join('|')) / 2 ** 53;
}

/** Uniform in [min, max). */
export function between(seed: number, min: number, max: number, ...parts: (string | number)[]): number {
  return min + (max - min) * unit(seed, ...parts);
}

/** Integer in [min, max] inclusive. */
export function intBetween(seed: number, min: number, max: number, ...parts: (string | number)[]): number {
  return min + Math.floor((max - min + 1) * unit(seed, ...parts));
}

/** A string of `length` decimal digits, first digit non-zero: platform ids are numeric strings. */
export function digits(seed: number, length: number, ...parts: (string | number)[]): string {
  let out = String(1 + Math.floor(9 * unit(seed, ...parts, 'd0')));
  while (out.length < length) {
    const chunk = String(hash53(seed, [...parts, 'd', out.length].join('|'))).padStart(16, '0');
    out += chunk.slice(0, Math.min(15, length - out.length));
  }
  return out;
}

/** A short stream of uniforms for one key: one hash, then cheap mulberry32 steps (for many draws per ad-day). */
export function stream(seed: number, ...parts: (string | number)[]): () => number {
  let state = hash53(seed, parts.join('|')) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
