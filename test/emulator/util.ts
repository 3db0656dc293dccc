import { createHash, randomBytes } from 'node:crypto';

/** "Never" as the real service writes it. */
export const NEVER = '0001-01-01T00:00:00Z';

/** ISO 8601 timestamp with second precision, as Qlik writes them. */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function md5Hex(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A 32-character ID in the style of Qlik tenant and migration IDs. */
export function qlikId(next: () => number = Math.random): string {
  let out = '';
  for (let i = 0; i < 32; i++) out += ID_ALPHABET[Math.floor(next() * 64)];
  return out;
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function prng(seedText: string): () => number {
  let seed = 0;
  for (const ch of seedText) seed = (Math.imul(seed ^ ch.charCodeAt(0), 2654435761) + 1) >>> 0;
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 24 lowercase hex characters, like Qlik user and API key IDs. */
export function hexId(next: () => number): string {
  let out = '';
  for (let i = 0; i < 24; i++) out += Math.floor(next() * 16).toString(16);
  return out;
}
