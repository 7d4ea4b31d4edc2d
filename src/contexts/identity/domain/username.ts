/**
 * The one canonical form of a username, used wherever a username is compared or counted:
 * surrounding white space dropped, Unicode NFC (so composed and decomposed forms are one name),
 * lower case (usernames are stored lower-case, as Keycloak stores them, and match
 * case-insensitively). The login throttle and the login itself must both use it, or padded and
 * differently cased variants of a locked name would each get their own tries.
 */
export const normalizeUsername = (username: string): string => username.trim().normalize('NFC').toLowerCase();
