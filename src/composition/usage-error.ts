/** A command given arguments it cannot act on (the CLI exits 2, as for a parse error). */
export class UsageError extends Error {
  override name = 'UsageError';
}
