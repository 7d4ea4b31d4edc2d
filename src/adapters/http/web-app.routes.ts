import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendProblem } from './problem-details.ts';

export interface WebAppOptions {
  /** The Vite build: `index.html` and `assets/`. */
  distDir: string;
}

/** Paths that belong to the API and the server, never to the web app's client routes. */
const SERVER_PATHS = /^\/(api|realms|dev|docs|openapi\.json|healthz|readyz|metrics)(\/|$|\?)/;
/** A request for a file (it has an extension) that is not there is a 404, not the app. */
const FILE_LIKE = /\/[^/]+\.[A-Za-z0-9]+$/;

const pathOf = (request: FastifyRequest) => request.url.split('?')[0] ?? '/';

/**
 * The browser app at `/`: hashed assets under `/assets/` (cached for good), and `index.html`
 * for `/` and every client route (`/orders/{id}`, …), so a deep link or a reload works. API and
 * server paths that match no route still answer problem+json 404. Without a build, `/` says how
 * to make one.
 */
export async function webAppRoutes(app: FastifyInstance, { distDir }: WebAppOptions): Promise<void> {
  const assets = join(distDir, 'assets');
  await app.register(fastifyStatic, {
    root: existsSync(assets) ? assets : distDir,
    prefix: '/assets/',
    index: false,
    // Vite names assets by content hash: a name never changes meaning.
    immutable: true,
    maxAge: '365d',
    schemaHide: true,
  });

  const sendIndex = async (request: FastifyRequest, reply: import('fastify').FastifyReply) => {
    const path = pathOf(request);
    if (SERVER_PATHS.test(path) || FILE_LIKE.test(path)) {
      // As the router's own 404 and 414 would be: never cached.
      reply.header('cache-control', 'no-store');
      // Without this wildcard the router answers an over-long parameter with 414; it now
      // backtracks to here instead, so say the same.
      const maxParamLength = request.server.initialConfig.maxParamLength ?? 100;
      if (path.split('/').some((segment) => segment.length > maxParamLength)) {
        return sendProblem(
          request,
          reply,
          'URI_TOO_LONG',
          `a path segment is longer than ${maxParamLength} characters`,
        );
      }
      return sendProblem(request, reply, 'NOT_FOUND', `no route for ${request.method} ${path}`);
    }
    if (!existsSync(join(distDir, 'index.html'))) {
      return sendProblem(request, reply, 'NOT_FOUND', 'the web app is not built: run `npm run build:web`');
    }
    // The page names the current assets: always revalidate it.
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', distDir, { cacheControl: false });
  };
  // `/*` matches `/` too.
  app.get('/*', { schema: { hide: true } }, sendIndex);
}
