import pino from 'pino';
import { connectStorage } from './composition/connect-storage.ts';
import { StartupError } from './composition/startup-error.ts';
import { ConfigError, loadConfig } from './config.ts';
import { rebuildOrderInfo } from './read-model/order-info/rebuild.ts';

const USAGE = `usage: orderflow <command>

commands:
  projections rebuild   rebuild the order-info view from the event store
                        (stop the processes running the projections role first)
`;

/** Operator commands, configured from the same environment as the server. */
async function main(args: string[]): Promise<number> {
  if (args[0] !== 'projections' || args[1] !== 'rebuild') {
    process.stderr.write(USAGE);
    return args.length === 0 || args[0] === 'help' ? 0 : 64;
  }
  const config = loadConfig();
  const { storage, close } = await connectStorage(config, pino({ level: 'warn' }), { poolSize: 2 });
  try {
    await storage.migrate();
    const result = await rebuildOrderInfo(storage);
    process.stdout.write(`rebuilt order-info: ${result.orders} orders from ${result.events} events\n`);
    return 0;
  } finally {
    await close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof StartupError) {
      process.stderr.write(`orderflow: ${error.message}\n`);
      process.exit(error.exitCode);
    }
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`,
    );
    process.exit(error instanceof ConfigError ? 78 : 1);
  },
);
