/**
 * The system error code (`ECONNREFUSED`, `ETIMEDOUT`, …) somewhere down an error's cause chain:
 * fetch wraps it in `TypeError: fetch failed`, gaxios and VError wrap it again.
 */
export function systemErrorCode(error: unknown): string | undefined {
  let nodeCode: string | undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current && typeof current === 'object'; depth++) {
    const candidate = current as { code?: unknown; cause?: unknown; jse_cause?: unknown };
    if (typeof candidate.code === 'string') {
      // The socket's own errno (ECONNREFUSED) says more than Node's wrapper (ERR_HTTP2_STREAM_CANCEL).
      if (/^E[A-Z0-9]+$/.test(candidate.code)) return candidate.code;
      nodeCode ??= /^ERR_[A-Z0-9_]+$/.test(candidate.code) ? candidate.code : undefined;
    }
    // VError (node-apn) keeps its cause in `jse_cause` (its `cause` is a method).
    current = candidate.jse_cause ?? (typeof candidate.cause === 'function' ? undefined : candidate.cause);
  }
  return nodeCode;
}

/** A short message for a receipt, from whatever was thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
