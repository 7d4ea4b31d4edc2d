import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { configVariables, DEPLOYED_ROLES, ROOT, readYaml, readYamlDocuments } from './deploy-files.ts';

// No cluster here: each manifest is validated against the Kubernetes OpenAPI schema (the
// kubernetes-models package, generated from it), then checked for what orderflow needs.
const DIR = 'deploy/k8s';
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
};

// biome-ignore lint/suspicious/noExplicitAny: manifests are free-form YAML, checked field by field below
type Manifest = Record<string, any>;
// Prometheus and Grafana live in monitoring/ (test/deploy/monitoring.test.ts).
const files = readdirSync(join(ROOT, DIR)).filter(
  (file) => file.endsWith('.yaml') && file !== 'kustomization.yaml',
);
const manifests: Manifest[] = files.flatMap((file) => readYamlDocuments(join(DIR, file)));
const ofKind = (kind: string) => manifests.filter((manifest) => manifest.kind === kind);
const deployments = ofKind('Deployment');
const roleOf = (deployment: Manifest): string => deployment.metadata.labels['app.kubernetes.io/component'];
const containerOf = (deployment: Manifest): Manifest => deployment.spec.template.spec.containers[0];

describe('Kubernetes manifests (deploy/k8s)', () => {
  it('are all listed in kustomization.yaml', () => {
    const kustomization = readYaml(join(DIR, 'kustomization.yaml')) as { resources: string[] };
    expect([...kustomization.resources].sort()).toEqual([...files, 'monitoring'].sort());
  });

  it('are valid against the Kubernetes API schema', () => {
    expect(manifests.length).toBeGreaterThan(10);
    for (const manifest of manifests) {
      const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
      expect(Model, `${manifest.apiVersion} ${manifest.kind}`).toBeDefined();
      expect(() => new (Model as NonNullable<typeof Model>)(manifest as never).validate()).not.toThrow();
      expect(manifest.metadata.namespace ?? 'orderflow').toBe('orderflow');
    }
  });

  it('the schema check can fail: a port that is not a number is refused', () => {
    const broken = structuredClone(deployments[0]) as Manifest;
    containerOf(broken).ports[0].containerPort = 'three thousand';
    expect(() => new Deployment(broken as never).validate()).toThrow(/containerPort/);
  });

  it('run one Deployment per role, non-root, with probes on /healthz and /readyz and resources', () => {
    expect(new Set(deployments.map(roleOf))).toEqual(new Set(DEPLOYED_ROLES));
    for (const deployment of deployments) {
      const role = roleOf(deployment);
      const container = containerOf(deployment);
      const env = Object.fromEntries(container.env.map((entry: Manifest) => [entry.name, entry.value]));
      expect(env.ROLES, role).toBe(role);
      const ports = new Set(container.ports.map((port: Manifest) => port.name));
      expect(container.livenessProbe.httpGet.path, role).toBe('/healthz');
      expect(container.readinessProbe.httpGet.path, role).toBe('/readyz');
      expect(container.startupProbe.httpGet.path, role).toBe('/healthz');
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        expect(ports.has(container[probe].httpGet.port), `${role} ${probe}`).toBe(true);
      }
      expect(Object.keys(container.resources.requests).sort(), role).toEqual(['cpu', 'memory']);
      expect(Object.keys(container.resources.limits).sort(), role).toEqual(['cpu', 'memory']);
      expect(deployment.spec.template.spec.securityContext.runAsNonRoot, role).toBe(true);
      expect(container.securityContext.allowPrivilegeEscalation, role).toBe(false);
      expect(deployment.spec.selector.matchLabels).toEqual({
        'app.kubernetes.io/name': 'orderflow',
        'app.kubernetes.io/component': role,
      });
      expect(deployment.spec.template.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
    }
  });

  it('give every role a PodDisruptionBudget, and autoscale the API and the hub', () => {
    const budgets = ofKind('PodDisruptionBudget');
    for (const deployment of deployments) {
      const budget = budgets.find(
        (pdb) => pdb.spec.selector.matchLabels['app.kubernetes.io/component'] === roleOf(deployment),
      );
      expect(budget, roleOf(deployment)).toBeDefined();
      expect(budget?.spec.minAvailable).toBeLessThan(deployment.spec.replicas);
    }
    const autoscaled = ofKind('HorizontalPodAutoscaler').map((hpa) => {
      const target = deployments.find(
        (deployment) => deployment.metadata.name === hpa.spec.scaleTargetRef.name,
      );
      expect(target, hpa.metadata.name).toBeDefined();
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
      return roleOf(target as Manifest);
    });
    expect(autoscaled.sort()).toEqual(['api', 'hub']);
  });

  it('route the ingress over TLS to services that select running pods on declared ports', () => {
    const [ingress] = ofKind('Ingress');
    expect(ingress?.spec.tls[0].secretName).toBeTruthy();
    const hosts = ingress?.spec.rules.map((rule: Manifest) => rule.host);
    expect(ingress?.spec.tls[0].hosts).toEqual(hosts);
    const services = ofKind('Service');
    const backends = ingress?.spec.rules.flatMap((rule: Manifest) => rule.http.paths) as Manifest[];
    expect(backends.find((path) => path.path === '/api/v1/updates')?.backend.service.name).toBe(
      'orderflow-hub',
    );
    for (const { backend } of backends) {
      const service = services.find((candidate) => candidate.metadata.name === backend.service.name);
      expect(service, backend.service.name).toBeDefined();
      expect(service?.spec.ports.map((port: Manifest) => port.name)).toContain(backend.service.port.name);
      const pods = deployments.filter((deployment) =>
        Object.entries(service?.spec.selector ?? {}).every(
          ([label, value]) => deployment.spec.template.metadata.labels[label] === value,
        ),
      );
      expect(pods, backend.service.name).toHaveLength(1);
      const targetPort = service?.spec.ports[0].targetPort;
      expect(containerOf(pods[0] as Manifest).ports.map((port: Manifest) => port.name)).toContain(targetPort);
    }
  });

  it('configure orderflow only with settings it knows, and ones it accepts', () => {
    const [configMap] = ofKind('ConfigMap');
    const [secret] = ofKind('Secret');
    const env = { ...configMap?.data, ...secret?.stringData } as Record<string, string>;
    const known = configVariables();
    expect(Object.keys(env).filter((variable) => !known.has(variable))).toEqual([]);
    for (const deployment of deployments) {
      for (const entry of containerOf(deployment).env) expect(known.has(entry.name), entry.name).toBe(true);
      const refs = containerOf(deployment).envFrom.map(
        (from: Manifest) => from.configMapRef?.name ?? from.secretRef?.name,
      );
      expect(refs.sort()).toEqual([configMap?.metadata.name, secret?.metadata.name].sort());
    }
    let config: ReturnType<typeof loadConfig>;
    try {
      config = loadConfig(env);
    } catch (error) {
      throw new Error(error instanceof ConfigError ? error.message : String(error));
    }
    expect(config.oidc.issuer).toMatch(/\/realms\/orderflow$/);
    expect(config.http.metrics.host).toBe('0.0.0.0');
    expect(config.http.trustProxy).toBe(true);
    expect(config.demoData).toBe(false);
  });

  it('migrate with a Job before the roles start', () => {
    const [job] = ofKind('Job');
    expect(job?.spec.template.spec.containers[0].args).toEqual(['migrate']);
    expect(job?.spec.template.spec.containers[0].image).toBe(containerOf(deployments[0] as Manifest).image);
  });
});
