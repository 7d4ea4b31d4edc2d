import { type User, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { type Session, sessionFromToken } from './session.ts';

/** An external issuer as the server names it (`GET /api/v1/sign-in-method`). */
export interface ExternalIssuer {
  issuer: string;
  client_id: string;
  scope: string;
}

/** Where the issuer sends the browser back with the code; a client route of this app. */
export const CALLBACK_PATH = '/auth/callback';

/** What the app keeps in the flow's state: the page to return to after signing in. */
interface ReturnState {
  returnTo?: string;
}

/**
 * Sign-in at an external issuer with the authorization-code flow and PKCE, by oidc-client-ts:
 * discovery, state and verifier bookkeeping, the code exchange, and renewal with the refresh
 * token before the access token expires. The user is kept in this tab's sessionStorage.
 */
export class OidcSignIn {
  readonly manager: UserManager;

  constructor(issuer: ExternalIssuer, origin = window.location.origin) {
    this.manager = new UserManager({
      authority: issuer.issuer,
      client_id: issuer.client_id,
      scope: issuer.scope,
      redirect_uri: `${origin}${CALLBACK_PATH}`,
      post_logout_redirect_uri: `${origin}/`,
      response_type: 'code',
      userStore: new WebStorageStateStore({ store: window.sessionStorage }),
      stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
      // Renewed (with the refresh token) a minute before expiry; a failure ends the session.
      automaticSilentRenew: true,
      // The roles are in the access token; the userinfo endpoint adds nothing the app uses.
      loadUserInfo: false,
      // No check_session iframe: the CSP allows no frames from the issuer.
      monitorSession: false,
    });
  }

  /** Off to the issuer's sign-in page; back at CALLBACK_PATH, then at `returnTo`. */
  signIn(returnTo: string): Promise<void> {
    return this.manager.signinRedirect({ state: { returnTo } satisfies ReturnState });
  }

  /** Redeems the code the issuer sent back (with the PKCE verifier kept in this tab). */
  async completeSignIn(): Promise<{ session: Session; returnTo: string | undefined }> {
    const user = await this.manager.signinRedirectCallback();
    return { session: toSession(user), returnTo: (user.state as ReturnState | undefined)?.returnTo };
  }

  /** The session kept in this tab, unless its token has expired. */
  async current(): Promise<Session | undefined> {
    const user = await this.manager.getUser();
    return user && !user.expired ? toSession(user) : undefined;
  }

  /**
   * Calls `renewed` with each new token, and `ended` when the session cannot go on: the renewal
   * failed or the token expired without one. Returns the unsubscribe function.
   */
  watch(renewed: (session: Session) => void, ended: (why: string) => void): () => void {
    const { events } = this.manager;
    const onLoaded = (user: User) => renewed(toSession(user));
    const onRenewError = () => ended('Your session could not be renewed: please sign in again.');
    const onExpired = () => ended('Your session has expired: please sign in again.');
    events.addUserLoaded(onLoaded);
    events.addSilentRenewError(onRenewError);
    events.addAccessTokenExpired(onExpired);
    return () => {
      events.removeUserLoaded(onLoaded);
      events.removeSilentRenewError(onRenewError);
      events.removeAccessTokenExpired(onExpired);
    };
  }

  /** Forgets the session here; `atIssuer` also ends the issuer's session (a redirect). */
  async signOut(atIssuer: boolean): Promise<void> {
    const user = await this.manager.getUser();
    await this.manager.removeUser();
    if (atIssuer && user?.id_token && (await this.manager.metadataService.getEndSessionEndpoint())) {
      await this.manager.signoutRedirect({ id_token_hint: user.id_token });
    }
  }
}

const toSession = (user: User): Session => {
  const session = sessionFromToken(user.access_token);
  return { ...session, expiresAt: user.expires_at ? user.expires_at * 1000 : session.expiresAt };
};
