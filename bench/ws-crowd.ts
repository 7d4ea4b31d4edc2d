import WebSocket from 'ws';
import { percentile } from './paced.ts';

/** N `ws` clients on one URL; all count messages, every `sampleEvery`-th also parses them for latency. */
export interface Crowd {
  connected: number;
  closedEarly: number;
  messages: number;
  /** ms from each sampled message's `timestamp` to its arrival. */
  latencies: number[];
  reset(): void;
  p(percent: number): number;
  close(): Promise<void>;
}

export async function connectCrowd(
  url: string,
  count: number,
  headers: Record<string, string>,
  { sampleEvery = 50, concurrency = 100 } = {},
): Promise<Crowd> {
  const sockets: WebSocket[] = [];
  const crowd: Crowd = {
    connected: 0,
    closedEarly: 0,
    messages: 0,
    latencies: [],
    reset() {
      crowd.messages = 0;
      crowd.latencies = [];
    },
    p(percent) {
      return percentile(
        [...crowd.latencies].sort((a, b) => a - b),
        percent,
      );
    },
    async close() {
      closing = true;
      await Promise.all(
        sockets.map(
          (s) =>
            new Promise<void>((done) => {
              if (s.readyState === WebSocket.CLOSED) return done();
              s.once('close', () => done());
              s.terminate();
            }),
        ),
      );
    },
  };
  let closing = false;
  let next = 0;
  const one = (index: number) =>
    new Promise<void>((done) => {
      const socket = new WebSocket(url, { headers });
      sockets.push(socket);
      const sampled = index % sampleEvery === 0;
      socket.on('message', (data) => {
        crowd.messages++;
        if (!sampled) return;
        const { timestamp } = JSON.parse(data.toString()) as { timestamp?: string };
        if (timestamp) crowd.latencies.push(Date.now() - Date.parse(timestamp));
      });
      socket.once('open', () => {
        crowd.connected++;
        done();
      });
      socket.once('close', () => {
        if (!closing) crowd.closedEarly++;
      });
      socket.once('error', () => done());
    });
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await one(next++);
    }),
  );
  return crowd;
}
