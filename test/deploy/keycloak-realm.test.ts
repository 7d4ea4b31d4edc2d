import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createTokenVerifier } from '../../src/adapters/http/auth/token-verifier.ts';
import { loadConfig } from '../../src/config.ts';
import { ROLES } from '../../src/contexts/identity/index.ts';
import { readText } from './deploy-files.ts';

// deploy/keycloak/orderflow-realm.json is what a real Keycloak imports (compose.yaml does):
// its clients and mappers must produce the tokens orderflow's verifier accepts.
interface Mapper {
  name: string;
  protocolMapper: string;
  config: Record<string, string>;
}
interface Client {
  clientId: string;
  publicClient?: boolean;
  bearerOnly?: boolean;
  standardFlowEnabled?: boolean;
  implicitFlowEnabled?: boolean;
  directAccessGrantsEnabled?: boolean;
  redirectUris?: string[];
  webOrigins?: string[];
  attributes?: Record<string, string>;
  protocolMappers?: Mapper[];
}
interface Realm {
  realm: string;
  enabled: boolean;
  roles: { realm: { name: string; composite?: boolean; composites?: { realm?: string[] } }[] };
  defaultRole: { name: string };
  clients: Client[];
}

const realm = JSON.parse(readText('deploy/keycloak/orderflow-realm.json')) as Realm;
const client = (id: string): Client => {
  const found = realm.clients.find((candidate) => candidate.clientId === id);
  if (!found) throw new Error(`no client ${id} in the realm export`);
  return found;
};
const mapper = (of: Client, type: string): Mapper | undefined =>
  of.protocolMappers?.find((candidate) => candidate.protocolMapper === type);
const { audience } = loadConfig({}).oidc;

describe('Keycloak realm export (deploy/keycloak/orderflow-realm.json)', () => {
  it('is the enabled realm orderflow with the four roles, new users being buyers', () => {
    expect(realm.realm).toBe('orderflow');
    expect(realm.enabled).toBe(true);
    const names = realm.roles.realm.map((role) => role.name);
    expect(names).toEqual(expect.arrayContaining([...ROLES]));
    const defaults = realm.roles.realm.find((role) => role.name === realm.defaultRole.name);
    expect(defaults?.composites?.realm).toContain('buyer');
    expect(defaults?.composites?.realm).not.toContain('admin');
  });

  it('has the public web client with the code flow and PKCE S256, no implicit flow, no password grant', () => {
    const web = client('orderflow-web');
    expect(web.publicClient).toBe(true);
    expect(web.standardFlowEnabled).toBe(true);
    expect(web.implicitFlowEnabled).toBe(false);
    // A public client that takes passwords is a phishing form's best friend (OAuth 2.0 Security BCP).
    expect(web.directAccessGrantsEnabled).toBe(false);
    expect(web.attributes?.['pkce.code.challenge.method']).toBe('S256');
    expect(web.redirectUris).toContain('http://localhost:3000/*');
    expect(web.redirectUris?.every((uri) => uri !== '*' && /^https?:\/\/[^*]+\/\*?/.test(uri))).toBe(true);
  });

  it('puts the API audience (OIDC_AUDIENCE) and realm_access.roles into access tokens', () => {
    const api = client(audience);
    expect(api.bearerOnly).toBe(true);
    expect(api.publicClient).toBe(false);
    for (const of of [client('orderflow-web'), api]) {
      const audienceMapper = mapper(of, 'oidc-audience-mapper');
      expect(audienceMapper?.config['included.client.audience'], of.clientId).toBe(audience);
      expect(audienceMapper?.config['access.token.claim'], of.clientId).toBe('true');
    }
    const roles = mapper(client('orderflow-web'), 'oidc-usermodel-realm-role-mapper');
    expect(roles?.config).toMatchObject({
      'claim.name': 'realm_access.roles',
      multivalued: 'true',
      'access.token.claim': 'true',
    });
  });

  it('yields tokens that the API verifier accepts, with the roles mapped', async () => {
    // A token shaped by the export's mappers as Keycloak issues it (Keycloak's own claims too).
    const issuer = `https://id.example.com/realms/${realm.realm}`;
    const web = client('orderflow-web');
    const aud = mapper(web, 'oidc-audience-mapper')?.config['included.client.audience'] as string;
    const claim = String(mapper(web, 'oidc-usermodel-realm-role-mapper')?.config['claim.name']).split('.');
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'kc-1', alg: 'RS256' };
    const roles = ['default-roles-orderflow', 'offline_access', 'kitchen'];
    const nested = claim.reduceRight<unknown>((value, key) => ({ [key]: value }), roles) as Record<
      string,
      unknown
    >;
    const token = await new SignJWT({
      ...nested,
      typ: 'Bearer',
      azp: web.clientId,
      preferred_username: 'kim',
      scope: 'openid profile email',
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'kc-1', typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience([aud, 'account'])
      .setSubject('5b4e2a9c-0000-4000-8000-000000000001')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    const verifier = createTokenVerifier({ issuer, audience, jwks: createLocalJWKSet({ keys: [jwk] }) });
    await expect(verifier.verify(token)).resolves.toMatchObject({
      userId: '5b4e2a9c-0000-4000-8000-000000000001',
      username: 'kim',
      roles: ['kitchen'],
    });
  });
});
