import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateJwkThumbprint, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateSigningKeys } from './signing-keys.ts';

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

describe('loadOrCreateSigningKeys', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'orderflow-keys-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates a private RSA JWK, mode 0600, whose kid is its thumbprint', async () => {
    const keys = await loadOrCreateSigningKeys(dataDir);
    const file = join(dataDir, 'oidc', 'signing-key.json');
    const stored = JSON.parse(await readFile(file, 'utf8'));
    expect(stored).toMatchObject({ kty: 'RSA', kid: keys.kid, alg: 'RS256', use: 'sig' });
    expect(typeof stored.d).toBe('string');
    expect(await calculateJwkThumbprint(stored)).toBe(keys.kid);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('publishes only public members', async () => {
    const { publicJwks, kid } = await loadOrCreateSigningKeys(dataDir);
    expect(publicJwks.keys).toHaveLength(1);
    const [jwk] = publicJwks.keys;
    expect(jwk).toMatchObject({ kty: 'RSA', kid, alg: 'RS256', use: 'sig' });
    for (const member of PRIVATE_MEMBERS) expect(jwk).not.toHaveProperty(member);
  });

  it('returns the same key on every load, concurrent or later', async () => {
    const [first, second] = await Promise.all([
      loadOrCreateSigningKeys(dataDir),
      loadOrCreateSigningKeys(dataDir),
    ]);
    expect(second.kid).toBe(first.kid);
    expect((await loadOrCreateSigningKeys(dataDir)).kid).toBe(first.kid);
  });

  // Another path to the same directory bypasses the per-process cache, as a restart or a
  // second process would.
  const aliasOf = async (dir: string, name: string): Promise<string> => {
    const alias = join(dir, name);
    await symlink(dir, alias, 'dir');
    return alias;
  };

  it('reloads the persisted key, as after a restart', async () => {
    const { kid } = await loadOrCreateSigningKeys(dataDir);
    const reloaded = await loadOrCreateSigningKeys(await aliasOf(dataDir, 'restarted'));
    expect(reloaded.kid).toBe(kid);
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'RS256' }).sign(reloaded.privateKey);
    expect(token.split('.')).toHaveLength(3);
  });

  it('settles on one key when two loaders create it at once', async () => {
    const [a, b] = await Promise.all([
      loadOrCreateSigningKeys(await aliasOf(dataDir, 'one')),
      loadOrCreateSigningKeys(await aliasOf(dataDir, 'two')),
    ]);
    expect(b.kid).toBe(a.kid);
    expect((await loadOrCreateSigningKeys(dataDir)).kid).toBe(a.kid);
  });

  it('refuses a corrupt key file rather than silently replacing it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orderflow-bad-keys-'));
    try {
      await mkdir(join(dir, 'oidc'));
      await writeFile(join(dir, 'oidc', 'signing-key.json'), '{"kty":"oct","k":"c2VjcmV0"}');
      await expect(loadOrCreateSigningKeys(dir)).rejects.toThrow(/not a private RSA JWK/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
