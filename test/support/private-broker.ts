import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.ts';

const run = promisify(execFile);

/**
 * Where the RabbitMQ scripts are. Debian's /usr/sbin/rabbitmq-* wrappers switch to the
 * `rabbitmq` user (and its HOME, hence its Erlang cookie) when run as root, so the real
 * scripts under /usr/lib/rabbitmq/bin are called instead; RABBITMQ_SCRIPTS_DIR overrides.
 */
function scriptsDir(): string {
  const configured = process.env.RABBITMQ_SCRIPTS_DIR;
  if (configured) return configured;
  if (existsSync('/usr/lib/rabbitmq/bin/rabbitmq-server')) return '/usr/lib/rabbitmq/bin';
  const onPath = (process.env.PATH ?? '')
    .split(':')
    .map((dir) => join(dir, 'rabbitmq-server'))
    .find((file) => existsSync(file));
  if (!onPath) throw new Error('rabbitmq-server is not installed (set RABBITMQ_SCRIPTS_DIR)');
  return dirname(onPath);
}

export interface PrivateBroker {
  /** `amqp://guest:guest@127.0.0.1:<port>` */
  url: string;
  node: string;
  /** Starts the node (its data kept from the last run) and waits until it takes connections. */
  start(): Promise<void>;
  /**
   * Stops the node's Erlang VM with SIGTERM (what an orchestrator sends; the node shuts down
   * cleanly): every connection drops, the port closes. At once, unlike `rabbitmqctl`, whose own
   * VM takes seconds to start on a busy machine.
   */
  stop(): Promise<void>;
  /** `rabbitmqctl -n <node> …` */
  ctl(...args: string[]): Promise<string>;
  /** Stops the node if it runs and deletes its data. */
  dispose(): Promise<void>;
}

/**
 * A RabbitMQ node of the test's own, beside the machine's shared broker: its own node name,
 * AMQP and distribution ports, Erlang cookie (a HOME of its own), data and logs in a temporary
 * directory, no plugins. A test may stop and start it without disturbing any other test.
 */
export async function createPrivateBroker(name: string): Promise<PrivateBroker> {
  const bin = scriptsDir();
  const dir = await mkdtemp(join(tmpdir(), `orderflow-broker-${name}-`));
  await Promise.all([mkdir(join(dir, 'mnesia')), mkdir(join(dir, 'log'))]);
  const [amqpPort, distPort] = [await freePort(), await freePort()];
  const node = `${name}@localhost`;
  await Promise.all([
    // Empty: the machine's rabbitmq-env.conf names the shared node.
    writeFile(join(dir, 'rabbitmq-env.conf'), ''),
    writeFile(join(dir, 'enabled_plugins'), '[].\n'),
    writeFile(join(dir, 'rabbitmq.conf'), `listeners.tcp.default = 127.0.0.1:${amqpPort}\n`),
  ]);
  const env = {
    ...process.env,
    HOME: dir,
    RABBITMQ_CONF_ENV_FILE: join(dir, 'rabbitmq-env.conf'),
    RABBITMQ_NODENAME: node,
    RABBITMQ_NODE_PORT: String(amqpPort),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq.conf'),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
    ERL_EPMD_ADDRESS: '127.0.0.1',
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-kernel inet_dist_use_interface {127,0,0,1}',
  };
  const ctl = async (...args: string[]) =>
    (await run(join(bin, 'rabbitmqctl'), ['-n', node, ...args], { env, cwd: dir, timeout: 180_000 })).stdout;
  let pid: number | undefined;
  const alive = (id: number) => {
    try {
      process.kill(id, 0);
      return true;
    } catch {
      return false;
    }
  };
  const broker: PrivateBroker = {
    url: `amqp://guest:guest@127.0.0.1:${amqpPort}`,
    node,
    async start() {
      await run(join(bin, 'rabbitmq-server'), ['-detached'], { env, cwd: dir, timeout: 60_000 });
      // `await_startup` needs the VM to be up; right after `-detached` it may not be yet.
      for (let attempt = 0; ; attempt++) {
        try {
          await ctl('await_startup', '--timeout', '180');
          break;
        } catch (error) {
          if (attempt >= 30) throw error;
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      }
      pid = Number(/\d+/.exec(await ctl('eval', 'os:getpid().'))?.[0]);
    },
    async stop() {
      if (pid === undefined) return;
      process.kill(pid, 'SIGTERM');
      while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 200));
      pid = undefined;
    },
    ctl,
    async dispose() {
      await broker.stop().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
  return broker;
}
