import { once } from 'node:events';
import { createServer, type Server, Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { coalesceWrites } from './coalesce-writes.ts';

/** A client socket connected to a loopback server that collects what it receives. */
async function connectedPair(): Promise<{ server: Server; socket: Socket; received: () => Promise<string> }> {
  const chunks: Buffer[] = [];
  let ended: Promise<unknown> = Promise.resolve();
  const server = createServer((peer) => {
    ended = once(peer, 'end');
    peer.on('data', (chunk: Buffer) => chunks.push(chunk));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const socket = new Socket();
  socket.connect((server.address() as { port: number }).port, '127.0.0.1');
  await once(socket, 'connect');
  return {
    server,
    socket,
    received: async () => {
      await ended;
      return Buffer.concat(chunks).toString();
    },
  };
}

/** Spies on the socket's two ways down to the kernel: one chunk (`_write`) or many (`_writev`). */
function spyWrites(socket: Socket) {
  const internals = socket as unknown as {
    _write: (...a: unknown[]) => void;
    _writev: (...a: unknown[]) => void;
  };
  return { single: vi.spyOn(internals, '_write'), vector: vi.spyOn(internals, '_writev') };
}

describe('coalesceWrites', () => {
  let server: Server | undefined;
  const open = async () => {
    const pair = await connectedPair();
    server = pair.server;
    return pair;
  };
  afterEach(() => {
    server?.close();
    vi.restoreAllMocks();
  });

  it('sends the writes of one turn of the event loop as one writev, in order', async () => {
    const { socket, received } = await open();
    const writes = spyWrites(socket);
    coalesceWrites(socket);
    coalesceWrites(socket); // twice is the same as once
    for (const frame of ['a', 'b', 'c', 'd', 'e']) socket.write(frame);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes.single).not.toHaveBeenCalled();
    expect(writes.vector).toHaveBeenCalledTimes(1);
    expect((writes.vector.mock.calls[0]![0] as unknown[]).length).toBe(5);
    // The next turn is corked afresh: its writes leave together too, after the first turn's.
    socket.write('f');
    socket.write('g');
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes.vector).toHaveBeenCalledTimes(2);
    socket.end();
    expect(await received()).toBe('abcdefg');
  });

  it('is what makes the difference: without it each write is a syscall of its own', async () => {
    const { socket, received } = await open();
    const writes = spyWrites(socket);
    for (const frame of ['a', 'b', 'c']) socket.write(frame);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes.single.mock.calls.length + writes.vector.mock.calls.length).toBeGreaterThan(1);
    socket.end();
    expect(await received()).toBe('abc');
  });

  it('keeps a write callback and backpressure working', async () => {
    const { socket, received } = await open();
    coalesceWrites(socket);
    const big = 'x'.repeat(socket.writableHighWaterMark + 1);
    const written = new Promise((resolve) => socket.write(big, resolve));
    expect(socket.write('y')).toBe(false); // over the high-water mark while corked
    await written;
    if (socket.writableNeedDrain) await once(socket, 'drain');
    socket.end();
    expect(await received()).toBe(`${big}y`);
  });
});
