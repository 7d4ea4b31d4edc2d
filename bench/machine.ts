import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { promisify } from 'node:util';
import { POSTGRES_ADMIN_URL, withClient } from './infra.ts';
import { PGBENCH } from './pgbench.ts';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  node: string;
  postgres: string;
  postgresSettings: string;
  rabbitmq: string;
  pgbench: string;
  /** 1-minute load average when the run started: other work on a shared machine. */
  loadAverage: number;
}

export async function describeMachine(): Promise<Machine> {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const settings = ['shared_buffers', 'max_connections', 'synchronous_commit', 'fsync', 'wal_sync_method'];
  const [version, settingRows] = await withClient(POSTGRES_ADMIN_URL, async (c) => [
    (await c.query<{ version: string }>('select version()')).rows[0]!.version,
    (
      await c.query<{ name: string; value: string }>(
        `select name, current_setting(name) as value from pg_settings where name = any($1) order by name`,
        [settings],
      )
    ).rows,
  ]);
  return {
    cpu: /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim(),
    node: process.version,
    postgres: version.split(' on ')[0] ?? version,
    postgresSettings: settingRows.map((r) => `${r.name}=${r.value}`).join(', '),
    rabbitmq: await command('rabbitmqctl', ['version']),
    pgbench: await command(PGBENCH, ['--version']),
    loadAverage: loadavg()[0] ?? 0,
  };
}

async function command(file: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(file, args, { timeout: 20_000 });
    return stdout.trim().split('\n')[0] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
