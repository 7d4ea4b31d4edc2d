import WebSocket from 'ws';

/** Arrival times (performance.now()) of live updates, by `<order_id> <status>`. */
export interface UpdateLog {
  arrivals: Map<string, number>;
  received: number;
  close(): Promise<void>;
}

/** A real `ws` client on `GET /api/v1/updates` as the holder of `token`, logging each update's arrival. */
export async function liveUpdates(baseUrl: string, token: string): Promise<UpdateLog> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/v1/updates`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const log: UpdateLog = {
    arrivals: new Map(),
    received: 0,
    close: async () => {
      if (socket.readyState === WebSocket.CLOSED) return;
      const closed = new Promise((done) => socket.once('close', done));
      socket.close();
      await closed;
    },
  };
  socket.on('message', (data) => {
    const at = performance.now();
    const message = JSON.parse(data.toString()) as { type: string; order_id?: string; status?: string };
    if (message.type !== 'order.status_updated') return;
    log.received++;
    const key = `${message.order_id} ${message.status}`;
    if (!log.arrivals.has(key)) log.arrivals.set(key, at);
  });
  await new Promise<void>((done, fail) => {
    socket.once('open', () => done());
    socket.once('unexpected-response', (_req, res) => fail(new Error(`upgrade refused: ${res.statusCode}`)));
    socket.once('error', fail);
  });
  return log;
}
