import type { Writable } from 'node:stream';

const COALESCED = Symbol('orderflow.coalescedWrites');

/**
 * Makes the writes to `stream` within one turn of the event loop leave together: the stream is
 * corked at the first write of a turn and uncorked once that turn's synchronous work is done
 * (`process.nextTick`), so N frames cost one `writev` instead of N `write` syscalls.
 *
 * amqplib writes every frame to its socket on its own: the acks of handlers that finished in the
 * same turn, and a relay batch's publishes, were each a syscall that also wakes the broker (2.7
 * socket writes per order in the orders bench). Applying it twice to a stream is a no-op.
 */
export function coalesceWrites(stream: Writable): void {
  const marked = stream as Writable & { [COALESCED]?: true };
  if (marked[COALESCED]) return;
  marked[COALESCED] = true;
  const write = stream.write;
  let corked = false;
  const uncork = () => {
    corked = false;
    stream.uncork();
  };
  stream.write = function coalescedWrite(this: Writable, ...args: Parameters<Writable['write']>) {
    if (!corked && !stream.destroyed) {
      corked = true;
      stream.cork();
      process.nextTick(uncork);
    }
    return write.apply(this, args);
  } as Writable['write'];
}
