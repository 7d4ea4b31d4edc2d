import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypesFor } from '../support/api-types.ts';
import {
  accessibilityViolations,
  buildWebApp,
  launchChromium,
  newContext,
  screenshot,
  signIn,
} from '../support/browser.ts';
import { api, getToken, startTestServer, type TestServer } from '../support/orderflow-server.ts';

// The web app in Debian's headless Chromium against a real embedded orderflow: a buyer orders
// and watches the order page move while kitchen and courier, in other browser contexts, move
// the order on. Every screen visited gets an axe-core check and a screenshot (test-artifacts/).

let server: TestServer;
let chromium: { browser: Browser; close: () => Promise<void> };
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  buildWebApp();
  server = await startTestServer({ LOG_LEVEL: 'silent' });
  chromium = await launchChromium();
}, 120_000);
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await chromium?.close();
  await server?.stop();
});

const open = async (user: string, phone = false): Promise<Page> => {
  const context = await newContext(chromium.browser, server.baseUrl, phone);
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, user);
  return page;
};

/** axe-core finds no serious or critical problem, and the screen is kept as a screenshot. */
const checkScreen = async (page: Page, name: string) => {
  await page
    .locator('.loading')
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => {});
  expect(await accessibilityViolations(page), name).toEqual([]);
  await screenshot(page, name);
};

