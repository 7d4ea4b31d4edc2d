import type { UserDirectory, UserRecord } from '../../contexts/identity/index.ts';
import { DEMO_USERS, hashPassword } from '../../contexts/identity/index.ts';

/** A `UserDirectory` held in memory: for tests, and for running without a users table. */
export class InMemoryUserDirectory implements UserDirectory {
  readonly #byUsername: ReadonlyMap<string, UserRecord>;

  constructor(users: readonly UserRecord[]) {
    this.#byUsername = new Map(users.map((user) => [user.username, structuredClone(user)]));
  }

  /** The demo users with their passwords hashed (a few hundred milliseconds of scrypt). */
  static async withDemoUsers(): Promise<InMemoryUserDirectory> {
    const users = await Promise.all(
      DEMO_USERS.map(async ({ password, ...user }) => ({
        ...user,
        password_hash: await hashPassword(password),
      })),
    );
    return new InMemoryUserDirectory(users);
  }

  async findByUsername(username: string): Promise<UserRecord | undefined> {
    const user = this.#byUsername.get(username);
    return user === undefined ? undefined : structuredClone(user);
  }
}
