import { useCallback, useEffect, useRef, useState } from 'react';
import { api, configureApi, errorText, unwrap } from '../api/client.ts';
import { navigate } from '../router.tsx';
import { CALLBACK_PATH, OidcSignIn } from './oidc.ts';
import { forgetSession, isExpired, type Session, signIn, storedSession } from './session.ts';

const loadMethod = () => unwrap(api.GET('/api/v1/sign-in-method'));

/** What `GET /api/v1/sign-in-method` answers: the built-in password grant or an external issuer. */
export type SignInMethod = Awaited<ReturnType<typeof loadMethod>>;

export interface Auth {
  /** How this server signs people in; undefined while asking it. */
  method: SignInMethod | undefined;
  /** Why there is no method (the server could not be asked). */
  failure: string | undefined;
  session: Session | undefined;
  /** Why the user is at the sign-in screen again (expired, renewal failed, refused token). */
  notice: string | undefined;
  /** Built-in provider: the password grant. */
  signInWithPassword(username: string, password: string): Promise<Session>;
  /** External issuer: off to its sign-in page, back at `returnTo`. */
  signInAtIssuer(returnTo: string): Promise<void>;
  /** The user's own sign-out (also at the issuer), or the app's with a reason. */
  signOut(why?: string): void;
}

/**
 * The session, in either mode the server names: the built-in provider's password grant (no
 * refresh: back to sign-in when the token expires) or an external issuer's code flow with PKCE
 * (renewed with the refresh token; back to sign-in when that fails). A 401 from the API ends
 * the session once, so a refused token never loops.
 */
export function useAuth(): Auth {
  const [method, setMethod] = useState<SignInMethod>();
  const [failure, setFailure] = useState<string>();
  const [session, setSession] = useState<Session>();
  const [notice, setNotice] = useState<string>();
  const oidc = useRef<OidcSignIn>(undefined);
  const sessionRef = useRef(session);
  sessionRef.current = session;

  const end = useCallback((why: string | undefined, atIssuer = false) => {
    if (!sessionRef.current) return;
    sessionRef.current = undefined;
    forgetSession();
    void oidc.current?.signOut(atIssuer);
    setSession(undefined);
    setNotice(why);
  }, []);

  // The API client reads the token at call time; set before any screen's first call.
  useState(() =>
    configureApi({
      token: () => sessionRef.current?.token,
      onUnauthenticated: () => end('Your session has ended: please sign in again.'),
    }),
  );

  const start = useCallback((signedIn: Session) => {
    sessionRef.current = signedIn;
    setNotice(undefined);
    setSession(signedIn);
  }, []);

  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    void (async () => {
      try {
        const found = await loadMethod();
        if (cancelled) return;
        if (found.mode === 'authorization_code') {
          const client = new OidcSignIn(found);
          oidc.current = client;
          stop = client.watch(start, (why) => end(why));
          if (window.location.pathname === CALLBACK_PATH) {
            try {
              const { session: signedIn, returnTo } = await client.completeSignIn();
              start(signedIn);
              navigate(returnTo && returnTo !== CALLBACK_PATH ? returnTo : '/');
            } catch (error) {
              setNotice(`Sign-in did not complete: ${errorText(error)}`);
              navigate('/');
            }
          } else {
            const kept = await client.current();
            if (kept) start(kept);
          }
        } else {
          const kept = storedSession();
          if (kept) start(kept);
        }
        setMethod(found);
      } catch (error) {
        if (!cancelled) setFailure(errorText(error));
      }
    })();
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [start, end]);

  // The built-in provider gives no refresh token: back to sign-in when the token expires, even
  // on a page making no calls. (An external issuer's token is renewed or ended by oidc-client-ts.)
  useEffect(() => {
    if (!session || method?.mode !== 'password') return;
    const id = setInterval(() => {
      if (isExpired(session)) end('Your session has expired: please sign in again.');
    }, 1000);
    return () => clearInterval(id);
  }, [session, method, end]);

  return {
    method,
    failure,
    session,
    notice,
    async signInWithPassword(username, password) {
      if (method?.mode !== 'password') throw new Error('This server signs in at an external issuer.');
      const signedIn = await signIn(method, username, password);
      start(signedIn);
      return signedIn;
    },
    async signInAtIssuer(returnTo) {
      if (!oidc.current) throw new Error('This server signs in with a username and password.');
      await oidc.current.signIn(returnTo);
    },
    signOut: (why) => end(why, why === undefined),
  };
}
