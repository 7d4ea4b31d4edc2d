import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The dependency rules (.dependency-cruiser.cjs) and the lint rules (biome.json) must keep
 * refusing what STYLE.md forbids. Each case plants one violation, in its own new file, in a
 * copy of src/; the checkers run once over the copy, and every planted file must be reported
 * under the rule named here. Allowed imports are planted too and must pass, so a rule cannot
 * be "fixed" by forbidding everything either.
 */

const ROOT = join(import.meta.dirname, '..', '..');

/** A module of `dir` (relative to src/) that is not a test, so the cases survive renames. */
function someModule(dir: string): string {
  const file = readdirSync(join(ROOT, 'src', dir))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort()[0];
  if (!file) throw new Error(`no module in src/${dir}`);
  return `src/${dir}/${file}`;
}

interface Plant {
  /** Where the planted file goes, relative to the copy's root. */
  file: string;
  /** Source of the planted file; `$(path)` becomes a relative import specifier of that src file. */
  source: string;
}

interface Case extends Plant {
  /** The rule that must report the planted file; `undefined` when the plant is allowed. */
  rule: string | undefined;
  /** A second file the violation needs (the other end of a cycle); not checked itself. */
  also?: Plant;
}

const specifier = (from: string, to: string) => {
  const path = relative(dirname(from), to);
  return path.startsWith('.') ? path : `./${path}`;
};

const ORDERING_DOMAIN = () => someModule('contexts/ordering/domain');
const IDENTITY_DOMAIN = () => someModule('contexts/identity/domain');

