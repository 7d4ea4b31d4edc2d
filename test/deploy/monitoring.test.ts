import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { Deployment } from 'kubernetes-models/apps/v1';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { GENERATED, generateMonitoringConfigMaps } from '../../scripts/generate-k8s-monitoring.ts';
import { DEPLOYED_ROLES, isRecord, ROOT, readText, readYaml, readYamlDocuments } from './deploy-files.ts';

// Prometheus and Grafana as deployed with compose.yaml and deploy/k8s/monitoring. No
// container runs here: every PromQL expression is parsed by Prometheus' own grammar
// (@prometheus-io/lezer-promql), the Prometheus configurations are checked by `promtool check
// config` in .ci/run (Debian's prometheus package), the manifests against the Kubernetes schema.
// biome-ignore lint/suspicious/noExplicitAny: configuration files are free-form YAML, checked field by field
type Doc = Record<string, any>;

/** Syntax errors in a PromQL expression, after Grafana's own variables are given values. */
const promqlErrors = (expression: string): string[] => {
  const promql = expression
    .replace(/\$__(rate_interval|interval|range)\b/g, '5m')
    .replace(/\$\{?(\w+)\}?/g, '.*');
  const errors: string[] = [];
  parser.parse(promql).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(`${expression} at ${node.from}`);
    },
  });
  return errors;
};

const alerts = readYaml('deploy/prometheus/alerts.yml') as Doc;
const rules = (alerts.groups as Doc[]).flatMap((group) => group.rules as Doc[]);
const dashboard = JSON.parse(readText('deploy/grafana/orderflow-dashboard.json')) as Doc;
const dashboardQueries = [
  ...(dashboard.panels as Doc[]).flatMap((panel) => (panel.targets ?? []).map((t: Doc) => t.expr as string)),
];
const compose = readYaml('compose.yaml') as Doc;
const METRICS_PORT = Number(compose.services.api.environment.METRICS_PORT);
// biome-ignore lint/suspicious/noTemplateCurlyInString: Compose's interpolation, not a template literal
const TOKEN_FROM_ENVIRONMENT = '${METRICS_TOKEN:-}';

describe('alert rules and dashboard queries', () => {
  it('are PromQL that Prometheus parses', () => {
    expect(rules.length).toBeGreaterThan(5);
    expect(dashboardQueries.length).toBeGreaterThan(5);
    for (const rule of rules) expect(promqlErrors(rule.expr), rule.alert).toEqual([]);
    for (const query of dashboardQueries) expect(promqlErrors(query)).toEqual([]);
  });

  it('the parse can fail: an unclosed call, a bad range', () => {
    expect(promqlErrors('sum(rate(orderflow_http_requests_total[5m])')).not.toEqual([]);
    expect(promqlErrors('rate(orderflow_http_requests_total[five minutes])')).not.toEqual([]);
  });
});

describe('Prometheus and Grafana in compose.yaml', () => {
  const prometheus = readYaml('deploy/prometheus/prometheus.yml') as Doc;
  const job = (prometheus.scrape_configs as Doc[]).find((config) => config.job_name === 'orderflow')!;

  it('scrape /metrics of every role on METRICS_PORT, with the METRICS_TOKEN as bearer token', () => {
    expect(job.metrics_path).toBe('/metrics');
    const [dns] = job.dns_sd_configs as Doc[];
    expect(new Set(dns!.names)).toEqual(new Set(DEPLOYED_ROLES));
    for (const role of DEPLOYED_ROLES) {
      expect(compose.services[role].environment.METRICS_PORT, role).toBe(String(METRICS_PORT));
      expect(compose.services[role].environment.METRICS_HOST, role).toBe('0.0.0.0');
      expect(compose.services[role].environment.METRICS_TOKEN, role).toBe(TOKEN_FROM_ENVIRONMENT);
    }
    expect(dns!.port).toBe(METRICS_PORT);
    const service = compose.services.prometheus;
    expect(service.environment.METRICS_TOKEN).toBe(TOKEN_FROM_ENVIRONMENT);
    expect(service.command.join(' ')).toContain(`> ${job.authorization.credentials_file}`);
    expect(service.command.join(' ')).toContain('--config.file=/etc/prometheus/prometheus.yml');
  });

  it('load the alert rules and provision the dashboard with Prometheus as its data source', () => {
    const volumes = compose.services.prometheus.volumes as string[];
    expect(volumes).toContain('./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro');
    // rule_files are relative to the configuration file: alerts.yml beside it.
    expect(prometheus.rule_files).toEqual(['alerts.yml']);
    expect(volumes).toContain('./deploy/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro');
    const grafana = compose.services.grafana.volumes as string[];
    const provider = (readYaml('deploy/grafana/provisioning/dashboards/orderflow.yml') as Doc).providers[0];
    expect(grafana).toContain('./deploy/grafana/provisioning:/etc/grafana/provisioning:ro');
    expect(grafana).toContain(
      `./deploy/grafana/orderflow-dashboard.json:${provider.options.path}/orderflow-dashboard.json:ro`,
    );
    const datasource = (readYaml('deploy/grafana/provisioning/datasources/prometheus.yml') as Doc)
      .datasources[0];
    expect(datasource).toMatchObject({ type: 'prometheus', url: 'http://prometheus:9090', isDefault: true });
    expect(compose.services.prometheus.ports).toEqual(['127.0.0.1:9090:9090']);
    // The dashboard's data source variable takes whichever Prometheus data source exists.
    expect(dashboard.templating.list.find((v: Doc) => v.type === 'datasource')?.query).toBe('prometheus');
  });
});

