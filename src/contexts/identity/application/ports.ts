import type { Role } from '../domain/principal.ts';

/** A stored user, shaped like its table row (snake_case columns). */
export interface UserRecord {
  id: string;
  /** Lower-case, as Keycloak stores usernames; lookups are case-insensitive through that. */
  username: string;
  /** A `hashPassword` string: `scrypt$N$r$p$salt$hash`. */
  password_hash: string;
  email: string | null;
  full_name: string | null;
  roles: Role[];
}

/** Where users are looked up when they log in. */
export interface UserDirectory {
  /** The user with exactly this (lower-case) username, or `undefined`. */
  findByUsername(username: string): Promise<UserRecord | undefined>;
}