const dependencyCases = (): Case[] => [
  {
    rule: 'domain-is-pure',
    file: 'src/contexts/ordering/domain/planted-ports.ts',
    source: `import type { RequestContext } from '$(src/contexts/ordering/application/ports.ts)';\nexport type Planted = RequestContext;\n`,
  },
  {
    rule: 'domain-is-pure',
    file: 'src/contexts/billing/domain/planted-other-domain.ts',
    source: `import * as other from '$(${ORDERING_DOMAIN()})';\nexport const planted = other;\n`,
  },
  {
    rule: 'domain-no-node-or-npm',
    file: 'src/contexts/catalog/domain/planted-node.ts',
    source: `import { readFileSync } from 'node:fs';\nexport const planted = readFileSync;\n`,
  },
  {
    rule: 'shared-is-a-leaf',
    file: 'src/shared/planted-context.ts',
    source: `import * as identity from '$(${IDENTITY_DOMAIN()})';\nexport const planted = identity;\n`,
  },
  {
    rule: 'shared-is-a-leaf',
    file: 'src/shared/planted-read-model.ts',
    source: `import type * as view from '$(src/read-model/order-info/order-summary.ts)';\nexport type Planted = typeof view;\n`,
  },
  {
    rule: 'contexts-through-index',
    file: 'src/contexts/billing/application/planted-other-context.ts',
    source: `import * as ordering from '$(${ORDERING_DOMAIN()})';\nexport const planted = ordering;\n`,
  },
  {
    rule: 'outside-reaches-contexts-through-index',
    file: 'src/read-model/order-info/planted-domain.ts',
    source: `import type * as order from '$(${ORDERING_DOMAIN()})';\nexport type Planted = typeof order;\n`,
  },
  {
    rule: 'outside-reaches-contexts-through-index',
    file: 'src/adapters/http/planted-domain.ts',
    source: `import * as order from '$(${ORDERING_DOMAIN()})';\nexport const planted = order;\n`,
  },
  {
    rule: 'adapters-not-to-each-other',
    file: 'src/adapters/http/planted-storage.ts',
    source: `import type { PostgresStorage } from '$(src/adapters/storage/postgres-storage.ts)';\nexport type Planted = PostgresStorage;\n`,
  },
  {
    rule: 'core-without-infrastructure',
    file: 'src/contexts/ordering/application/planted-kysely.ts',
    source: `import type { Kysely } from 'kysely';\nexport type Planted = Kysely<unknown>;\n`,
  },
  {
    rule: 'core-without-infrastructure',
    file: 'src/contexts/catalog/application/planted-fastify.ts',
    source: `import Fastify from 'fastify';\nexport const planted = Fastify;\n`,
  },
  {
    rule: 'core-without-infrastructure',
    file: 'src/read-model/order-info/planted-pg.ts',
    source: `import pg from 'pg';\nexport const planted = pg;\n`,
  },
  {
    rule: 'core-without-infrastructure',
    file: 'src/contexts/identity/application/planted-jose.ts',
    source: `import { jwtVerify } from 'jose';\nexport const planted = jwtVerify;\n`,
  },
  {
    rule: 'core-without-infrastructure',
    file: 'src/shared/planted-pino.ts',
    source: `import type { Logger } from 'pino';\nexport type Planted = Logger;\n`,
  },
  {
    rule: 'core-without-infrastructure',
    file: 'src/contexts/billing/application/planted-net.ts',
    source: `import { createConnection } from 'node:net';\nexport const planted = createConnection;\n`,
  },
  {
    rule: 'core-not-to-adapters',
    file: 'src/contexts/ordering/application/planted-adapter.ts',
    source: `import type { OutboxRelay } from '$(src/adapters/outbox/outbox-relay.ts)';\nexport type Planted = OutboxRelay;\n`,
  },
  {
    rule: 'only-main-reads-config',
    file: 'src/adapters/bus/planted-config.ts',
    source: `import type { Config } from '$(src/config.ts)';\nexport type Planted = Config;\n`,
  },
  {
    rule: 'only-composition-wires',
    file: 'src/adapters/http/planted-composition.ts',
    source: `import * as services from '$(src/composition/services.ts)';\nexport const planted = services;\n`,
  },
  {
    rule: 'no-circular',
    file: 'src/read-model/planted-cycle-a.ts',
    source: `import { b } from './planted-cycle-b.ts';\nexport const a = () => b;\n`,
    also: {
      file: 'src/read-model/planted-cycle-b.ts',
      source: `import { a } from './planted-cycle-a.ts';\nexport const b = 1;\nexport const again = () => a;\n`,
    },
  },
  {
    rule: 'web-only-over-http',
    file: 'web/src/planted-server-import.ts',
    source: `import { ERROR_CATALOGUE } from '$(src/shared/errors.ts)';\nexport const planted = ERROR_CATALOGUE;\n`,
  },
  // Allowed: the same kinds of import done the way STYLE.md asks.
  {
    rule: undefined,
    file: 'web/src/planted-allowed.ts',
    source: `import { formatMoney } from '$(web/src/lib/money.ts)';\nexport const planted = formatMoney;\n`,
  },
  {
    rule: undefined,
    file: 'src/adapters/http/planted-allowed.ts',
    source: `import type { OrderingStores } from '$(src/contexts/ordering/index.ts)';\nimport type { EventStore } from '$(src/shared/ports/event-store.ts)';\nexport type Planted = OrderingStores | EventStore;\n`,
  },
  {
    rule: undefined,
    file: 'src/contexts/billing/application/planted-allowed.ts',
    source: `import type { RequestContext } from '$(src/contexts/ordering/index.ts)';\nimport type { Wallet } from '$(src/contexts/billing/domain/wallet.ts)';\nimport type { DomainError } from '$(src/shared/errors.ts)';\nexport type Planted = RequestContext | Wallet | DomainError;\n`,
  },
  {
    rule: undefined,
    file: 'src/contexts/ordering/domain/planted-allowed.ts',
    source: `import type { DomainError } from '$(src/shared/errors.ts)';\nimport * as own from '$(${ORDERING_DOMAIN()})';\nexport const planted = own;\nexport type Planted = DomainError;\n`,
  },
];

