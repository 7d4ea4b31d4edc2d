import type { Config } from '../config.ts';
import { startOrderflow } from './orderflow.ts';
import { StartupError } from './startup-error.ts';
import { stopTracing } from './tracing.ts';

/**
 * Runs orderflow until SIGINT or SIGTERM, as `npm start` and `orderflow serve` do; a signal
 * stops it gracefully (see `startOrderflow`), exit code 0, within SHUTDOWN_GRACE_SECONDS. A start-up
 * failure an operator can fix (database, broker, port, data directory) is one line on stderr
 * and exit code 69; anything else is a stack trace and exit code 1.
 */
export async function runServer(config: Config): Promise<void> {
  let running: Awaited<ReturnType<typeof startOrderflow>>;
  try {
    running = await startOrderflow(config);
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    process.stderr.write(`orderflow: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  let stopping = false;
  // A signal stops with exit code 0; a failure the process cannot serve without (logged where
  // it happened) stops it the same way with exit code 1, so a supervisor starts it again.
  const stopWith = (exitCode: 0 | 1, why: object) => {
    if (stopping) return;
    stopping = true;
    const graceSeconds = config.shutdown.graceSeconds;
    running.logger.info({ ...why, graceSeconds }, 'stopping');
    // Past the grace period (what an orchestrator waits before SIGKILL), leave anyway:
    // whatever is still unacknowledged returns to its queue when the connection drops.
    setTimeout(() => {
      running.logger.error({ graceSeconds }, 'did not stop within SHUTDOWN_GRACE_SECONDS; exiting');
      process.exit(1);
    }, graceSeconds * 1000).unref();
    running.stop().then(
      // Buffered spans are flushed before exit (a no-op with tracing off).
      () => {
        running.logger.info('orderflow stopped');
        return stopTracing().finally(() => process.exit(exitCode));
      },
      (err: unknown) => {
        running.logger.error({ err }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stopWith(0, { signal }));
  void running.failure.then((error) => stopWith(1, { reason: error.message }));
}
