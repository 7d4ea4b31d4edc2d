import type { PhaseResult } from './load.ts';
import type { PgbenchRun } from './pgbench.ts';
import type { Report, ServerRun } from './report.ts';

// The tables of the report, as Markdown (which also reads well in a terminal).

const loadLabel = (r: PhaseResult) =>
  `${r.variant}, ${r.rate === undefined ? `max (${r.connections} conn.)` : `${r.rate}/s`}`;
const poolLabel = (run: ServerRun) => (run.pool === undefined ? '–' : String(run.pool));

export function phaseTable(runs: ServerRun[]): string {
  return table(
    [
      'load',
      'pool',
      'req/s',
      '201',
      'other / errors',
      'p50 ms',
      'p97.5 ms',
      'p99 ms',
      'max ms',
      'outbox at end',
      'read model at end',
    ],
    runs.flatMap((run) =>
      run.results.map((r) => [
        loadLabel(r),
        poolLabel(run),
        r.achieved.toFixed(0),
        String(r.created),
        nonCreated(r),
        ms(r.p50),
        ms(r.p97_5),
        ms(r.p99),
        ms(r.max),
        r.pendingAtEnd === 0 ? '0' : `${r.pendingAtEnd} (0 after ${seconds(r.drainMs)})`,
        `${r.behindAtEnd === undefined ? '' : `${r.behindAtEnd} behind, `}caught up after ${seconds(r.catchUpMs)}`,
      ]),
    ),
  );
}

export const MAIN_THREAD = 'orderflow main thread';

export function cpuTable(runs: ServerRun[]): string {
  const groups = ['machine', 'orderflow', MAIN_THREAD, `${MAIN_THREAD} waiting`, 'postgres', 'rabbitmq'];
  return table(
    [
      'load',
      'pool',
      'machine',
      'orderflow',
      'main thread',
      'main thr. waiting',
      'postgres',
      'rabbitmq',
      'load gen.',
      'other',
    ],
    runs.flatMap((run) =>
      run.results.map((r) => [
        loadLabel(r),
        poolLabel(run),
        ...[...groups, 'load generator', 'other'].map((g) => cores(r.cpu[g])),
      ]),
    ),
  );
}

export function pgbenchTable(runs: PgbenchRun[]): string {
  return table(
    ['script', 'clients', 'tps', 'latency avg ms', 'failed', 'CPU: machine', 'postgres', 'pgbench', 'other'],
    runs.map((r) => [
      r.variant,
      String(r.clients),
      r.tps.toFixed(0),
      r.latencyMs.toFixed(2),
      String(r.failed),
      ...['machine', 'postgres', 'pgbench', 'other'].map((g) => cores(r.cpu[g])),
    ]),
  );
}

export function rowsTable({ api, pgbench }: Report['rows']): string {
  const fmt = (n: number | undefined) => (n === undefined || Math.abs(n) < 0.005 ? '–' : n.toFixed(2));
  const tables = Object.keys(api)
    .filter((t) => [api[t], pgbench[t]].some((r) => r && (r.inserted >= 0.005 || r.updated >= 0.005)))
    .sort();
  return table(
    ['table', 'API: inserted', 'API: updated', 'pgbench: inserted', 'pgbench: updated'],
    tables.map((t) => [
      t,
      fmt(api[t]?.inserted),
      fmt(api[t]?.updated),
      fmt(pgbench[t]?.inserted),
      fmt(pgbench[t]?.updated),
    ]),
  );
}

export interface Ratio {
  label: string;
  value: number;
  against: string;
  ceiling: number;
}

/** API max throughput against pgbench at the same number of connections, and embedded against production. */
export function ratios(report: Report): Ratio[] {
  const out: Ratio[] = [];
  for (const run of report.production) {
    for (const variant of ['hot', 'spread'] as const) {
      const api = maxOf(run, variant);
      const db = report.pgbench.find((p) => p.variant === variant && p.clients === run.pool);
      if (api && db) {
        out.push({
          label: `API ${variant}, pool ${run.pool}`,
          value: api.achieved,
          against: `pgbench ${db.variant}, ${db.clients} clients`,
          ceiling: db.tps,
        });
      }
    }
  }
  const embedded = maxOf(report.embedded, 'hot');
  const production = report.production[0] && maxOf(report.production[0], 'hot');
  if (embedded && production) {
    out.push({
      label: 'embedded API hot',
      value: embedded.achieved,
      against: `production API hot, pool ${report.production[0]!.pool}`,
      ceiling: production.achieved,
    });
  }
  return out;
}

export function ratioTable(report: Report): string {
  return table(
    ['measured', 'max req/s', 'against', 'its max', 'ratio'],
    ratios(report).map((r) => [
      r.label,
      r.value.toFixed(0),
      r.against,
      r.ceiling.toFixed(0),
      (r.value / r.ceiling).toFixed(2),
    ]),
  );
}

export function warnings(report: Report): string[] {
  const lines = [...report.production, report.embedded].flatMap((run) => run.logLines);
  if (lines.length === 0) return ['The servers logged no warnings or errors.'];
  return [
    `The servers logged ${lines.length} lines at warn or above; the first ones:`,
    '',
    '```',
    ...lines.slice(0, 5).map((l) => l.slice(0, 400)),
    '```',
  ];
}

// ---- helpers ----

export function maxOf(run: ServerRun, variant: 'hot' | 'spread') {
  return run.results.find((r) => r.variant === variant && r.rate === undefined);
}

function nonCreated(r: PhaseResult): string {
  const parts = Object.entries(r.other).map(([code, n]) => `${n}×${code}`);
  if (r.errors) parts.push(`${r.errors} errors (${r.timeouts} timeouts)`);
  return parts.length ? parts.join(', ') : '0';
}

export const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
export const seconds = (msValue: number) =>
  Number.isNaN(msValue) ? 'timed out' : `${(msValue / 1000).toFixed(1)} s`;
export const cores = (value: number | undefined) =>
  value === undefined || Number.isNaN(value) ? '?' : Math.max(0, value).toFixed(2);

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
