import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type CryptoKey,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
} from 'jose';

/** The built-in provider's token-signing key. */
export interface SigningKeys {
  /** The key id: the RFC 7638 thumbprint of the public key. */
  readonly kid: string;
  readonly alg: 'RS256';
  readonly privateKey: CryptoKey;
  /** Public members only, ready to publish as the provider's JWKS. */
  readonly publicJwks: JSONWebKeySet;
}

const ALG = 'RS256';
// One load per file per process: concurrent callers share it instead of racing to create keys.
const loading = new Map<string, Promise<SigningKeys>>();

/**
 * Loads the RS256 key pair kept in `${dataDir}/oidc/signing-key.json`, creating it (mode 0600)
 * on first use, so tokens stay valid across restarts.
 */
export const loadOrCreateSigningKeys = (dataDir: string): Promise<SigningKeys> => {
  const file = join(dataDir, 'oidc', 'signing-key.json');
  let keys = loading.get(file);
  if (keys === undefined) {
    keys = loadOrCreate(file);
    loading.set(file, keys);
    // A failed load is not cached, so a fixed file (or directory) can be retried.
    keys.catch(() => loading.delete(file));
  }
  return keys;
};

const loadOrCreate = async (file: string): Promise<SigningKeys> => {
  const stored = await readJwk(file);
  if (stored !== undefined) return fromPrivateJwk(stored, file);
  return fromPrivateJwk(await createKeyFile(file), file);
};

const readJwk = async (file: string): Promise<JWK | undefined> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read the OIDC signing key ${file}`, { cause: error });
  }
  try {
    return JSON.parse(text) as JWK;
  } catch (error) {
    throw new Error(`the OIDC signing key ${file} is not valid JSON`, { cause: error });
  }
};

/**
 * Writes a new key to a temporary file and hard-links it into place: the link fails if another
 * process got there first, and then its key wins, so no reader ever sees a half-written file.
 */
const createKeyFile = async (file: string): Promise<JWK> => {
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  const keyJwk: JWK = { ...jwk, kid, alg: ALG, use: 'sig' };
  await mkdir(join(file, '..'), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${randomUUID()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(keyJwk, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, file);
    return keyJwk;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = await readJwk(file);
    if (winner === undefined) throw new Error(`the OIDC signing key ${file} vanished`, { cause: error });
    return winner;
  } finally {
    await unlink(temporary);
  }
};

const fromPrivateJwk = async (jwk: JWK, file: string): Promise<SigningKeys> => {
  if (jwk.kty !== 'RSA' || typeof jwk.n !== 'string' || typeof jwk.e !== 'string' || jwk.d === undefined) {
    throw new Error(`the OIDC signing key ${file} is not a private RSA JWK`);
  }
  // Only the public members are published; copying them one by one cannot leak `d`, `p`, `q`...
  const kid = await calculateJwkThumbprint({ kty: 'RSA', n: jwk.n, e: jwk.e });
  if (jwk.kid !== undefined && jwk.kid !== kid) {
    throw new Error(`the OIDC signing key ${file} has a kid that is not its thumbprint`);
  }
  const privateKey = await importJWK({ ...jwk, kty: 'RSA' }, ALG, { extractable: false });
  const publicJwk: JWK = { kty: 'RSA', n: jwk.n, e: jwk.e, kid, alg: ALG, use: 'sig' };
  return { kid, alg: ALG, privateKey, publicJwks: { keys: [publicJwk] } };
};
