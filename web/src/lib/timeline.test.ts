import { describe, expect, it } from 'vitest';
import { currentStatus, mergeStatuses, timelineSteps } from './timeline.ts';

const entry = (status: string, at: string, event_id = `${status}-${at}`) => ({ status, at, event_id });

describe('status timeline', () => {
  it('merges history and live updates, each status once, in lifecycle order', () => {
    const history = [entry('PENDING', '2026-01-01T10:00:00Z'), entry('PAID', '2026-01-01T10:00:01Z')];
    const live = [
      entry('READY', '2026-01-01T10:05:00Z', 'e3'),
      entry('ASSIGNED', '2026-01-01T10:01:00Z', 'e2'),
      entry('READY', '2026-01-01T10:05:00Z', 'e3'),
      entry('PAID', '2026-01-01T10:00:01Z', 'e-other-copy'),
    ];
    expect(mergeStatuses(history, live).map((e) => e.status)).toEqual([
      'PENDING',
      'PAID',
      'ASSIGNED',
      'READY',
    ]);
  });

  it('shows what is done, where the order is and what is ahead', () => {
    const steps = timelineSteps([entry('PENDING', '1'), entry('PAID', '2'), entry('CONFIRMED', '3')]);
    expect(steps.map((s) => [s.status, s.state])).toEqual([
      ['PENDING', 'done'],
      ['PAID', 'done'],
      ['CONFIRMED', 'current'],
      ['ASSIGNED', 'ahead'],
      ['READY', 'ahead'],
      ['IN_DELIVERY', 'ahead'],
      ['DELIVERED', 'ahead'],
    ]);
  });

  it('ends at CANCELLED or DELIVERED with nothing ahead', () => {
    const cancelled = [entry('PENDING', '1'), entry('CANCELLED', '2')];
    expect(currentStatus(cancelled)).toBe('CANCELLED');
    expect(timelineSteps(cancelled).map((s) => s.status)).toEqual(['PENDING', 'CANCELLED']);
    expect(timelineSteps([entry('IN_DELIVERY', '1'), entry('DELIVERED', '2')]).at(-1)).toMatchObject({
      status: 'DELIVERED',
      state: 'current',
    });
  });
});
