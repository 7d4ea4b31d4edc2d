import { randomUUID } from 'node:crypto';
import type { DevInbox, DevInboxEntry } from '../../contexts/notifications/index.ts';
import type {
  DeliveryOutcome,
  EmailChannel,
  EmailMessage,
  PushChannel,
  PushMessage,
  PushPlatform,
} from '../../shared/ports/notification-channel.ts';

type NewEntry = DevInboxEntry extends infer E
  ? E extends DevInboxEntry
    ? Omit<E, 'id' | 'captured_at'>
    : never
  : never;

/**
 * Embedded mode without providers (DESIGN.md): every e-mail and push is captured here as it
 * would have been sent, newest first, for `GET /dev/inbox`. Kept in memory and bounded: a
 * developer's inbox, not an archive.
 */
export class InMemoryDevInbox implements DevInbox {
  readonly #entries: DevInboxEntry[] = [];

  constructor(private readonly capacity = 1000) {}

  capture(entry: NewEntry): DeliveryOutcome {
    const id = randomUUID();
    this.#entries.unshift({ ...entry, id, captured_at: new Date().toISOString() } as DevInboxEntry);
    this.#entries.length = Math.min(this.#entries.length, this.capacity);
    return {
      outcome: 'delivered',
      provider: { message_id: `dev-inbox:${id}`, message: 'captured in the dev inbox' },
    };
  }

  list(limit = 100): DevInboxEntry[] {
    return this.#entries.slice(0, limit);
  }
}

/** The e-mail channel when SMTP_URL is unset in embedded mode. */
export class DevInboxEmailChannel implements EmailChannel {
  constructor(private readonly inbox: InMemoryDevInbox) {}

  async send(message: EmailMessage): Promise<DeliveryOutcome> {
    return this.inbox.capture({ kind: 'email', ...message });
  }
}

/** A push channel for one platform when no real provider is configured in embedded mode. */
export class DevInboxPushChannel implements PushChannel {
  constructor(
    readonly platform: PushPlatform,
    private readonly inbox: InMemoryDevInbox,
  ) {}

  async send(message: PushMessage): Promise<DeliveryOutcome> {
    return this.inbox.capture({ kind: 'push', platform: this.platform, ...message });
  }
}
