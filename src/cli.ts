import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { StartupError } from './composition/startup-error.ts';
import { UsageError } from './composition/usage-error.ts';
import { ConfigError, loadConfig, PROCESS_ROLES } from './config.ts';

const EX_CONFIG = 78;
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const io = {
  out: (line: string) => process.stdout.write(`${line}\n`),
  err: (line: string) => process.stderr.write(`${line}\n`),
};

// The server and the operator commands are imported when a command runs, not here: tracing
// hooks module loading, so `serve` starts it before pg, amqplib and Fastify are loaded (as
// main.ts does), and `orderflow --help` loads none of them.
const commands = () => import('./composition/operator-commands.ts');

const program = new Command('orderflow')
  .description(
    'Order processing and notification platform. Configured by environment variables (see README).',
  )
  .version(version, '-V, --version', 'print the version')
  .helpOption('-h, --help', 'show this help')
  .showHelpAfterError('(orderflow --help lists the commands)');

program
  .command('serve')
  .description('run the server, as `npm start` does: every role, or those in ROLES or --role')
  .addOption(
    new Option(
      '-r, --role <name...>',
      'run only these roles (instead of ROLES); splitting needs DATABASE_URL and BROKER_URL',
    ).choices([...PROCESS_ROLES, 'all']),
  )
  .action(async (options: { role?: string[] }) => {
    const env = options.role ? { ...process.env, ROLES: options.role.join(',') } : process.env;
    const config = loadConfig(env);
    await (await import('./composition/tracing.ts')).startTracingIfConfigured();
    const { runServer } = await import('./composition/run-server.ts');
    await runServer(config);
  });

program
  .command('migrate')
  .description('bring the database schema up to date (the server also does this at start)')
  .action(async () => (await commands()).migrateCommand(loadConfig(), io));

program
  .command('projections')
  .description('read models built from the event store')
  .command('rebuild')
  .description(
    'rebuild the order-info view from the event store (stop the processes running the projections role first)',
  )
  .option('--batch-size <n>', 'events read per batch (progress is shown after each)', positiveInt, 1000)
  .action(async (options: { batchSize: number }) =>
    (await commands()).rebuildProjectionsCommand(loadConfig(), io, options.batchSize),
  );

const dlq = program
  .command('dlq')
  .description(
    'dead letters: messages a consumer group gave up on after BUS_MAX_DELIVERIES (needs BROKER_URL)',
  );
const groupOption = () => new Option('-g, --group <name>', 'only this consumer group (default: every group)');

dlq
  .command('list')
  .description('one tab-separated line per dead letter: group, event id, topic, event type, order id, time')
  .addOption(groupOption())
  .option('--limit <n>', 'dead letters shown per group at most', positiveInt, 100)
  .action(async (options: { group?: string; limit: number }) => {
    process.exitCode = await (await commands()).listDeadLettersCommand(loadConfig(), io, options);
  });

dlq
  .command('show')
  .description('print a dead letter (envelope, topic, key, headers) as JSON, for each group that holds it')
  .argument('<event-id>', 'the event id (AMQP message id), as `dlq list` shows')
  .addOption(groupOption())
  .action(async (eventId: string, options: { group?: string }) => {
    process.exitCode = await (await commands()).showDeadLetterCommand(loadConfig(), io, eventId, options);
  });

dlq
  .command('redrive')
  .description(
    "put dead letters back on their group's queue (that group's only) after fixing the cause; handlers skip what they already applied",
  )
  .argument('[event-id]', 'the dead letter to re-drive')
  .option('--all', 'every dead letter (of --group, or of every group)')
  .addOption(groupOption())
  .action(async (eventId: string | undefined, options: { group?: string; all?: boolean }) => {
    process.exitCode = await (await commands()).redriveDeadLettersCommand(loadConfig(), io, eventId, options);
  });

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Failures an operator can fix are one line; anything else keeps its stack.
  if (error instanceof StartupError) {
    io.err(`orderflow: ${error.message}`);
    process.exit(error.exitCode);
  }
  if (error instanceof UsageError) {
    io.err(`orderflow: ${error.message}`);
    process.exit(2);
  }
  if (error instanceof ConfigError) {
    io.err(error.message);
    process.exit(EX_CONFIG);
  }
  throw error;
}
