import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, getToken, type TestServer } from '../support/orderflow-server.ts';
import { rawRequest } from '../support/raw-http.ts';

const PROBLEM = 'application/problem+json';

/** The HTTP edge (issue 7 items 5 and 6) over real HTTP, run against each runtime mode. */
export function httpEdgesScenario(server: () => TestServer): void {
  let alice: ReturnType<typeof api>;
  let admin: ReturnType<typeof api>;
  let aliceId: string;

  beforeAll(async () => {
    const { baseUrl } = server();
    const aliceToken = await getToken(baseUrl, 'alice');
    aliceId = JSON.parse(Buffer.from(aliceToken.split('.')[1]!, 'base64url').toString()).sub;
    alice = api(baseUrl, aliceToken);
    admin = api(baseUrl, await getToken(baseUrl, 'admin'));
  });

  const expectProblem = (
    response: { status: number; headers: Headers | Record<string, string>; body: unknown },
    status: number,
    code: string,
  ) => {
    const contentType =
      response.headers instanceof Headers
        ? response.headers.get('content-type')
        : response.headers['content-type'];
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(contentType).toContain(PROBLEM);
    const body = typeof response.body === 'string' ? JSON.parse(response.body) : response.body;
    expect(body).toMatchObject({ status, code });
  };

  /** Error answers written before a route runs must still not be sniffed or cached. */
  const expectHardened = (response: { headers: Headers | Record<string, string> }) => {
    const header = (name: string) =>
      response.headers instanceof Headers ? response.headers.get(name) : response.headers[name];
    expect(header('x-content-type-options')).toBe('nosniff');
    expect(header('cache-control')).toBe('no-store');
  };

  describe('dates in the query string', () => {
    it.each(['2024-01-01T23:59:60Z', '2024-02-30T00:00:00Z', '0000-01-01T00:00:00Z', 'yesterday'])(
      'answers created_from=%s with 400 VALIDATION_FAILED',
      async (value) => {
        for (const client of [alice, admin]) {
          const response = await client('GET', `/api/v1/orders?created_from=${encodeURIComponent(value)}`);
          expectProblem(response, 400, 'VALIDATION_FAILED');
          const to = await client('GET', `/api/v1/orders?created_to=${encodeURIComponent(value)}`);
          expectProblem(to, 400, 'VALIDATION_FAILED');
        }
      },
    );

    it('still takes a valid date-time and a numeric limit from the query string', async () => {
      const response = await admin('GET', '/api/v1/orders?created_from=2024-01-01T23:59:59Z&limit=5');
      expect(response.status).toBe(200);
    });
  });

  describe('request bodies are not type-coerced', () => {
    const newProduct = async () => {
      const id = `p-${randomUUID().slice(0, 8)}`;
      const put = await admin('PUT', `/api/v1/products/${id}`, {
        name: id,
        price: 100,
        currency: 'EUR',
        stock: 500,
      });
      expect(put.status).toBe(200);
      return id;
    };

    it('refuses a quantity sent as a string', async () => {
      const product = await newProduct();
      for (const quantity of ['1e2', '2', true, null, 1.5]) {
        const response = await alice('POST', '/api/v1/orders', {
          items: [{ product_id: product, quantity }],
        });
        expectProblem(response, 400, 'VALIDATION_FAILED');
      }
      const products = (await alice('GET', '/api/v1/products')).body.products as {
        id: string;
        stock: number;
      }[];
      expect(products.find((p) => p.id === product)?.stock).toBe(500);
    });

    it('refuses a top-up amount sent as a boolean or a string', async () => {
      const before = (await alice('GET', '/api/v1/me/wallet')).body.balance;
      for (const amount of [true, '100', [100]]) {
        const response = await admin('POST', `/api/v1/wallets/${aliceId}/top-ups`, { amount });
        expectProblem(response, 400, 'VALIDATION_FAILED');
      }
      expect((await alice('GET', '/api/v1/me/wallet')).body.balance).toBe(before);
    });

    it('refuses a product price or stock sent as a string', async () => {
      const id = `p-${randomUUID().slice(0, 8)}`;
      const response = await admin('PUT', `/api/v1/products/${id}`, {
        name: id,
        price: '100',
        currency: 'EUR',
        stock: 1,
      });
      expectProblem(response, 400, 'VALIDATION_FAILED');
    });
  });

  describe('errors raised before a route runs are problem+json', () => {
    it('404 for an unknown route', async () => {
      const unknown = await alice('GET', '/api/v1/nowhere');
      expectProblem(unknown, 404, 'NOT_FOUND');
      expectHardened(unknown);
      expectProblem(await alice('DELETE', '/api/v1/products'), 404, 'NOT_FOUND');
    });

    it('400 for a URL that is not valid percent-encoding', async () => {
      const response = await rawRequest(
        server().baseUrl,
        'GET /api/v1/orders/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      );
      expectProblem(response, 400, 'MALFORMED_REQUEST');
      expectHardened(response);
    });

    it('414 for an over-long path parameter', async () => {
      const response = await alice('GET', `/api/v1/orders/${'a'.repeat(500)}`);
      expectProblem(response, 414, 'URI_TOO_LONG');
      expectHardened(response);
      // Also without credentials: the hardening must not depend on the Authorization header.
      const anonymous = await rawRequest(
        server().baseUrl,
        `GET /api/v1/orders/${'a'.repeat(500)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      );
      expectProblem(anonymous, 414, 'URI_TOO_LONG');
      expectHardened(anonymous);
    });

    it('431 for headers larger than Node accepts', async () => {
      const response = await rawRequest(
        server().baseUrl,
        `GET /api/v1/products HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`,
      );
      expectProblem(response, 431, 'HEADERS_TOO_LARGE');
      expectHardened(response);
      expect(JSON.parse(response.body).type).toMatch(/headers-too-large$/);
    });

    it('400 for bytes that are not HTTP', async () => {
      const response = await rawRequest(server().baseUrl, 'HELLO\r\n\r\n');
      expectProblem(response, 400, 'MALFORMED_REQUEST');
      expectHardened(response);
    });

    it('413 for a body over the limit and 415 for an unknown media type', async () => {
      expectProblem(
        await alice('POST', '/api/v1/orders', { items: [], pad: 'x'.repeat(200_000) }),
        413,
        'PAYLOAD_TOO_LARGE',
      );
      expectProblem(
        await alice('POST', '/api/v1/orders', '<order/>', { 'content-type': 'application/xml' }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
    });
  });
}
