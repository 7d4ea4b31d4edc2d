/** A live update as the hub sends it (DESIGN.md, "Live updates"). */
export interface LiveUpdate {
  type: string;
  event_id: string;
  order_id: string;
  status: string;
  position: number;
  timestamp?: string;
  [detail: string]: unknown;
}

/**
 * What a client must remember to resume the live feed after a dropped connection: the last
 * position it has seen (sent back as `?after=`) and the events it already showed, so an update
 * delivered twice (around a reconnect) is shown once.
 */
export class ResumeState {
  #position: number | undefined;
  readonly #seen = new Set<string>();

  /** `?after=` for the next connection; undefined before the first update (the server starts now). */
  get after(): number | undefined {
    return this.#position;
  }

  /**
   * Records an update; returns true when it is new (show it, ack it) and false for a repeat
   * (ack it again, show nothing). Positions only move forward.
   */
  accept(update: LiveUpdate): boolean {
    if (this.#position === undefined || update.position > this.#position) this.#position = update.position;
    if (this.#seen.has(update.event_id)) return false;
    this.#seen.add(update.event_id);
    return true;
  }
}

/** The WebSocket URL for a ticket, resuming after `after` when known. */
export function updatesUrl(origin: string, ticket: string, after: number | undefined): string {
  const url = new URL('/api/v1/updates', origin.replace(/^http/, 'ws'));
  url.searchParams.set('ticket', ticket);
  if (after !== undefined) url.searchParams.set('after', String(after));
  return url.toString();
}

/** Delay before reconnect attempt `n` (1, 2, …): doubling from 500 ms, at most 10 s. */
export const reconnectDelayMs = (attempt: number): number => Math.min(10_000, 500 * 2 ** (attempt - 1));

/** Counts failed attempts since the last good connection, for the back-off. */
export class ReconnectPlan {
  #attempts = 0;

  nextDelayMs(): number {
    this.#attempts += 1;
    return reconnectDelayMs(this.#attempts);
  }

  connected(): void {
    this.#attempts = 0;
  }
}
