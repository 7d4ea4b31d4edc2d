import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import websocket from '@fastify/websocket';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { IssuedTicket, TicketSession } from '../../contexts/live-updates/index.ts';
import { DomainError, ERROR_CATALOGUE, type ErrorCode } from '../../shared/errors.ts';
import type { LiveUpdatesHub } from './live-updates-hub.ts';

/** How the hub authenticates: filled in by the composition root from the API's token verifier. */
export interface RealtimeAuth {
  /** The token in an `Authorization` header value; throws `UNAUTHENTICATED`. */
  bearerTokenFrom(header: string | undefined): string;
  /** Verifies an access token: whose it is and when it expires; throws `UNAUTHENTICATED`. */
  verifyToken(token: string): Promise<{ userId: string; expiresAt: Date }>;
}

export interface LiveUpdatesRoutesOptions {
  hub: LiveUpdatesHub;
  auth: RealtimeAuth;
  tickets: {
    issue(userId: string, tokenExpiresAt: Date): Promise<IssuedTicket>;
    redeem(ticket: string): Promise<TicketSession | undefined>;
  };
  /** Largest frame a client may send (an ack is ~60 bytes). */
  maxClientFrameBytes?: number;
}

const PROBLEM = 'application/problem+json';
const problem = (...codes: ErrorCode[]) => {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes)
    byStatus.set(ERROR_CATALOGUE[code], [...(byStatus.get(ERROR_CATALOGUE[code]) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, listed]) => [
      status,
      {
        description: listed.join(', '),
        content: {
          [PROBLEM]: {
            schema: Type.Object(
              { code: Type.String({ enum: listed }), status: Type.Integer(), detail: Type.String() },
              { additionalProperties: true },
            ),
          },
        },
      },
    ]),
  );
};

const UPDATES_DESCRIPTION = `A WebSocket (RFC 6455) upgrade; the connection then carries JSON text frames.
Authenticate with \`Authorization: Bearer <access token>\` on the upgrade request or, from a browser, with \`?ticket=\` from \`POST /api/v1/updates/ticket\` (single use, short-lived). A missing, bad or expired credential refuses the upgrade with 401 problem+json.

Server → client, one per status change of one of the caller's orders, in \`position\` order (strictly increasing per user):
\`{"type":"order.status_updated","event_id","order_id","status","previous_status","position","timestamp","version", …details (reason, tracking_number, carrier, delivered_at, …)}\`.
Client → server: \`{"type":"ack","event_id"}\`; the ack is stored. An unknown frame gets \`{"type":"error","code":"UNSUPPORTED_MESSAGE"}\`, an ack for an event not in the caller's feed \`{"type":"error","code":"UNKNOWN_EVENT"}\`.

Resume: \`?after=<position>\` sends every update after that position, in order, nothing twice; without it, every update not yet acknowledged within the retention window (LIVE_UPDATES_RETENTION_SECONDS).

Close codes: 4001 the token expired (reconnect with a new credential and \`after\`); 4008 the client read too slowly and its send buffer passed LIVE_UPDATES_MAX_BUFFERED_BYTES (reconnect with \`after\`); 1012 the server is restarting or shutting down (reconnect, to any instance, with \`after\`). The server pings every LIVE_UPDATES_HEARTBEAT_MS and drops a socket that did not answer the previous ping.`;

