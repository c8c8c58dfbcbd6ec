// The one seeded PRNG of the repo: the programme generator (tools/programme) and every simulator
// draw from it, so the dataset and the simulated world are the same bytes on every run (no clocks,
// no Math.random).

/** Random numbers in [0, 1) from a 32-bit seed (mulberry32). */
export type Random = () => number;

/** Makes a generator from a numeric seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Makes a generator seeded from a string (FNV-1a), so each record family has its own stream. */
export function randomFor(key: string): Random {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return seededRandom(hash);
}

/** An integer in [min, max]. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One element of a non-empty list. */
export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick: empty list');
  return items[Math.floor(random() * items.length)]!;
}

/** A string of `length` random digits. */
export function digits(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += String(Math.floor(random() * 10));
  return out;
}

/** A shuffled copy of a list (Fisher–Yates, drawing from the end). */
export function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(random, 0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
