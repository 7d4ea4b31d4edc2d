import { ApiError, api, unwrap } from '../api/client.ts';
import { type LiveUpdate, ReconnectPlan, ResumeState, updatesUrl } from './resume.ts';

export type LiveMode = 'connecting' | 'live' | 'reconnecting' | 'polling';

/** The live connection's state in words, for the screens that follow orders live. */
export const LIVE_MODE_WORDS: Record<LiveMode, string> = {
  connecting: 'Connecting to live updates…',
  live: 'Live: this page updates by itself.',
  reconnecting: 'Connection lost: reconnecting…',
  polling: 'Updating every few seconds.',
};

export interface LiveOptions {
  onUpdate: (update: LiveUpdate) => void;
  onMode: (mode: LiveMode) => void;
  /** Where the hub is missing (older server): called every `pollMs` instead. */
  poll: () => void;
  pollMs?: number;
}

/**
 * The buyer's live feed (seed 004): a one-time ticket, the WebSocket with `?ticket=`, an ack
 * for every update, and after a dropped connection a new ticket and `?after=<last position>`,
 * so the page catches up without showing anything twice. A server without the hub (an API
 * process without the ticket route) is polled instead.
 */
export class LiveOrders {
  readonly #resume = new ResumeState();
  readonly #plan = new ReconnectPlan();
  #socket: WebSocket | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(private readonly options: LiveOptions) {
    void this.#connect();
  }

  /** Drops the current connection as a network failure would (the page reconnects). */
  drop(): void {
    this.#socket?.close(4000, 'dropped');
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#socket?.close(1000, 'page closed');
  }

  async #connect(): Promise<void> {
    if (this.#closed) return;
    let ticket: string;
    try {
      ticket = (await unwrap(api.POST('/api/v1/updates/ticket'))).ticket;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 405))
        return this.#pollForever();
      return this.#retry();
    }
    if (this.#closed) return;
    const socket = new WebSocket(updatesUrl(window.location.origin, ticket, this.#resume.after));
    this.#socket = socket;
    socket.onopen = () => {
      this.#plan.connected();
      this.options.onMode('live');
      // Anything that happened before the socket opened: read once more.
      this.options.poll();
    };
    socket.onmessage = (event) => {
      const update = parse(event.data);
      if (!update) return;
      const fresh = this.#resume.accept(update);
      socket.send(JSON.stringify({ type: 'ack', event_id: update.event_id }));
      if (fresh) this.options.onUpdate(update);
    };
    socket.onclose = () => {
      if (this.#socket === socket) this.#socket = undefined;
      if (!this.#closed) this.#retry();
    };
  }

  #retry(): void {
    this.options.onMode('reconnecting');
    this.#timer = setTimeout(() => void this.#connect(), this.#plan.nextDelayMs());
  }

  #pollForever(): void {
    this.options.onMode('polling');
    const tick = () => {
      if (this.#closed) return;
      this.options.poll();
      this.#timer = setTimeout(tick, this.options.pollMs ?? 2000);
    };
    tick();
  }
}

function parse(data: unknown): LiveUpdate | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const message = JSON.parse(data) as LiveUpdate;
    return message.type === 'order.status_updated' && typeof message.position === 'number'
      ? message
      : undefined;
  } catch {
    return undefined;
  }
}
