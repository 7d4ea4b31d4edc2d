import { randomUUID } from 'node:crypto';
import { Notification, Provider, type ProviderOptions } from '@parse/node-apn';
import type { DeliveryOutcome, PushChannel, PushMessage } from '../../shared/ports/notification-channel.ts';
import { type ApnsFailure, classifyApnsFailure } from './apns-classification.ts';
import { ApnsRetryAfterTap, shutdownProvider } from './node-apn-internals.ts';

export interface ApnsSenderOptions {
  /** The .p8 signing key (PEM text) for provider tokens. */
  key: string;
  keyId: string;
  teamId: string;
  /** The app's bundle id (`apns-topic`). */
  topic: string;
  /**
   * Production or sandbox APNs: always explicit, because a production token sent to the
   * sandbox (or the reverse) is answered 400 BadDeviceToken, which would disable every device.
   */
  production: boolean;
  /** APNs's host and port; Apple's for `production` unless given (a local fake in tests). */
  host?: string;
  port?: number;
  /** Certificates to trust instead of the system's (a local fake's test CA). */
  ca?: string[];
  requestTimeoutMs?: number;
  /** Milliseconds since the epoch, for Retry-After given as an HTTP-date. */
  now?: () => number;
}

/** Device tokens are hexadecimal; anything else would also end up in the request path. */
const DEVICE_TOKEN = /^[0-9a-fA-F]{16,400}$/;

/**
 * iOS pushes over APNs (HTTP/2, token-based .p8 auth) through @parse/node-apn, which keeps the
 * HTTP/2 session and signs and renews the provider token. Its own retries are off
 * (`connectionRetryLimit: 0`): each `send` is one attempt with one classified outcome, and the
 * notifications context owns retrying. The one exception is ExpiredProviderToken: node-apn
 * has minted a new token by the time it answers, so the notification is sent once more at once.
 */
export class ApnsSender implements PushChannel {
  readonly platform = 'ios' as const;
  readonly #provider: Provider;
  readonly #tap: ApnsRetryAfterTap;
  readonly #topic: string;
  readonly #now: () => number;

  constructor(options: ApnsSenderOptions) {
    const providerOptions: ProviderOptions = {
      token: { key: options.key, keyId: options.keyId, teamId: options.teamId },
      production: options.production,
      connectionRetryLimit: 0,
      requestTimeout: options.requestTimeoutMs ?? 10_000,
    };
    if (options.host !== undefined) providerOptions.address = options.host;
    if (options.port !== undefined) providerOptions.port = options.port;
    if (options.ca !== undefined) providerOptions.ca = options.ca;
    this.#provider = new Provider(providerOptions);
    this.#tap = new ApnsRetryAfterTap(this.#provider);
    this.#topic = options.topic;
    this.#now = options.now ?? Date.now;
  }

  async send(message: PushMessage): Promise<DeliveryOutcome> {
    if (!DEVICE_TOKEN.test(message.token)) {
      return {
        outcome: 'device_invalid',
        provider: { error_code: 'BadDeviceToken', message: 'not a hexadecimal APNs device token; not sent' },
      };
    }
    const first = await this.#attempt(message);
    if (first.outcome === 'failed' && first.provider.error_code === 'ExpiredProviderToken') {
      return this.#attempt(message);
    }
    return first;
  }

  async close(): Promise<void> {
    await shutdownProvider(this.#provider);
  }

  async #attempt(message: PushMessage): Promise<DeliveryOutcome> {
    const apnsId = randomUUID();
    try {
      const { sent, failed } = await this.#provider.send(this.#notification(message, apnsId), message.token);
      if (sent.length > 0) {
        const answer = sent[0] as { 'apns-id'?: string };
        return { outcome: 'delivered', provider: { status: 200, message_id: answer['apns-id'] ?? apnsId } };
      }
      return classifyApnsFailure((failed[0] ?? {}) as ApnsFailure, this.#tap.take(apnsId), this.#now());
    } finally {
      this.#tap.forget(apnsId);
    }
  }

  #notification(message: PushMessage, apnsId: string): Notification {
    const note = new Notification();
    note.id = apnsId;
    note.topic = this.#topic;
    note.pushType = 'alert';
    note.priority = 10;
    note.alert = { title: message.title, body: message.body };
    note.payload = { ...message.data };
    return note;
  }
}
