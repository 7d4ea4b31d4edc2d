/** The identity context: who the caller is and which roles they hold. */
export { authenticateUser, toPrincipal } from './application/authenticate-user.ts';
export type { DemoUser } from './application/demo-users.ts';
export { DEMO_USER_IDS, DEMO_USERS } from './application/demo-users.ts';
export { hashPassword, verifyPassword } from './application/password.ts';
export type { UserDirectory, UserRecord } from './application/ports.ts';
export type { Principal, Role } from './domain/principal.ts';
export { hasRole, isRole, ROLES } from './domain/principal.ts';
export { normalizeUsername } from './domain/username.ts';
