import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityViolations,
  buildWebApp,
  launchChromium,
  newContext,
  screenshot,
} from '../support/browser.ts';
import { freePort } from '../support/free-port.ts';
import { newSigningKey, startTestIssuer, type TestIssuer } from '../support/oidc-provider-fixture.ts';
import { api, startTestServer, type TestServer } from '../support/orderflow-server.ts';

// The web app with an external OIDC_ISSUER (oidc-provider standing in for Keycloak): sign-in is
// the authorization-code flow with PKCE through the issuer's own login page, the screens follow
// the roles in the issuer's token, and the token is renewed with the refresh token before it
// expires — or, when the issuer refuses, the user is back at sign-in (not stuck on 401s).

let issuer: TestIssuer;
let server: TestServer;
let chromium: { browser: Browser; close: () => Promise<void> };
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  buildWebApp();
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  issuer = await startTestIssuer({ alice: ['buyer'], boss: ['admin'] }, [await newSigningKey('key-1')], {
    appOrigins: [origin],
  });
  server = await startTestServer({
    PORT: String(port),
    LOG_LEVEL: 'silent',
    OIDC_ISSUER: issuer.issuer,
    OIDC_AUDIENCE: 'orderflow-api',
    // The test issuer grants its API scope by name (Keycloak's realm gives the audience by mapper).
    OIDC_WEB_SCOPE: 'openid api',
  });
  chromium = await launchChromium();
}, 120_000);
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await chromium?.close();
  await server?.stop();
  await issuer?.close();
});

/** A fresh browser context whose clock the test can move on (token expiry without waiting). */
const openContext = async (): Promise<Page> => {
  const context = await newContext(chromium.browser, server.baseUrl);
  contexts.push(context);
  // The issuer's dev login page imports a web font; there is no network to fetch it from.
  await context.route(/fonts\.googleapis\.com/, (route) => route.abort());
  await context.clock.install();
  return context.newPage();
};

/** Through the issuer's own login and consent pages, as a person would. */
const signInAtIssuer = async (page: Page, login: string) => {
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.origin === issuer.issuer);
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
};

const tokenGrants = (page: Page) => {
  const grants: string[] = [];
  page.on('request', (request: Request) => {
    if (request.url() === `${issuer.issuer}/token` && request.method() === 'POST') {
      grants.push(new URLSearchParams(request.postData() ?? '').get('grant_type') ?? '?');
    }
  });
  return grants;
};

describe('the web app with an external OIDC issuer', () => {
  it('tells the app to sign in at the issuer with the code flow', async () => {
    const method = await api(server.baseUrl)('GET', '/api/v1/sign-in-method');
    expect(method.status).toBe(200);
    expect(method.body).toEqual({
      mode: 'authorization_code',
      issuer: issuer.issuer,
      client_id: 'orderflow-web',
      scope: 'openid api',
    });
    // The app itself fetches the issuer's discovery document and token endpoint.
    expect(method.headers.get('content-security-policy')).toContain(`connect-src 'self' ${issuer.issuer}`);
  });

  it('signs in through the issuer with PKCE, lands on the deep link with the token’s roles, and renews the token before it expires', async () => {
    const page = await openContext();
    const grants = tokenGrants(page);
    const authorize: URL[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(`${issuer.issuer}/auth?`)) authorize.push(new URL(request.url()));
    });
    const bearer: string[] = [];
    page.on('request', (request) => {
      const header = request.headers().authorization;
      if (header && request.url().startsWith(`${server.baseUrl}/api/`)) bearer.push(header);
    });

    await page.goto('/wallet');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getByLabel('Username').count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'external-00-sign-in');
    await signInAtIssuer(page, 'alice');

    // Back on the page asked for, as alice, with the buyer's screens only.
    await page.getByTestId('wallet-balance').waitFor();
    expect(new URL(page.url()).pathname).toBe('/wallet');
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    expect(await page.locator('header .who').textContent()).toContain('alice');
    const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    expect(nav).toEqual(['Menu', 'My orders', 'Wallet']);
    expect(authorize).toHaveLength(1);
    expect(authorize[0]?.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize[0]?.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(grants).toEqual(['authorization_code']);
    await page.getByRole('link', { name: 'Menu' }).click();
    await page.getByRole('heading', { name: 'Menu' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'external-01-buyer-menu');

    // Nine and a half minutes on (the token lives ten): renewed with the refresh token.
    const firstToken = bearer.at(-1);
    await page.clock.fastForward('09:30');
    await expect.poll(() => grants, { timeout: 15_000 }).toEqual(['authorization_code', 'refresh_token']);
    await page.getByRole('link', { name: 'My orders' }).click();
    await page.getByRole('heading', { name: 'My orders' }).waitFor();
    await expect.poll(() => bearer.at(-1)).not.toBe(firstToken);
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
  });

  it('sends the user back to sign-in when the issuer refuses to renew, without a stream of 401s', async () => {
    const page = await openContext();
    const unauthorized: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 401) unauthorized.push(response.url());
    });
    await page.goto('/');
    await signInAtIssuer(page, 'alice');
    await page.getByRole('heading', { name: 'Menu' }).waitFor();

    // The issuer has ended the session (revoked, timed out): every refresh is refused.
    await page.route(`${issuer.issuer}/token`, (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'invalid_grant', error_description: 'grant request is invalid' }),
      }),
    );
    await page.clock.fastForward('09:30');
    await page.getByText('Your session could not be renewed: please sign in again.').waitFor();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    // Time goes on: no screen keeps calling with the dead token.
    await page.clock.fastForward('05:00');
    expect(unauthorized).toEqual([]);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
  });

  it('shows the admin’s screens to a user whose token says admin', async () => {
    const page = await openContext();
    await page.goto('/');
    await signInAtIssuer(page, 'boss');
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
    const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    expect(nav).toContain('Orders');
    expect(nav).not.toContain('Menu');
  });
});
