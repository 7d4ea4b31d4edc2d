import createClient, { type Middleware } from 'openapi-fetch';
import type { Problem } from '../lib/problem.ts';
import type { paths } from './schema.d.ts';

/** A failed call, with the server's problem+json (or what could be made of the answer). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

let currentToken: (() => string | undefined) | undefined;
let onUnauthenticated: (() => void) | undefined;

/** Wires the client to the session: its token on every call, sign-out on a 401. */
export function configureApi(options: {
  token: () => string | undefined;
  onUnauthenticated: () => void;
}): void {
  currentToken = options.token;
  onUnauthenticated = options.onUnauthenticated;
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = currentToken?.();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) onUnauthenticated?.();
    return response;
  },
};

/** The typed API client: paths and bodies from the server's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

/** The data of a call, or an ApiError carrying the problem. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<NonNullable<T>> {
  const { data, error, response } = await call;
  if (response.ok && data !== undefined) return data as NonNullable<T>;
  throw failed(response, error);
}

/** A call answered with no content (204): succeeds, or throws an ApiError carrying the problem. */
export async function succeed(call: Promise<{ error?: unknown; response: Response }>): Promise<void> {
  const { error, response } = await call;
  if (!response.ok) throw failed(response, error);
}

const failed = (response: Response, error: unknown): ApiError =>
  new ApiError(response.status, (typeof error === 'object' && error !== null ? error : {}) as Problem);

/** Words for an error of any kind. */
export const errorText = (error: unknown): string =>
  error instanceof Error ? error.message : 'Something went wrong.';