describe('Prometheus and Grafana in Kubernetes (deploy/k8s/monitoring)', () => {
  const DIR = 'deploy/k8s/monitoring';
  const files = readdirSync(join(ROOT, DIR)).filter((file) => file !== 'kustomization.yaml');
  const manifests = files.flatMap((file) => readYamlDocuments(join(DIR, file))) as Doc[];
  const named = (kind: string, name: string) =>
    manifests.find((m) => m.kind === kind && m.metadata.name === name) as Doc;
  const roleDeployments = readYamlDocuments('deploy/k8s/deployments.yaml') as Doc[];

  it('are listed in their kustomization and valid against the Kubernetes API schema', () => {
    const kustomization = readYaml(join(DIR, 'kustomization.yaml')) as { resources: string[] };
    expect([...kustomization.resources].sort()).toEqual([...files].sort());
    const models: Record<string, new (data: never) => { validate(): void }> = {
      Deployment,
      Service,
      ConfigMap,
      Secret,
    };
    for (const manifest of manifests) {
      const Model = models[manifest.kind];
      expect(Model, manifest.kind).toBeDefined();
      expect(() => new (Model as NonNullable<typeof Model>)(manifest as never).validate()).not.toThrow();
      expect(manifest.metadata.namespace).toBe('orderflow');
    }
  });

  it('carry deploy/prometheus and deploy/grafana unchanged (generated.yaml is up to date)', () => {
    expect(readText(GENERATED)).toBe(generateMonitoringConfigMaps());
    expect(named('ConfigMap', 'prometheus-rules').data['alerts.yml']).toBe(
      readText('deploy/prometheus/alerts.yml'),
    );
  });

  it('scrape every role through a headless Service on its metrics port, with the METRICS_TOKEN', () => {
    const config = readYaml('deploy/prometheus/prometheus-kubernetes.yml') as Doc;
    const job = (config.scrape_configs as Doc[])[0]!;
    const [dns] = job.dns_sd_configs as Doc[];
    for (const role of DEPLOYED_ROLES) {
      const service = named('Service', `orderflow-${role}-metrics`);
      expect(service, role).toBeDefined();
      expect(service.spec.clusterIP).toBe('None');
      expect(dns!.names).toContain(`${service.metadata.name}.orderflow.svc`);
      const deployment = roleDeployments.find(
        (d) => d.metadata.labels['app.kubernetes.io/component'] === role,
      )!;
      expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
      const port = deployment.spec.template.spec.containers[0].ports.find(
        (p: Doc) => p.name === service.spec.ports[0].targetPort,
      );
      expect(port?.containerPort, role).toBe(dns!.port);
    }
    const prometheus = named('Deployment', 'prometheus').spec.template.spec;
    const mountOf = (volume: string) =>
      prometheus.containers[0].volumeMounts.find((m: Doc) => m.name === volume).mountPath;
    const token = prometheus.volumes.find((v: Doc) => v.name === 'metrics-token').secret;
    expect(token.secretName).toBe('orderflow-secrets');
    expect(`${mountOf('metrics-token')}/${token.items[0].path}`).toBe(job.authorization.credentials_file);
    expect(token.items[0].key).toBe('METRICS_TOKEN');
    expect(`${mountOf('rules')}/alerts.yml`).toBe(config.rule_files[0]);
    expect(prometheus.containers[0].args).toContain(`--config.file=${mountOf('config')}/prometheus.yml`);
  });

  it('give Grafana the data source, the dashboard provider and the dashboard where it looks', () => {
    const grafana = named('Deployment', 'grafana').spec.template.spec;
    const mountOf = (volume: string) =>
      grafana.containers[0].volumeMounts.find((m: Doc) => m.name === volume).mountPath;
    const configMapOf = (volume: string) =>
      named('ConfigMap', grafana.volumes.find((v: Doc) => v.name === volume).configMap.name);
    expect(mountOf('datasources')).toBe('/etc/grafana/provisioning/datasources');
    expect(mountOf('dashboard-providers')).toBe('/etc/grafana/provisioning/dashboards');
    const provider = (readYaml('deploy/grafana/provisioning/dashboards/orderflow.yml') as Doc).providers[0];
    expect(mountOf('dashboards')).toBe(provider.options.path);
    expect(JSON.parse(configMapOf('dashboards').data['orderflow-dashboard.json'])).toEqual(dashboard);
    expect(named('Service', 'prometheus').spec.ports[0].port).toBe(9090);
    expect(isRecord(configMapOf('datasources').data)).toBe(true);
  });
});
