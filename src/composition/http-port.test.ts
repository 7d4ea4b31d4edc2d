import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ensurePortFree } from './http-port.ts';
import { StartupError } from './startup-error.ts';

let occupied: Server | undefined;
afterEach(async () => {
  await new Promise((done) => (occupied ? occupied.close(done) : done(undefined)));
  occupied = undefined;
});

async function occupy(): Promise<number> {
  occupied = createServer();
  await new Promise<void>((resolve) => occupied!.listen(0, '127.0.0.1', resolve));
  const address = occupied.address();
  return typeof address === 'object' && address ? address.port : 0;
}

describe('ensurePortFree', () => {
  it('names the variable, HOST and the address of a port in use', async () => {
    const port = await occupy();
    const check = ensurePortFree('127.0.0.1', port, 'METRICS_PORT');
    await expect(check).rejects.toBeInstanceOf(StartupError);
    await expect(check).rejects.toThrow(
      `cannot listen on 127.0.0.1:${port} (METRICS_PORT=${port}, HOST=127.0.0.1): the address is already in use`,
    );
  });

  it('leaves a free port free', async () => {
    const port = await occupy();
    await new Promise((done) => occupied!.close(done));
    occupied = undefined;
    await ensurePortFree('127.0.0.1', port);
    await ensurePortFree('127.0.0.1', port);
  });

  it('names HOST when it is not an address of this machine', async () => {
    await expect(ensurePortFree('192.0.2.1', 3000)).rejects.toThrow(
      'cannot listen on 192.0.2.1:3000 (PORT=3000, HOST=192.0.2.1): HOST is not an address of this machine',
    );
  });
});
