import type { BenchContext } from './context.ts';

/** `npm run bench -- live`: not written yet. */
export async function runLive(_ctx: BenchContext): Promise<void> {
  throw new Error('the live benchmark is not written yet');
}
