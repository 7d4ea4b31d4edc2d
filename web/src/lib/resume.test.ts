import { describe, expect, it } from 'vitest';
import { ReconnectPlan, ResumeState, reconnectDelayMs, updatesUrl } from './resume.ts';

const update = (event_id: string, position: number) => ({
  type: 'order.status_updated',
  event_id,
  order_id: 'o1',
  status: 'PAID',
  position,
});

describe('resume bookkeeping', () => {
  it('starts without a position, then resumes after the highest position seen', () => {
    const state = new ResumeState();
    expect(state.after).toBeUndefined();
    expect(state.accept(update('a', 3))).toBe(true);
    expect(state.accept(update('b', 5))).toBe(true);
    expect(state.after).toBe(5);
  });

  it('shows an update delivered twice (around a reconnect) once, and never moves back', () => {
    const state = new ResumeState();
    state.accept(update('a', 4));
    expect(state.accept(update('a', 4))).toBe(false);
    expect(state.accept(update('old', 2))).toBe(true);
    expect(state.after).toBe(4);
  });

  it('builds the socket URL with the ticket and ?after=', () => {
    expect(updatesUrl('http://localhost:3000', 't1', undefined)).toBe(
      'ws://localhost:3000/api/v1/updates?ticket=t1',
    );
    expect(updatesUrl('https://x.example', 't 2', 7)).toBe(
      'wss://x.example/api/v1/updates?ticket=t+2&after=7',
    );
  });

  it('backs off between reconnects, up to 10 s', () => {
    expect([1, 2, 3, 10].map(reconnectDelayMs)).toEqual([500, 1000, 2000, 10_000]);
  });

  it('starts the back-off over after a good connection', () => {
    const plan = new ReconnectPlan();
    expect([plan.nextDelayMs(), plan.nextDelayMs(), plan.nextDelayMs()]).toEqual([500, 1000, 2000]);
    plan.connected();
    expect(plan.nextDelayMs()).toBe(500);
  });
});
