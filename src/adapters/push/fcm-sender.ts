import type { DeliveryOutcome, PushChannel, PushMessage } from '../../shared/ports/notification-channel.ts';
import { errorMessage, systemErrorCode } from './error-code.ts';
import { classifyFcmAnswer } from './fcm-classification.ts';
import { AccessTokenError, type AccessTokenSource } from './google-access-token.ts';

export const FCM_BASE_URL = 'https://fcm.googleapis.com';

export interface FcmSenderOptions {
  /** The Firebase project the messages are sent for. */
  projectId: string;
  /** OAuth2 access tokens for the FCM scope (a service account in production). */
  tokens: AccessTokenSource;
  /** FCM's address; a local fake in tests. */
  baseUrl?: string;
  /** How long one `messages:send` may take before it counts as a transient failure. */
  timeoutMs?: number;
  /** Milliseconds since the epoch, for Retry-After given as an HTTP-date. */
  now?: () => number;
}

/**
 * Android pushes over FCM HTTP v1 (`POST /v1/projects/{project}/messages:send`), one request per
 * device token, with no retries of its own: every attempt answers one classified outcome and
 * the notifications context decides what happens next.
 */
export class FcmSender implements PushChannel {
  readonly platform = 'android' as const;
  readonly #url: string;
  readonly #tokens: AccessTokenSource;
  readonly #timeoutMs: number;
  readonly #now: () => number;

  constructor({
    projectId,
    tokens,
    baseUrl = FCM_BASE_URL,
    timeoutMs = 10_000,
    now = Date.now,
  }: FcmSenderOptions) {
    this.#url = `${baseUrl.replace(/\/$/, '')}/v1/projects/${encodeURIComponent(projectId)}/messages:send`;
    this.#tokens = tokens;
    this.#timeoutMs = timeoutMs;
    this.#now = now;
  }

  async send(message: PushMessage): Promise<DeliveryOutcome> {
    let accessToken: string;
    try {
      accessToken = await this.#tokens.accessToken();
    } catch (error) {
      if (error instanceof AccessTokenError) {
        return { outcome: error.permanent ? 'failed' : 'retry', provider: error.answer };
      }
      return { outcome: 'retry', provider: { error_code: 'TOKEN_ERROR', message: errorMessage(error) } };
    }
    let response: Response;
    try {
      response = await fetch(this.#url, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ message: fcmMessage(message) }),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      // Nothing (or nothing complete) came back: refused, reset, timed out. FCM may or may not
      // have the message; a retry is the documented answer.
      const code = isTimeout(error) ? 'TIMEOUT' : (systemErrorCode(error) ?? 'NETWORK_ERROR');
      return { outcome: 'retry', provider: { error_code: code, message: errorMessage(error) } };
    }
    return classifyFcmAnswer(
      {
        status: response.status,
        body: await readJson(response),
        retryAfter: response.headers.get('retry-after'),
      },
      this.#now(),
    );
  }
}

/** The v1 message: the token, the visible notification, and the flat string data. */
function fcmMessage(message: PushMessage) {
  return {
    token: message.token,
    notification: { title: message.title, body: message.body },
    data: message.data,
  };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
}
