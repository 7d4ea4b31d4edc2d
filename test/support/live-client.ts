import { decodeJwt, SignJWT } from 'jose';
import WebSocket from 'ws';
import { loadOrCreateSigningKeys } from '../../src/adapters/identity/signing-keys.ts';

/** A live update as the client receives it. */
export interface LiveMessage {
  type: string;
  event_id: string;
  order_id: string;
  status: string;
  previous_status: string | null;
  position: number;
  [key: string]: unknown;
}

export interface LiveCredentials {
  token?: string;
  ticket?: string;
  after?: number;
  /** ws answers pings by itself unless told not to (a dead peer, for heartbeat tests). */
  autoPong?: boolean;
}

const updatesUrl = (baseUrl: string, { ticket, after }: LiveCredentials): string => {
  const url = new URL('/api/v1/updates', baseUrl.replace(/^http/, 'ws'));
  if (ticket !== undefined) url.searchParams.set('ticket', ticket);
  if (after !== undefined) url.searchParams.set('after', String(after));
  return url.toString();
};

/** A real `ws` client on `GET /api/v1/updates`, recording every frame and how the socket closed. */
export class LiveClient {
  readonly messages: LiveMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.messages.push(JSON.parse(data.toString()) as LiveMessage));
    this.closed = new Promise((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  static connect(baseUrl: string, credentials: LiveCredentials): Promise<LiveClient> {
    const socket = new WebSocket(updatesUrl(baseUrl, credentials), {
      headers: credentials.token ? { authorization: `Bearer ${credentials.token}` } : {},
      autoPong: credentials.autoPong ?? true,
    });
    const client = new LiveClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_req, res) =>
        reject(new Error(`upgrade refused with HTTP ${res.statusCode}`)),
      );
      socket.once('error', reject);
    });
  }

  /** Tries to connect and expects the upgrade to be refused: the HTTP status, content type and body. */
  static refusal(
    baseUrl: string,
    credentials: LiveCredentials,
  ): Promise<{ status: number; contentType: string | undefined; body: Record<string, unknown> }> {
    const socket = new WebSocket(updatesUrl(baseUrl, credentials), {
      headers: credentials.token ? { authorization: `Bearer ${credentials.token}` } : {},
    });
    return new Promise((resolve, reject) => {
      socket.once('open', () => {
        socket.close();
        reject(new Error('the upgrade was accepted'));
      });
      socket.once('unexpected-response', (_req, res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'],
            body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
          });
          socket.terminate();
        });
      });
      socket.once('error', () => {});
    });
  }

  /** Updates (not errors) about `orderId`, in arrival order. */
  about(orderId: string): LiveMessage[] {
    return this.updates().filter((m) => m.order_id === orderId);
  }

  updates(): LiveMessage[] {
    return this.messages.filter((m) => m.type === 'order.status_updated');
  }

  ack(eventId: string): void {
    this.socket.send(JSON.stringify({ type: 'ack', event_id: eventId }));
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    this.socket.close();
    await this.closed;
  }
}

/**
 * A token for the same user as `token`, signed by the built-in provider's key in `dataDir`,
 * expiring `expiresInSeconds` from now (negative: already expired).
 */
export async function tokenExpiringIn(
  dataDir: string,
  token: string,
  expiresInSeconds: number,
): Promise<string> {
  const keys = await loadOrCreateSigningKeys(dataDir);
  const claims = decodeJwt(token);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    ...claims,
    iat: Math.min(now, now + expiresInSeconds - 60),
    exp: now + expiresInSeconds,
  })
    .setProtectedHeader({ alg: keys.alg, kid: keys.kid, typ: 'JWT' })
    .sign(keys.privateKey);
}

/**
 * A token with `token`'s claims but `claims` over them (another user with the same roles: a
 * second courier), signed by the built-in provider's key in `dataDir`.
 */
export async function tokenWithClaims(
  dataDir: string,
  token: string,
  claims: Record<string, unknown>,
): Promise<string> {
  const keys = await loadOrCreateSigningKeys(dataDir);
  return new SignJWT({ ...decodeJwt(token), ...claims })
    .setProtectedHeader({ alg: keys.alg, kid: keys.kid, typ: 'JWT' })
    .sign(keys.privateKey);
}