const lintCases = (): Case[] => [
  ...['Date.now()', 'new Date()', 'Math.random()', 'performance.now()', 'crypto.randomUUID()', 'Date()'].map(
    (call, i) => ({
      rule: 'plugin',
      file: `src/contexts/ordering/domain/planted-clock-${i}.ts`,
      source: `export const planted = () => ${call};\n`,
    }),
  ),
  {
    rule: 'lint/style/useFilenamingConvention',
    file: 'src/contexts/ordering/application/plantedCamelCase.ts',
    source: 'export const planted = 1;\n',
  },
  {
    rule: 'lint/style/useFilenamingConvention',
    file: 'src/adapters/http/Planted_Routes.ts',
    source: 'export const planted = 1;\n',
  },
  // Allowed: a given instant parsed in the domain; the clock read in application code.
  {
    rule: undefined,
    file: 'src/contexts/ordering/domain/planted-parse.ts',
    source: 'export const planted = (at: string) => new Date(at).getTime();\n',
  },
  {
    rule: undefined,
    file: 'src/contexts/ordering/application/planted-clock.ts',
    source: 'export const planted = () => Date.now();\n',
  },
];

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', command), args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return result;
}

describe('architecture rules refuse planted violations', () => {
  let copy: string;
  const dependencies = dependencyCases();
  const lints = lintCases();

  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'orderflow-rules-'));
    cpSync(join(ROOT, 'src'), join(copy, 'src'), { recursive: true });
    cpSync(join(ROOT, 'lint'), join(copy, 'lint'), { recursive: true });
    cpSync(join(ROOT, 'web', 'src'), join(copy, 'web', 'src'), { recursive: true });
    for (const file of ['tsconfig.json', '.dependency-cruiser.cjs', 'biome.json', 'package.json'])
      cpSync(join(ROOT, file), join(copy, file));
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
    for (const plant of [...dependencies, ...lints].flatMap((c) => (c.also ? [c, c.also] : [c]))) {
      const source = plant.source.replace(/\$\(([^)]+)\)/g, (_, to: string) => specifier(plant.file, to));
      writeFileSync(join(copy, plant.file), source);
    }
  });
  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it('dependency-cruiser reports each planted import under its rule, and fails', () => {
    // The same command and output as `npm run deps`: its exit code is what fails the gate.
    const result = run('depcruise', ['src', 'web/src', '--config', '.dependency-cruiser.cjs'], copy);
    expect(result.status, result.stdout + result.stderr).not.toBe(0);
    const violations = [...result.stdout.matchAll(/^\s*error ([\w-]+): (\S+) →/gm)].map(([, rule, from]) => ({
      rule: rule!,
      from: from!,
    }));
    const reported = (file: string) => violations.filter((v) => v.from === file).map((v) => v.rule);
    for (const plant of dependencies) {
      if (plant.rule === undefined) expect(reported(plant.file), plant.file).toEqual([]);
      else expect(reported(plant.file), plant.file).toContain(plant.rule);
    }
    // Only planted files are reported: the real tree keeps the rules.
    expect(violations.filter((v) => !v.from.includes('planted'))).toEqual([]);
  });

  it('Biome reports each planted clock read and file name, and fails', () => {
    const result = run(
      'biome',
      ['lint', '--vcs-enabled=false', '--reporter=json', '--max-diagnostics=none', 'src'],
      copy,
    );
    expect(result.status).not.toBe(0);
    const { diagnostics } = JSON.parse(result.stdout) as {
      diagnostics: { category: string; severity: string; location: { path: { file: string } | string } }[];
    };
    const fileOf = (d: (typeof diagnostics)[number]) =>
      typeof d.location.path === 'string' ? d.location.path : d.location.path.file;
    const reported = (file: string) =>
      diagnostics.filter((d) => fileOf(d).endsWith(file) && d.severity === 'error').map((d) => d.category);
    for (const plant of lints) {
      if (plant.rule === undefined) expect(reported(plant.file), plant.file).toEqual([]);
      else expect(reported(plant.file), plant.file).toContain(plant.rule);
    }
    expect(diagnostics.every((d) => fileOf(d).includes('lanted'))).toBe(true);
  });
});
