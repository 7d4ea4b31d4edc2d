import { describe, expect, it } from 'vitest';
import type { DeliveredMessage } from '../ports/message-bus.ts';
import { orderedByKey } from './ordered-by-key.ts';

const message = (key: string, id: string): DeliveredMessage => ({
  topic: 't',
  key,
  envelope: { event_id: id, event_type: 't', timestamp: '', source: 's', data: { order_id: key } },
  headers: {},
  redeliveries: 0,
});

function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('orderedByKey', () => {
  it('runs one key in arrival order and other keys alongside', async () => {
    const gates = new Map<string, ReturnType<typeof deferred>>();
    const started: string[] = [];
    const handle = orderedByKey(async (m) => {
      started.push(m.envelope.event_id);
      const gate = deferred();
      gates.set(m.envelope.event_id, gate);
      await gate.promise;
    });
    const a1 = handle(message('a', 'a1'));
    const a2 = handle(message('a', 'a2'));
    const b1 = handle(message('b', 'b1'));
    await Promise.resolve();
    expect(started).toEqual(['a1', 'b1']);
    gates.get('b1')!.resolve();
    await b1;
    expect(started).toEqual(['a1', 'b1']);
    gates.get('a1')!.resolve();
    await a1;
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual(['a1', 'b1', 'a2']);
    gates.get('a2')!.resolve();
    await a2;
  });

  it('reports a failure to its own caller and still runs the next message of the key', async () => {
    const seen: string[] = [];
    const handle = orderedByKey(async (m) => {
      seen.push(m.envelope.event_id);
      if (m.envelope.event_id === 'a1') throw new Error('boom');
    });
    const first = handle(message('a', 'a1'));
    const second = handle(message('a', 'a2'));
    await expect(first).rejects.toThrow('boom');
    await expect(second).resolves.toBeUndefined();
    expect(seen).toEqual(['a1', 'a2']);
  });

  it('forgets a key once its last message is handled', async () => {
    let calls = 0;
    const handle = orderedByKey(async () => {
      calls += 1;
    });
    await Promise.all([handle(message('a', 'a1')), handle(message('a', 'a2')), handle(message('b', 'b1'))]);
    for (let i = 0; i < 1000; i += 1) await handle(message(`k${i}`, `e${i}`));
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toBe(1003);
    expect(handle.keysInFlight).toBe(0);
  });
});
