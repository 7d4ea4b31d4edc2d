import nodemailer, { type Transporter } from 'nodemailer';
import type { DeliveryOutcome, EmailChannel, EmailMessage } from '../../shared/ports/notification-channel.ts';

export interface SmtpEmailOptions {
  /** `smtp://user:pass@host:port` or `smtps://…` (SMTP_URL). */
  url: string;
  /** The `From` address (MAIL_FROM). */
  from: string;
  /** Give up on a connection or a reply after this long (a temporary failure). */
  timeoutMs?: number;
}

/** Errors nodemailer raises before the server said anything: the network, not the message. */
const CONNECTION_ERRORS = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPROTOCOL',
]);

/**
 * E-mail over SMTP with nodemailer (seed 003's letters). Classified by the SMTP reply: 2xx
 * delivered (to the server); 4xx and connection failures retried; 5xx permanent.
 */
export class SmtpEmailChannel implements EmailChannel {
  readonly #transport: Transporter;
  readonly #from: string;

  constructor(options: SmtpEmailOptions) {
    const timeout = options.timeoutMs ?? 30_000;
    this.#transport = nodemailer.createTransport({
      url: options.url,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
    this.#from = options.from;
  }

  async send(message: EmailMessage): Promise<DeliveryOutcome> {
    try {
      const info = await this.#transport.sendMail({
        from: this.#from,
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
        ...(message.message_id === undefined
          ? {}
          : { messageId: `<${message.message_id}@${domainOf(this.#from)}>` }),
      });
      return {
        outcome: 'delivered',
        provider: {
          status: replyCode(info.response) ?? 250,
          message_id: info.messageId,
          ...(info.response ? { message: info.response } : {}),
        },
      };
    } catch (error) {
      return classify(error);
    }
  }

  async close(): Promise<void> {
    this.#transport.close();
  }
}

/** Nodemailer's error: `responseCode` is the SMTP reply, `code` its own kind (EENVELOPE, ECONNECTION, …). */
export function classify(error: unknown): DeliveryOutcome {
  const { responseCode, code, message, response } = (error ?? {}) as {
    responseCode?: number;
    code?: string;
    message?: string;
    response?: string;
  };
  const provider = {
    ...(responseCode === undefined ? {} : { status: responseCode }),
    ...(code === undefined ? {} : { error_code: code }),
    message: response ?? message ?? String(error),
  };
  if (responseCode !== undefined) {
    return responseCode >= 500 ? { outcome: 'failed', provider } : { outcome: 'retry', provider };
  }
  if (code !== undefined && CONNECTION_ERRORS.has(code)) return { outcome: 'retry', provider };
  // Without a reply the fault is not the message's: a retry may well succeed.
  return code === 'EENVELOPE' || code === 'EMESSAGE'
    ? { outcome: 'failed', provider }
    : { outcome: 'retry', provider };
}

/** The part after the last `@` of `Name <user@host>` or `user@host` (`orderflow` when there is none). */
const domainOf = (from: string): string => /@([^@>\s]+)>?\s*$/.exec(from)?.[1] ?? 'orderflow';

const replyCode = (response: string | undefined): number | undefined => {
  const match = /^(\d{3})/.exec(response ?? '');
  return match ? Number(match[1]) : undefined;
};
