import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerProblemDetails } from './problem-details.ts';
import { webAppRoutes } from './web-app.routes.ts';

// The web app's serving rules over a stand-in build (a real build is the browser test's business).

let dist: string;
let app: FastifyInstance;
const PAGE = '<!doctype html><title>app</title>';

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'orderflow-web-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), PAGE);
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  app = Fastify();
  registerProblemDetails(app);
  app.get('/api/v1/known', async () => ({ ok: true }));
  await app.register(webAppRoutes, { distDir: dist });
});
afterAll(async () => {
  await app?.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('web-app.routes', () => {
  it('serves index.html at / and for client routes, revalidated on every visit', async () => {
    for (const url of ['/', '/orders/0b7c', '/admin/orders?status=PAID', '/menu/']) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toBe(PAGE);
    }
  });

  it('serves hashed assets for good', async () => {
    const response = await app.inject({ url: '/assets/index-abc123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it('answers unknown API, server and file paths with problem+json 404, not the app', async () => {
    for (const url of [
      '/api/v1/nowhere',
      '/api',
      '/realms/x',
      '/dev/nothing',
      '/assets/missing.js',
      '/favicon.ico',
    ]) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toContain('application/problem+json');
      expect(response.json().code).toBe('NOT_FOUND');
      // (/assets/ misses go through the app's not-found handler, which sets its own headers.)
      if (!url.startsWith('/assets/')) expect(response.headers['cache-control'], url).toBe('no-store');
    }
    expect((await app.inject({ url: '/api/v1/known' })).json()).toEqual({ ok: true });
    const long = await app.inject({ url: `/api/v1/orders/${'a'.repeat(500)}` });
    expect(long.statusCode).toBe(414);
    expect(long.json().code).toBe('URI_TOO_LONG');
  });

  it('says how to build the app when there is no build', async () => {
    const bare = Fastify();
    registerProblemDetails(bare);
    await bare.register(webAppRoutes, { distDir: join(dist, 'nothing-here') });
    const response = await bare.inject({ url: '/' });
    expect(response.statusCode).toBe(404);
    expect(response.json().detail).toContain('npm run build:web');
    await bare.close();
  });
});
