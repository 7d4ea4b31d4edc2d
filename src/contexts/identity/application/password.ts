import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// N = 2^15, r = 8, p = 1: about 32 MiB and tens of milliseconds per hash, the cost
// OWASP suggests for interactive logins.
const DEFAULT_COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Bounds for parameters read back from storage, so a corrupt row cannot make one login
// allocate gigabytes.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

const derive = (plain: string, salt: Buffer, length: number, { N, r, p }: ScryptCost): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is exactly that at our cost.
    scrypt(plain.normalize('NFKC'), salt, length, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });

/**
 * Hashes a password with scrypt and a random salt into a self-describing string,
 * `scrypt$N$r$p$salt$hash` (salt and hash base64url), so the cost can rise later without
 * invalidating stored hashes.
 */
export const hashPassword = async (plain: string, cost: ScryptCost = DEFAULT_COST): Promise<string> => {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(plain, salt, KEY_BYTES, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
};

/**
 * Whether `plain` matches a `hashPassword` string. A malformed or out-of-bounds stored value
 * is a mismatch, not an error: the caller answers "invalid credentials" either way.
 */
export const verifyPassword = async (plain: string, stored: string): Promise<boolean> => {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  const powerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > MAX_N || !Number.isInteger(r) || r < 1 || r > MAX_R) return false;
  if (!Number.isInteger(p) || p < 1 || p > MAX_P || salt.length === 0) return false;
  if (expected.length < 16 || expected.length > 64) return false;
  const actual = await derive(plain, salt, expected.length, { N, r, p });
  return timingSafeEqual(actual, expected);
};
