import type { BenchContext } from './context.ts';

/** `npm run bench -- webhooks`: not written yet. */
export async function runWebhooks(_ctx: BenchContext): Promise<void> {
  throw new Error('the webhooks benchmark is not written yet');
}
