/** One sample of a Prometheus text exposition. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a `/metrics` body, and every metric name it declares (with histogram series). */
export function parseExposition(text: string): { samples: Sample[]; names: Set<string> } {
  const samples: Sample[] = [];
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)/.exec(line);
    if (type) {
      const [, name, kind] = type as unknown as [string, string, string];
      names.add(name);
      if (kind === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix);
      continue;
    }
    const sample = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!sample || line.startsWith('#')) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (sample[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[key!] = value!;
    names.add(sample[1]!);
    samples.push({ name: sample[1]!, labels, value: Number(sample[3]) });
  }
  return { samples, names };
}

/** Metric names a PromQL expression refers to (orderflow's, the notifications', Node's). */
export function metricNamesIn(expr: string): string[] {
  return [...expr.matchAll(/\b((?:orderflow|notifications|nodejs|process)_[a-z0-9_]+)\b/g)].map((m) => m[1]!);
}