/** `GET /api/v1/updates` (the WebSocket) and `POST /api/v1/updates/ticket`. */
export const liveUpdatesRoutes: FastifyPluginAsyncTypebox<LiveUpdatesRoutesOptions> = async (
  app,
  { hub, auth, tickets, maxClientFrameBytes = 4096 },
) => {
  await app.register(websocket, {
    options: { maxPayload: maxClientFrameBytes },
    // On shutdown the hub closes its sockets with 1012 (service restart), which tells clients to
    // reconnect elsewhere with `after`; the plugin's default would close them without a code.
    preClose(done) {
      void hub.close();
      this.websocketServer.close();
      done();
    },
  });

  app.post(
    '/api/v1/updates/ticket',
    {
      schema: {
        tags: ['live-updates'],
        summary: 'Get a one-time ticket for the live-updates WebSocket',
        description:
          'For browsers, which cannot set `Authorization` on a WebSocket: open `GET /api/v1/updates?ticket=<ticket>` within `expires_in` seconds. A ticket opens one socket, once, on any API instance; the session ends when the token used here expires.',
        security: [{ bearerAuth: [] }],
        response: {
          201: {
            description: 'The ticket',
            ...Type.Object({
              ticket: Type.String({ description: 'opaque; pass as the `ticket` query parameter' }),
              expires_in: Type.Integer({ description: 'seconds the ticket stays redeemable' }),
            }),
          },
          ...problem('UNAUTHENTICATED'),
        },
      },
    },
    async (request, reply) => {
      const { userId, expiresAt } = await auth.verifyToken(
        auth.bearerTokenFrom(request.headers.authorization),
      );
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send(await tickets.issue(userId, expiresAt));
    },
  );

  app.route({
    method: 'GET',
    url: '/api/v1/updates',
    schema: {
      tags: ['live-updates'],
      summary: "The caller's live order updates (WebSocket)",
      description: UPDATES_DESCRIPTION,
      security: [{ bearerAuth: [] }, {}],
      querystring: Type.Object(
        {
          ticket: Type.Optional(
            Type.String({ minLength: 1, maxLength: 200, description: 'from POST /api/v1/updates/ticket' }),
          ),
          after: Type.Optional(Type.Integer({ minimum: 0, description: 'resume after this position' })),
        },
        { additionalProperties: false },
      ),
      response: {
        101: { description: 'Switching Protocols: the WebSocket is open', type: 'null' },
        ...problem('VALIDATION_FAILED', 'UNAUTHENTICATED', 'UPGRADE_REQUIRED'),
      },
    },
    // After validation, so a malformed `after` does not use up a ticket; before the upgrade,
    // so a refused credential is an HTTP 401, not an opened-then-closed socket.
    preHandler: async (request) => {
      grants.set(request, await authenticateUpgrade(request, auth, tickets));
    },
    wsHandler: (socket, request) => {
      const grant = grants.get(request);
      if (!grant) {
        socket.close(1011, 'not authenticated');
        return;
      }
      const { after } = request.query as { after?: number };
      hub.attach(socket, { ...grant, after });
    },
    // Reached only by a GET that asked for no upgrade.
    handler: async (_request, reply) => {
      reply.header('upgrade', 'websocket');
      throw new DomainError('UPGRADE_REQUIRED', 'this is a WebSocket endpoint: send an upgrade request');
    },
  });
};

const grants = new WeakMap<FastifyRequest, { userId: string; expiresAt: Date }>();

async function authenticateUpgrade(
  request: FastifyRequest,
  auth: RealtimeAuth,
  tickets: LiveUpdatesRoutesOptions['tickets'],
): Promise<{ userId: string; expiresAt: Date }> {
  const { ticket } = request.query as { ticket?: string };
  if (ticket !== undefined) {
    // A plain GET must not use up a ticket the client means for its socket.
    if (request.headers.upgrade?.toLowerCase() !== 'websocket') {
      throw new DomainError('UPGRADE_REQUIRED', 'this is a WebSocket endpoint: send an upgrade request');
    }
    const session = await tickets.redeem(ticket);
    if (!session) {
      throw new DomainError('UNAUTHENTICATED', 'the ticket is unknown, expired or already used', {
        reason: 'invalid ticket',
      });
    }
    if (session.sessionExpiresAt.getTime() <= Date.now()) {
      throw new DomainError('UNAUTHENTICATED', 'the token the ticket was issued for has expired', {
        reason: 'token expired',
      });
    }
    return { userId: session.userId, expiresAt: session.sessionExpiresAt };
  }
  return auth.verifyToken(auth.bearerTokenFrom(request.headers.authorization));
}
