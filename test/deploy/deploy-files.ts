import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { PROCESS_ROLES } from '../../src/config.ts';

/** The repository root (the tests run from it). */
export const ROOT = join(import.meta.dirname, '..', '..');

export const readText = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

/** One YAML document, with `<<` merge keys resolved as Compose resolves them. */
export const readYaml = (path: string): unknown => parseYaml(readText(path), { merge: true });

/** Every document of a multi-document YAML file (Kubernetes manifests). */
export const readYamlDocuments = (path: string): Record<string, unknown>[] =>
  parseAllDocuments(readText(path)).flatMap((document) => {
    if (document.errors.length > 0) throw new Error(`${path}: ${document.errors[0]?.message}`);
    const value = document.toJS() as Record<string, unknown> | null;
    return value === null ? [] : [value];
  });

/**
 * The process roles a deployment runs, one service or Deployment each: the roles this build
 * knows plus those issue 13 splits out (fulfilment, notifications, hub), which the deployment
 * files name ahead of the build that knows them.
 */
export const DEPLOYED_ROLES: readonly string[] = [
  ...new Set([...PROCESS_ROLES, 'fulfilment', 'notifications', 'hub']),
];

/** Variables the platform reads rather than orderflow's config. */
const PLATFORM_VARIABLES = new Set(['NODE_ENV', 'NODE_OPTIONS']);

/** The environment variables src/config.ts reads (every setting the README documents). */
export const configVariables = (): Set<string> => {
  const source = readText('src/config.ts');
  const names = new Set<string>(PLATFORM_VARIABLES);
  for (const match of source.matchAll(/env\.([A-Z][A-Z0-9_]+)|'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)) {
    names.add((match[1] ?? match[2]) as string);
  }
  for (const single of ['PORT', 'HOST', 'ROLES']) if (source.includes(single)) names.add(single);
  return names;
};

/** `${NAME:-default}` as Compose interpolates it, from an empty environment. */
export const interpolate = (value: string): string =>
  value.replace(
    /\$\{([A-Z_][A-Z0-9_]*)(?::-([^}]*))?\}/g,
    (_all, _name, fallback: string | undefined) => fallback ?? '',
  );

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
