/** sysexits.h: a service or resource that start-up needs is not available. */
export const EX_UNAVAILABLE = 69;

/**
 * Start-up could not get what it needs (database, broker, port, data directory). The message
 * is one line for an operator: it names the variable or port and the address; `cause` keeps
 * the original error for logs.
 */
export class StartupError extends Error {
  readonly exitCode = EX_UNAVAILABLE;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}

/** `name=url` with the password (in the authority or a `password` parameter) replaced by `***`. */
export function redactedUrl(name: string, raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    for (const key of [...url.searchParams.keys()]) {
      if (/pass/i.test(key)) url.searchParams.set(key, '***');
    }
    return `${name}=${url.toString()}`;
  } catch {
    return `${name} (not shown: not a URL)`;
  }
}

/** A short, one-line reason: socket errors from several addresses arrive as an AggregateError with no message. */
export function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return [...new Set(error.errors.map(reason))].join('; ');
  }
  if (error instanceof Error) {
    const text = error.message || (error as NodeJS.ErrnoException).code || error.name;
    return text.replace(/\s+/g, ' ').trim();
  }
  return String(error).replace(/\s+/g, ' ').trim();
}
