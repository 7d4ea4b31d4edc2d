/** The roles orderflow knows. They travel in Keycloak's `realm_access.roles` claim. */
export const ROLES = ['buyer', 'admin', 'kitchen', 'courier'] as const;

export type Role = (typeof ROLES)[number];

/** Narrows an untrusted value (e.g. a token claim) to a known role. */
export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** Who is calling: the authenticated user as the rest of the system sees them. */
export interface Principal {
  /** The user's stable id (the token's `sub`). */
  userId: string;
  username: string;
  roles: Role[];
  email?: string;
  name?: string;
}

/** Whether the principal holds `role`. */
export const hasRole = (principal: Principal, role: Role): boolean => principal.roles.includes(role);
