import type {
  ClientHttp2Session,
  ClientHttp2Stream,
  IncomingHttpHeaders,
  OutgoingHttpHeaders,
} from 'node:http2';
import type { Provider } from '@parse/node-apn';

/**
 * Work-arounds for two defects of @parse/node-apn 8.1 (the pinned version), kept in this one
 * file because both reach into its untyped Client; each checks that what it needs is there.
 */
interface ApnClientInternals {
  request(session: ClientHttp2Session, ...rest: unknown[]): Promise<unknown>;
  session?: ClientHttp2Session | null;
  manageChannelsSession?: ClientHttp2Session | null;
}

function clientOf(provider: Provider): ApnClientInternals {
  const client = (provider as unknown as { client?: ApnClientInternals }).client;
  if (typeof client?.request !== 'function') {
    throw new Error('@parse/node-apn has no client.request: revisit node-apn-internals.ts for this version');
  }
  return client;
}

/**
 * Shuts the provider down. node-apn's `shutdown` waits for `session.close()`'s callback, which
 * never comes for a session already destroyed by an error (a refused connection, a bad
 * certificate): Node marks such a session destroyed but not closed. Dropping destroyed
 * sessions first lets shutdown finish.
 */
export function shutdownProvider(provider: Provider): Promise<void> {
  const client = clientOf(provider);
  if (client.session?.destroyed) client.session = null;
  if (client.manageChannelsSession?.destroyed) client.manageChannelsSession = null;
  return new Promise<void>((resolve) => provider.shutdown(resolve));
}

/**
 * Keeps the `retry-after` header of APNs answers, by `apns-id`.
 *
 * @parse/node-apn 8.1 reads `headers['Retry-After']`, but Node's HTTP/2 header names are
 * lower-case, so it never sees the header; and it deletes `retryAfter` from the error it
 * returns anyway. Rather than dropping the server's delay, this wraps the client's `request`
 * (an internal of the pinned version, checked at construction so an upgrade fails loudly)
 * and listens to each stream's response headers. Each notification carries its own `apns-id`,
 * so concurrent sends cannot mix their headers up.
 */
export class ApnsRetryAfterTap {
  readonly #byApnsId = new Map<string, string>();
  readonly #tapped = new WeakSet<ClientHttp2Session>();

  constructor(provider: Provider) {
    const client = clientOf(provider);
    const request = client.request.bind(client);
    client.request = (session, ...rest) => {
      this.#tap(session);
      return request(session, ...rest);
    };
  }

  /** The Retry-After value of the answer to `apnsId`, once (the entry is removed). */
  take(apnsId: string): string | undefined {
    const value = this.#byApnsId.get(apnsId);
    this.#byApnsId.delete(apnsId);
    return value;
  }

  /** Forgets a notification that got no answer (so the map cannot grow). */
  forget(apnsId: string): void {
    this.#byApnsId.delete(apnsId);
  }

  #tap(session: ClientHttp2Session): void {
    if (this.#tapped.has(session)) return;
    this.#tapped.add(session);
    const open = session.request.bind(session) as (
      headers?: OutgoingHttpHeaders,
      options?: unknown,
    ) => ClientHttp2Stream;
    const tapped = (headers?: OutgoingHttpHeaders, options?: unknown): ClientHttp2Stream => {
      const stream = open(headers, options);
      const apnsId = headers?.['apns-id'];
      if (typeof apnsId === 'string') {
        stream.once('response', (response: IncomingHttpHeaders) => {
          const retryAfter = response['retry-after'];
          if (typeof retryAfter === 'string') this.#byApnsId.set(apnsId, retryAfter);
        });
      }
      return stream;
    };
    session.request = tapped as ClientHttp2Session['request'];
  }
}
