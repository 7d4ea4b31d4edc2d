import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

// The live benchmark's ceiling: a bare `ws` server that sends one payload to every connected
// socket, at a fixed rate or back to back, with nothing else in the process. Run as a child
// process (`node --import tsx bench/bare-broadcast.ts`, PORT=…); `POST /broadcast` with
// `{"rate": n | null, "count": n, "payload": {...}}` answers once all are sent.

const server = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/broadcast') {
    res.writeHead(404).end();
    return;
  }
  let text = '';
  req.on('data', (chunk: Buffer) => (text += chunk.toString()));
  req.on('end', () => {
    const { rate, count, payload } = JSON.parse(text) as {
      rate: number | null;
      count: number;
      payload: Record<string, unknown>;
    };
    void broadcast(rate, count, payload).then(() => res.writeHead(204).end());
  });
});
const wss = new WebSocketServer({ server, path: '/api/v1/updates' });

async function broadcast(
  rate: number | null,
  count: number,
  payload: Record<string, unknown>,
): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    if (rate) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((done) => setTimeout(done, wait));
    } else if (i % 10 === 0) {
      await new Promise((done) => setImmediate(done));
    }
    // Like the hub: each socket gets its own serialised message (position differs per user).
    const frame = JSON.stringify({ ...payload, position: i + 1, timestamp: new Date().toISOString() });
    for (const socket of wss.clients) socket.send(frame);
  }
}

server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('listening\n'));
