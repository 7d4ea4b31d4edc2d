import { createServer } from 'node:net';
import { StartupError } from './startup-error.ts';

/**
 * Checks that the API can listen on `host:port` by binding it for a moment, so a port in use
 * stops start-up before it migrates or seeds anything. The real `listen` can still lose a race
 * to another process; `portStartupError` words that failure the same way.
 */
export async function ensurePortFree(host: string, port: number, variable = 'PORT'): Promise<void> {
  if (port === 0) return;
  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port, exclusive: true }, resolve);
    });
  } catch (error) {
    throw portStartupError(error, host, port, variable) ?? error;
  }
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** A `StartupError` naming the port's variable and HOST for the listen errors an operator can fix, else undefined. */
export function portStartupError(
  error: unknown,
  host: string,
  port: number,
  variable = 'PORT',
): StartupError | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const where = `${host.includes(':') ? `[${host}]` : host}:${port} (${variable}=${port}, HOST=${host})`;
  const why: Record<string, string> = {
    EADDRINUSE: 'the address is already in use',
    EACCES: 'permission denied (ports below 1024 need privileges)',
    EADDRNOTAVAIL: 'HOST is not an address of this machine',
    ENOTFOUND: 'HOST does not resolve',
    EAI_AGAIN: 'HOST does not resolve',
  };
  const text = code ? why[code] : undefined;
  return text ? new StartupError(`cannot listen on ${where}: ${text}`, { cause: error }) : undefined;
}
