import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const rabbitmqctl = (...args: string[]) => run('rabbitmqctl', args, { timeout: 60_000 });

/**
 * A RabbitMQ user of the test's own, so the test can cut exactly its processes' connections
 * (`rabbitmqctl close_all_user_connections`) without disturbing other tests on the shared broker.
 */
export async function createBrokerUser(
  brokerUrl: string,
  user: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const password = `${user}-pw`;
  await rabbitmqctl('add_user', user, password);
  await rabbitmqctl('set_permissions', '-p', '/', user, '.*', '.*', '.*');
  const url = new URL(brokerUrl);
  url.username = user;
  url.password = password;
  return {
    url: url.toString(),
    drop: async () => {
      await rabbitmqctl('delete_user', user).catch(() => {});
    },
  };
}

/** Closes every connection `user` has open, as a broker restart or a network cut would. */
export async function closeUserConnections(user: string): Promise<void> {
  await rabbitmqctl('close_all_user_connections', user, 'fault test: connections cut');
}
