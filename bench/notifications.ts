import type { BenchContext } from './context.ts';

/** `npm run bench -- notifications`: not written yet. */
export async function runNotifications(_ctx: BenchContext): Promise<void> {
  throw new Error('the notifications benchmark is not written yet');
}
