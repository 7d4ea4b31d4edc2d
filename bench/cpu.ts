import { readdirSync, readFileSync } from 'node:fs';

/** Which processes count as what; the first matching group wins. */
export type CpuGroups = Record<string, (process: { pid: number; comm: string }) => boolean>;

/** CPU seconds per group (and for the whole machine) at one instant. */
interface Snapshot {
  at: number;
  byGroup: Map<string, number>;
  machineBusy: number;
}

const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux x86-64

/** Cores each group kept busy between two snapshots (1.0 = one core fully busy). */
export type CpuUse = Record<string, number>;

export function snapshotCpu(groups: CpuGroups): Snapshot {
  const byGroup = new Map<string, number>(Object.keys(groups).map((g) => [g, 0]));
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
  return { at: performance.now(), byGroup, machineBusy: busy / TICKS_PER_SECOND };
}

export function cpuBetween(before: Snapshot, after: Snapshot): CpuUse {
  const seconds = (after.at - before.at) / 1000;
  const use: CpuUse = {};
  for (const [group, total] of after.byGroup) use[group] = (total - (before.byGroup.get(group) ?? 0)) / seconds;
  use.machine = (after.machineBusy - before.machineBusy) / seconds;
  return use;
}

function readStat(pid: string): { pid: number; comm: string; cpuSeconds: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // exited meanwhile
  }
  // comm is in parentheses and may hold spaces; utime and stime are fields 14 and 15.
  const close = text.lastIndexOf(')');
  const comm = text.slice(text.indexOf('(') + 1, close);
  const fields = text.slice(close + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { pid: Number(pid), comm, cpuSeconds: ticks / TICKS_PER_SECOND };
}
