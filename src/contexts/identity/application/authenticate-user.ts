import type { Principal } from '../domain/principal.ts';
import { normalizeUsername } from '../domain/username.ts';
import { hashPassword, verifyPassword } from './password.ts';
import type { UserDirectory, UserRecord } from './ports.ts';

// Hashed once, on the first unknown username: verifying against it makes "no such user" cost
// as much as "wrong password", so response times do not reveal which usernames exist.
let decoyHash: Promise<string> | undefined;

/**
 * Checks a username and password against the directory. Returns the user's principal, or
 * `undefined` for any mismatch (the caller must not say which part was wrong).
 */
export const authenticateUser = async (
  users: UserDirectory,
  username: string,
  password: string,
): Promise<Principal | undefined> => {
  const user = await users.findByUsername(normalizeUsername(username));
  if (user === undefined) {
    decoyHash ??= hashPassword('decoy password');
    await verifyPassword(password, await decoyHash);
    return undefined;
  }
  return (await verifyPassword(password, user.password_hash)) ? toPrincipal(user) : undefined;
};

/** The principal a stored user acts as. */
export const toPrincipal = (user: UserRecord): Principal => ({
  userId: user.id,
  username: user.username,
  roles: [...user.roles],
  ...(user.email === null ? {} : { email: user.email }),
  ...(user.full_name === null ? {} : { name: user.full_name }),
});
