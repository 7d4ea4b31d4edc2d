/** The order lifecycle in DESIGN.md's order; CANCELLED can end it from several places. */
export const LIFECYCLE = [
  'PENDING',
  'PAID',
  'CONFIRMED',
  'ASSIGNED',
  'READY',
  'IN_DELIVERY',
  'DELIVERED',
] as const;

export const STATUS_WORDS: Record<string, string> = {
  PENDING: 'Placed, waiting for payment',
  PAID: 'Paid',
  CONFIRMED: 'Confirmed',
  ASSIGNED: 'Being prepared at a kitchen',
  READY: 'Ready for pickup',
  IN_DELIVERY: 'On its way',
  DELIVERED: 'Delivered',
  CANCELLED: 'Cancelled',
};

/** One status the order reached: from its history or from a live update. */
export interface StatusEntry {
  status: string;
  at: string;
  event_id: string;
}

export interface TimelineStep {
  status: string;
  label: string;
  /** When it was reached; undefined for a step still ahead. */
  at?: string;
  state: 'done' | 'current' | 'ahead';
}

/**
 * Merges what is known of an order's statuses (history, then live updates in any order, with
 * repeats) into one list: each status once (first time it was reached), in lifecycle order.
 */
export function mergeStatuses(...sources: readonly (readonly StatusEntry[])[]): StatusEntry[] {
  const byStatus = new Map<string, StatusEntry>();
  const seenEvents = new Set<string>();
  for (const entry of sources.flat()) {
    if (seenEvents.has(entry.event_id)) continue;
    seenEvents.add(entry.event_id);
    const known = byStatus.get(entry.status);
    if (!known || entry.at < known.at) byStatus.set(entry.status, entry);
  }
  return [...byStatus.values()].sort((a, b) => rank(a.status) - rank(b.status) || a.at.localeCompare(b.at));
}

/** The status the order is in now: the furthest one reached (CANCELLED ends it). */
export function currentStatus(entries: readonly StatusEntry[]): string | undefined {
  if (entries.some((entry) => entry.status === 'CANCELLED')) return 'CANCELLED';
  return entries.reduce<string | undefined>(
    (best, entry) => (best === undefined || rank(entry.status) > rank(best) ? entry.status : best),
    undefined,
  );
}

/**
 * The steps to show: every status reached, then (unless the order ended) the ones still
 * ahead, so a buyer sees where the order is and what comes next.
 */
export function timelineSteps(entries: readonly StatusEntry[]): TimelineStep[] {
  const merged = mergeStatuses(entries);
  const current = currentStatus(merged);
  const reached: TimelineStep[] = merged.map((entry) => ({
    status: entry.status,
    label: STATUS_WORDS[entry.status] ?? entry.status,
    at: entry.at,
    state: entry.status === current ? 'current' : 'done',
  }));
  if (current === 'CANCELLED' || current === 'DELIVERED') return reached;
  const ahead = LIFECYCLE.filter((status) => current === undefined || rank(status) > rank(current)).map(
    (status): TimelineStep => ({ status, label: STATUS_WORDS[status] ?? status, state: 'ahead' }),
  );
  return [...reached, ...ahead];
}

function rank(status: string): number {
  const index = (LIFECYCLE as readonly string[]).indexOf(status);
  return index === -1 ? LIFECYCLE.length : index;
}
