import { readdirSync, readFileSync } from 'node:fs';

/** Which processes count as what; the first matching group wins. */
export type CpuGroups = Record<string, (process: { pid: number; comm: string }) => boolean>;

/** Groups of processes, and single threads (by id) measured on their own, e.g. a Node main thread. */
export interface CpuSpec {
  groups: CpuGroups;
  threads?: Record<string, number>;
}

/**
 * CPU use during a run of `seconds` that starts now, sampled away from its ramp-up and its tail
 * (from 1 s in to 1 s before the end).
 */
export async function cpuDuring(spec: CpuSpec, seconds: number): Promise<CpuUse> {
  await sleep(1000);
  const before = snapshotCpu(spec.groups, spec.threads);
  await sleep((seconds - 2) * 1000);
  return cpuBetween(before, snapshotCpu(spec.groups, spec.threads));
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** CPU seconds per group (and for the whole machine) at one instant. */
interface Snapshot {
  at: number;
  byGroup: Map<string, number>;
  /** Names in `byGroup` that are threads, already counted in their process's group. */
  threads: string[];
  machineBusy: number;
}

const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux x86-64

/** Cores each group kept busy between two snapshots (1.0 = one core fully busy). */
export type CpuUse = Record<string, number>;

function snapshotCpu(groups: CpuGroups, threads: Record<string, number> = {}): Snapshot {
  const byGroup = new Map<string, number>(Object.keys(groups).map((g) => [g, 0]));
  for (const [name, tid] of Object.entries(threads)) {
    byGroup.set(name, readStat(`${tid}/task/${tid}`)?.cpuSeconds ?? Number.NaN);
    // Time the thread was runnable but had no core: how contended the CPUs were for it.
    byGroup.set(`${name} waiting`, readRunQueueWait(`${tid}/task/${tid}`));
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (!stat) continue;
    const group = Object.entries(groups).find(([, matches]) => matches(stat))?.[0];
    if (group) byGroup.set(group, (byGroup.get(group) ?? 0) + stat.cpuSeconds);
  }
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy = all but idle and iowait.
  const busy = cpu.slice(0, 8).reduce((sum, v, i) => (i === 3 || i === 4 ? sum : sum + v), 0);
  return {
    at: performance.now(),
    byGroup,
    threads: Object.keys(threads).flatMap((t) => [t, `${t} waiting`]),
    machineBusy: busy / TICKS_PER_SECOND,
  };
}

function cpuBetween(before: Snapshot, after: Snapshot): CpuUse {
  const threadNames = new Set(before.threads);
  const seconds = (after.at - before.at) / 1000;
  const use: CpuUse = {};
  for (const [group, total] of after.byGroup)
    use[group] = (total - (before.byGroup.get(group) ?? 0)) / seconds;
  use.machine = (after.machineBusy - before.machineBusy) / seconds;
  // Everything else on the machine (other users of a shared box show up here).
  use.other = Object.entries(use).reduce(
    (rest, [group, cores]) => (group === 'machine' || threadNames.has(group) ? rest : rest - cores),
    use.machine,
  );
  return use;
}

/** `/proc/<path>/stat`, where path is a pid or `<pid>/task/<tid>`. */
function readStat(path: string): { pid: number; comm: string; cpuSeconds: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${path}/stat`, 'utf8');
  } catch {
    return undefined; // exited meanwhile
  }
  // comm is in parentheses and may hold spaces; utime and stime are fields 14 and 15.
  const close = text.lastIndexOf(')');
  const comm = text.slice(text.indexOf('(') + 1, close);
  const fields = text.slice(close + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { pid: Number.parseInt(path, 10), comm, cpuSeconds: ticks / TICKS_PER_SECOND };
}

/** Seconds spent waiting on a run queue (`/proc/<path>/schedstat`: on-CPU ns, waiting ns, slices). */
function readRunQueueWait(path: string): number {
  try {
    return Number(readFileSync(`/proc/${path}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
  } catch {
    return Number.NaN;
  }
}
