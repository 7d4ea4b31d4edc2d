import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module without types, shared with bin/build-server.mjs.
import { ENTRY_POINTS } from '../../bin/server-bundle.mjs';
import { ROOT, readText } from './deploy-files.ts';

// No container runtime on these machines: the Dockerfile is read, not built. What `npm run
// build` produces and `node dist/main.js` runs is exercised outside a container (see
// docs/operations.md, "What was run here").
interface Instruction {
  keyword: string;
  args: string;
}

const instructions: Instruction[] = readText('Dockerfile')
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'))
  .map((line) => {
    const [keyword = '', ...rest] = line.split(/\s+/);
    return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
  });

/** The instructions of each stage, by stage name. */
const stages = new Map<string, Instruction[]>();
let current: Instruction[] = [];
for (const instruction of instructions) {
  if (instruction.keyword === 'FROM') {
    current = [];
    stages.set(instruction.args.split(/\s+AS\s+/i)[1] ?? `stage-${stages.size}`, current);
  }
  current.push(instruction);
}
const runtime = [...stages.values()].at(-1) ?? [];
const ignored = readText('.dockerignore')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));

describe('Dockerfile', () => {
  it('builds in stages from a Node LTS image', () => {
    expect(stages.size).toBeGreaterThanOrEqual(2);
    const image = /^ARG NODE_IMAGE=(\S+)$/m.exec(readText('Dockerfile'))?.[1] ?? '';
    const major = Number(/^node:(\d+)/.exec(image)?.[1]);
    // Even majors are the LTS lines; 20 reached its end of life in April 2026.
    expect(major % 2, image).toBe(0);
    expect(major).toBeGreaterThanOrEqual(22);
    expect(
      instructions.filter((i) => i.keyword === 'FROM').every((i) => /^\$\{NODE_IMAGE\}/.test(i.args)),
    ).toBe(true);
  });

  it('compiles with npm run build and runs the compiled JavaScript, not tsx', () => {
    expect(stages.get('build')?.some((i) => i.keyword === 'RUN' && i.args.includes('npm run build'))).toBe(
      true,
    );
    const entrypoint = JSON.parse(runtime.find((i) => i.keyword === 'ENTRYPOINT')?.args ?? '[]') as string[];
    expect(entrypoint).toEqual(['node', 'dist/cli.js']);
    // dist/cli.js is the bundle bin/build-server.mjs makes of src/cli.ts (bin/server-bundle.mjs).
    expect(existsSync(join(ROOT, 'src/cli.ts'))).toBe(true);
    expect(ENTRY_POINTS).toMatchObject({ cli: 'src/cli.ts', main: 'src/main.ts' });
    expect(
      runtime.some((i) => i.keyword === 'COPY' && /--from=build\b.*\/app\/dist \.\/dist/.test(i.args)),
    ).toBe(true);
    expect(
      runtime.some(
        (i) => i.keyword === 'COPY' && i.args.includes('--from=deps') && i.args.includes('node_modules'),
      ),
    ).toBe(true);
  });

  it('runs as a non-root user with a health check on /healthz', () => {
    const user = runtime.filter((i) => i.keyword === 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    const healthcheck = runtime.find((i) => i.keyword === 'HEALTHCHECK')?.args ?? '';
    expect(healthcheck).toContain('/healthz');
    expect(healthcheck).toMatch(/METRICS_PORT.*PORT/);
  });

  it('copies only files that exist in the build context and are not ignored', () => {
    const copies = instructions.filter((i) => i.keyword === 'COPY' && !i.args.includes('--from='));
    expect(copies.length).toBeGreaterThan(0);
    for (const { args } of copies) {
      const paths = args.split(/\s+/).filter((part) => !part.startsWith('--'));
      for (const source of paths.slice(0, -1)) {
        if (source === '.') continue;
        expect(existsSync(join(ROOT, source)), source).toBe(true);
        expect(ignored, source).not.toContain(source);
      }
    }
    // The context leaves out what the build must not see or need.
    for (const path of ['node_modules', '.git', 'dist', 'data', '.env']) expect(ignored).toContain(path);
  });
});