describe('the web app in a real browser', () => {
  it('uses API types generated from the server’s current OpenAPI document', async () => {
    const document = (await api(server.baseUrl)('GET', '/openapi.json')).body;
    expect(await readFile(API_TYPES_FILE, 'utf8'), 'run `npm run generate:api`').toBe(
      await apiTypesFor(document),
    );
  });

  it('walks an order from the basket to the door; the buyer’s open order page follows without a reload', async () => {
    const buyer = await open('alice');
    const sockets: string[] = [];
    buyer.on('websocket', (socket) => sockets.push(socket.url()));
    await buyer.getByRole('heading', { name: 'Menu' }).waitFor();
    await expect.poll(() => buyer.getByText('8.50').count()).toBeGreaterThan(0);
    await checkScreen(buyer, '01-buyer-menu');

    await buyer.getByRole('button', { name: 'Add Club sandwich to basket' }).click();
    await buyer.getByRole('button', { name: 'Add Tomato soup to basket' }).click();
    await expect.poll(() => buyer.getByTestId('basket-total').textContent()).toBe('€13.00');
    await checkScreen(buyer, '02-buyer-basket');
    await buyer.getByRole('button', { name: 'Check out and pay from wallet' }).click();
    await buyer.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    const orderId = buyer.url().split('/').at(-1)!;
    const short = orderId.slice(0, 8);
    const status = buyer.getByTestId('order-status');
    // Auto-confirm and assignment move it to the kitchen's point.
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('Being prepared at a kitchen');
    await buyer.getByText('Live: this page updates by itself.').waitFor();
    await checkScreen(buyer, '03-buyer-order-page');
    // Any reload would lose this mark.
    await buyer.evaluate(() => Object.assign(globalThis, { stillTheSamePage: true }));

    const kitchen = await open('kitchen', true);
    const ready = kitchen.getByRole('button', { name: `Mark order ${short} ready` });
    await ready.waitFor({ timeout: 10_000 });
    await checkScreen(kitchen, '04-kitchen');
    // Drop the buyer's live connection as a network failure would: the page must catch up.
    await buyer.evaluate(() =>
      (globalThis as unknown as { orderflowLive?: { drop(): void } }).orderflowLive?.drop(),
    );
    await buyer.getByText('Connection lost: reconnecting…').waitFor();
    await ready.click();
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('Ready for pickup');
    // The new socket resumed after the last position the page had seen.
    await buyer.getByText('Live: this page updates by itself.').waitFor();
    expect(sockets.length).toBeGreaterThanOrEqual(2);
    expect(sockets.at(-1)).toMatch(/[?&]ticket=[^&]+&after=\d+$/);

    const courier = await open('courier', true);
    const pickUp = courier.getByRole('button', { name: `Pick up order ${short}` });
    await pickUp.waitFor({ timeout: 10_000 });
    await checkScreen(courier, '05-courier');
    await pickUp.click();
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('On its way');
    await courier.getByRole('button', { name: `Mark order ${short} delivered` }).click();
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('Delivered');

    expect(
      await buyer.evaluate(() => (globalThis as unknown as { stillTheSamePage?: boolean }).stillTheSamePage),
    ).toBe(true);
    // Each status once on the timeline, in lifecycle order.
    const steps = await buyer
      .locator('ol.timeline li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-status')));
    expect(steps).toEqual(['PENDING', 'PAID', 'CONFIRMED', 'ASSIGNED', 'READY', 'IN_DELIVERY', 'DELIVERED']);
    await checkScreen(buyer, '06-buyer-order-delivered');

    await buyer.getByRole('link', { name: 'Wallet' }).click();
    await buyer.getByTestId('wallet-balance').waitFor();
    expect(await buyer.getByTestId('wallet-balance').textContent()).toBe('€37.00');
    await checkScreen(buyer, '07-buyer-wallet');
    await buyer.getByRole('link', { name: 'My orders' }).click();
    await buyer.getByRole('link', { name: `Order ${short}` }).waitFor();
    await checkScreen(buyer, '08-buyer-orders');
  });

  it('shows the kitchen an order assigned to its point without a reload (live feed, no polling)', async () => {
    const kitchen = await open('kitchen');
    await kitchen.getByRole('heading', { name: 'Kitchen orders' }).waitFor();
    await kitchen.getByText('Live: this page updates by itself.').waitFor();
    await kitchen.evaluate(() => Object.assign(globalThis, { stillTheSamePage: true }));
    const listReads: string[] = [];
    kitchen.on('request', (request) => {
      if (request.url().endsWith('/api/v1/kitchen/orders')) listReads.push(request.url());
    });

    // Alice (bob's wallet is counted on by the insufficient-funds test).
    const alice = api(server.baseUrl, await getToken(server.baseUrl, 'alice'));
    const placed = await alice('POST', '/api/v1/orders', {
      items: [{ product_id: 'soup-tomato', quantity: 1 }],
      payment: { method: 'wallet' },
    });
    expect(placed.status, placed.text).toBe(201);
    const short = String(placed.body.order_id).slice(0, 8);
    // Paid, auto-confirmed and assigned to the kitchen's point: it appears by itself.
    const ready = kitchen.getByRole('button', { name: `Mark order ${short} ready` });
    await ready.waitFor({ timeout: 15_000 });
    expect(listReads.length).toBeGreaterThan(0);
    await ready.click();
    await kitchen.getByRole('button', { name: `Mark order ${short} ready` }).waitFor({ state: 'detached' });
    expect(
      await kitchen.evaluate(
        () => (globalThis as unknown as { stillTheSamePage?: boolean }).stillTheSamePage,
      ),
    ).toBe(true);
    await checkScreen(kitchen, '04b-kitchen-live');
  });

  it('says in words which items are unavailable and when the wallet is short', async () => {
    const admin = api(server.baseUrl, await getToken(server.baseUrl, 'admin'));
    const bob = api(server.baseUrl, await getToken(server.baseUrl, 'bob'));
    await admin('PUT', '/api/v1/products/caviar', {
      name: 'Caviar plate',
      price: 90_000,
      currency: 'EUR',
      stock: 5,
      category: 'luxury',
    });
    const page = await open('bob', true);
    expect(
      (await bob('PUT', '/api/v1/me/basket', { items: [{ product_id: 'cookie-choc', quantity: 5 }] })).status,
    ).toBe(200);
    await page.reload();
    await page.getByRole('button', { name: 'Check out and pay from wallet' }).click();
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toContain('Not available: Chocolate cookie: only 3 left (you asked for 5).');
    await checkScreen(page, '09-buyer-unavailable-phone');

    expect(
      (await bob('PUT', '/api/v1/me/basket', { items: [{ product_id: 'caviar', quantity: 1 }] })).status,
    ).toBe(200);
    await page.reload();
    await page.getByRole('button', { name: 'Check out and pay from wallet' }).click();
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toContain(
        'Insufficient funds: your wallet has €50.00 but the order costs €900.00. The order was cancelled; top up and try again.',
      );
    await checkScreen(page, '10-buyer-insufficient-funds-phone');
  });

  it('gives the admin orders (not yet confirmed first), an order’s history, wallets, products, food points and the dev inbox', async () => {
    const admin = await open('admin');
    await admin.getByRole('heading', { name: 'Orders' }).waitFor();
    await admin.locator('table tbody tr').first().waitFor();
    await checkScreen(admin, '11-admin-orders');
    await admin.locator('table tbody tr a').first().click();
    await admin.getByRole('heading', { name: 'Event history' }).waitFor();
    await admin.getByText('OrderCreated').first().waitFor();
    await checkScreen(admin, '12-admin-order');
    for (const [link, heading, name] of [
      ['Wallets', 'Top up a wallet', '13-admin-wallets'],
      ['Products', 'Products and stock', '14-admin-products'],
      ['Food points & recipes', 'Create or change a food point', '15-admin-food-points'],
      ['Carriers', 'Add a carrier', '15-admin-carriers'],
      ['Dev inbox', 'Dev inbox', '16-admin-dev-inbox'],
    ] as const) {
      await admin.getByRole('link', { name: link, exact: true }).click();
      await admin.getByRole('heading', { name: heading }).waitFor();
      await checkScreen(admin, name);
    }
  });

  it('lets the admin create a food point, set a recipe, add a carrier and rotate its secret', async () => {
    const adminApi = api(server.baseUrl, await getToken(server.baseUrl, 'admin'));
    // A product of its own, so the demo products' recipes stay as the other tests expect.
    await adminApi('PUT', '/api/v1/products/flat-white', {
      name: 'Flat white',
      price: 320,
      currency: 'EUR',
      stock: 20,
      category: 'drinks',
    });
    const admin = await open('admin');
    await admin.getByRole('link', { name: 'Food points & recipes', exact: true }).click();
    await admin.getByRole('heading', { name: 'Create or change a food point' }).waitFor();
    await admin.getByLabel('Food point id').fill('harbour');
    await admin.getByLabel('Name', { exact: true }).fill('Harbour kitchen');
    await admin.getByLabel('Latitude').fill('53.344');
    await admin.getByLabel('Longitude').fill('-6.237');
    await admin.getByLabel('Capacity (orders at once)').fill('4');
    await admin.getByLabel('Accepts delivery').uncheck();
    await admin
      .getByLabel('Ingredient stock (one per line: ingredient = units)')
      .fill('bread = 12\ncheese = lots');
    await admin.getByRole('button', { name: 'Save food point' }).click();
    await expect
      .poll(() => admin.getByRole('alert').allTextContents(), { timeout: 10_000 })
      .toContain('Line 2 (“cheese = lots”): write it as ingredient = units (a whole number).');
    await admin
      .getByLabel('Ingredient stock (one per line: ingredient = units)')
      .fill('bread = 12\ncheese = 30');
    await admin.getByRole('button', { name: 'Save food point' }).click();
    await admin.getByText('Saved Harbour kitchen.').waitFor();
    const point = admin.getByTestId('food-point-harbour');
    await expect
      .poll(() => point.textContent(), { timeout: 10_000 })
      .toMatch(/No delivery · 0 of 4 orders in the kitchen.*Stock: bread 12, cheese 30/);
    // Edit it: the form comes back filled in; more room in the kitchen.
    await admin.getByRole('button', { name: 'Edit Harbour kitchen' }).click();
    expect(await admin.getByLabel('Food point id').inputValue()).toBe('harbour');
    await admin.getByLabel('Capacity (orders at once)').fill('6');
    await admin.getByRole('button', { name: 'Save food point' }).click();
    await expect.poll(() => point.textContent(), { timeout: 10_000 }).toContain('0 of 6 orders');

    await admin.getByLabel('Product').selectOption({ label: 'Club sandwich' });
    await admin
      .getByLabel('Ingredients per unit (one per line: ingredient = units)')
      .fill('bread = 2\ncheese = 1');
    await admin.getByRole('button', { name: 'Save recipe' }).click();
    await admin.getByText('Saved the recipe of Club sandwich.').waitFor();
    await expect
      .poll(() => admin.getByTestId('recipe-sandwich-club').textContent(), { timeout: 10_000 })
      .toBe('Club sandwich: 2 × bread, 1 × cheese');
    await checkScreen(admin, '17-admin-food-point-and-recipe');

    await admin.getByRole('link', { name: 'Carriers', exact: true }).click();
    await admin.getByLabel('Carrier id').fill('swift');
    await admin.getByLabel('Display name').fill('Swift Couriers');
    await admin.getByLabel(/^Status mapping/).fill('PICKED = in_delivery\nDROPPED_OFF = DELIVERED');
    await admin.getByRole('button', { name: 'Add carrier' }).click();
    const secret = admin.getByTestId('new-secret');
    await secret.waitFor();
    const first = (await secret.locator('code').textContent()) ?? '';
    expect(first.length).toBeGreaterThan(20);
    const card = admin.getByTestId('carrier-swift');
    await expect
      .poll(() => card.textContent(), { timeout: 10_000 })
      .toContain('Statuses: PICKED → IN_DELIVERY, DROPPED_OFF → DELIVERED');
    await checkScreen(admin, '18-admin-carrier-added');

    // Rotation: a second secret, shown once in full; the first retired.
    await admin.getByRole('button', { name: 'Add a signing secret to Swift Couriers' }).click();
    await expect
      .poll(async () => (await secret.locator('code').textContent()) ?? first, { timeout: 10_000 })
      .not.toBe(first);
    const second = (await secret.locator('code').textContent()) ?? '';
    await expect
      .poll(() => card.getByRole('button', { name: /^Retire secret/ }).count(), { timeout: 10_000 })
      .toBe(2);
    const [oldest] = await card
      .getByRole('button', { name: /^Retire secret/ })
      .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')));
    await admin.getByRole('button', { name: oldest ?? '' }).click();
    await expect
      .poll(() => card.getByRole('button', { name: /^Retire secret/ }).count(), { timeout: 10_000 })
      .toBe(1);
    // Neither secret is on the page in full any more (only hints).
    expect(await admin.locator('body').textContent()).not.toContain(first);
    expect(await admin.locator('body').textContent()).not.toContain(second);
    const carrier = await api(server.baseUrl, await getToken(server.baseUrl, 'admin'))(
      'GET',
      '/api/v1/carriers/swift',
    );
    expect(carrier.body).toMatchObject({
      display_name: 'Swift Couriers',
      status_mapping: { PICKED: 'IN_DELIVERY', DROPPED_OFF: 'DELIVERED' },
      // A prefix, as text: secrets hold `+` and `/`, which a RegExp built from them would misread.
      secrets: [{ hint: `${second.slice(0, 10)}…` }],
    });
    await checkScreen(admin, '19-admin-carrier-rotated');
  });

  it('opens a deep link after sign-in, and sends a signed-out visitor to the sign-in form', async () => {
    const context = await newContext(chromium.browser, server.baseUrl);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/wallet');
    await page.getByLabel('Username').waitFor();
    await checkScreen(page, '00-sign-in');
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The password check is deliberately slow (a key-derivation function): give it time on a busy machine.
    await expect
      .poll(() => page.getByRole('alert').allTextContents(), { timeout: 15_000 })
      .toContain('Wrong username or password.');
    await page.getByLabel('Password').fill('alice');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('wallet-balance').waitFor();
    expect(new URL(page.url()).pathname).toBe('/wallet');
  });

  it('sends the user back to sign-in once (no stream of 401s) when the server refuses the token, and when the built-in token expires', async () => {
    const context = await newContext(chromium.browser, server.baseUrl, true);
    contexts.push(context);
    await context.clock.install();
    const page = await context.newPage();
    const unauthorized: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 401) unauthorized.push(response.url());
    });
    // Requests not yet answered: the screen's requests go out together, and one answered 401
    // after the sign-in form showed is not a second round.
    let unanswered = 0;
    page.on('request', () => unanswered++);
    page.on('requestfinished', () => unanswered--);
    page.on('requestfailed', () => unanswered--);
    // The kitchen screen asks for its orders and a live ticket: a session that did not end would show it.
    await signIn(page, 'kitchen');
    await page.getByRole('heading', { name: 'Kitchen orders' }).waitFor();

    // A token the server refuses (its signature broken) while the app still thinks it good.
    await page.evaluate(() => {
      // biome-ignore lint/suspicious/noExplicitAny: the page's storage, not in Node's types
      const { sessionStorage } = globalThis as any;
      const token: string = sessionStorage.getItem('orderflow.session') ?? '';
      const [header, payload, signature = ''] = token.split('.');
      const broken = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
      sessionStorage.setItem('orderflow.session', `${header}.${payload}.${broken}`);
    });
    await page.reload();
    await page.getByText('Your session has ended: please sign in again.').waitFor();
    await page.getByLabel('Username').waitFor();
    await expect.poll(() => unanswered).toBe(0);
    const refused = unauthorized.length;
    expect(refused).toBeGreaterThan(0);
    await page.clock.fastForward('05:00');
    expect(unauthorized.slice(refused)).toEqual([]); // no later request was refused (their URLs if one was)
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);

    // The built-in provider's token lives an hour and comes without a refresh token.
    await signIn(page, 'kitchen');
    await page.getByRole('heading', { name: 'Kitchen orders' }).waitFor();
    await page.clock.fastForward('01:00:00');
    await page.getByText('Your session has expired: please sign in again.').waitFor();
    await page.getByLabel('Username').waitFor();
    await page.clock.fastForward('05:00');
    expect(unauthorized.slice(refused)).toEqual([]); // no later request was refused (their URLs if one was)
  });

  it('keeps every line of quick clicks while the server is slow to save them (edits run in turn)', async () => {
    const bob = api(server.baseUrl, await getToken(server.baseUrl, 'bob'));
    expect((await bob('PUT', '/api/v1/me/basket', { items: [] })).status).toBe(200);
    const buyer = await open('bob');
    await buyer.getByRole('heading', { name: 'Menu' }).waitFor();
    await expect.poll(() => buyer.getByText('8.50').count()).toBeGreaterThan(0);
    // Each basket PUT answered 300 ms late: the next click comes before the last one is saved.
    await buyer.route('**/api/v1/me/basket', async (route) => {
      if (route.request().method() === 'PUT') await new Promise((resolve) => setTimeout(resolve, 300));
      await route.continue();
    });
    await buyer.getByRole('button', { name: 'Add Club sandwich to basket' }).click();
    await buyer.getByRole('button', { name: 'Add Tomato soup to basket' }).click();
    await buyer.getByRole('button', { name: 'Add Club sandwich to basket' }).click();
    await expect.poll(() => buyer.getByTestId('basket-total').textContent()).toBe('€21.50');
    const saved = await bob('GET', '/api/v1/me/basket');
    expect(
      (saved.body as { items: { product_id: string; quantity: number }[] }).items.map(
        ({ product_id, quantity }) => [product_id, quantity],
      ),
    ).toEqual([
      ['sandwich-club', 2],
      ['soup-tomato', 1],
    ]);
    expect((await bob('PUT', '/api/v1/me/basket', { items: [] })).status).toBe(200);
  });
});
