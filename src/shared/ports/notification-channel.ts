/**
 * What a notification channel (e-mail over SMTP, FCM, APNs) answers for one attempt, classified
 * by the provider's documented codes (issue 10, seed 000 step 7). The notifications context
 * decides from the outcome alone: record the receipt, schedule a retry, disable a device.
 */
export type DeliveryOutcome =
  /** Accepted by the provider. */
  | { outcome: 'delivered'; provider: ProviderAnswer }
  /** Temporary: try again, no sooner than `retry_after_ms` when the provider said so (Retry-After). */
  | { outcome: 'retry'; provider: ProviderAnswer; retry_after_ms?: number }
  /** The device token is dead (FCM UNREGISTERED / INVALID_ARGUMENT on the token, APNs 410 / BadDeviceToken): never use it again. */
  | { outcome: 'device_invalid'; provider: ProviderAnswer }
  /** Permanent and alert-worthy (credentials, sender mismatch, SMTP 5xx). */
  | { outcome: 'failed'; provider: ProviderAnswer };

/** The provider's own answer, as recorded on the receipt. */
export interface ProviderAnswer {
  /** HTTP status, or the SMTP reply code. */
  status?: number;
  /** The provider's error code (`UNREGISTERED`, `BadDeviceToken`, `ECONNREFUSED`, …). */
  error_code?: string;
  /** The provider's message id (FCM `name`, APNs `apns-id`, SMTP message id). */
  message_id?: string;
  message?: string;
}

export type PushPlatform = 'android' | 'ios';

/** One push to one device, content already formed per locale. */
export interface PushMessage {
  token: string;
  title: string;
  body: string;
  /** Flat string data (FCM wants strings): order_id, status, event_id, link. */
  data: Record<string, string>;
}

/** FCM for `android`, APNs for `ios`. */
export interface PushChannel {
  readonly platform: PushPlatform;
  send(message: PushMessage): Promise<DeliveryOutcome>;
  close?(): Promise<void>;
}

/** One rendered e-mail to one address. */
export interface EmailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  /**
   * The same for every attempt of one delivery (its id): the letter's Message-ID, so a letter
   * sent again after a cut-off attempt is recognisably the same letter (mail systems that fold
   * duplicates by Message-ID show it once).
   */
  message_id?: string;
}

export interface EmailChannel {
  send(message: EmailMessage): Promise<DeliveryOutcome>;
  close?(): Promise<void>;
}
