import { type Carrier, DEFAULT_STATUS_MAPPING } from '../domain/carrier.ts';

/**
 * The demo carrier embedded mode seeds (DESIGN.md). Its secret is public on purpose — the
 * README signs a webhook with it — so it is for demo data only, never a real deployment.
 */
export const DEMO_CARRIER_SECRET = 'whsec_b3JkZXJmbG93LWRlbW8tY2Fycmllci1zaWduaW5nISE=';

export const demoCarrier = (at: string): Carrier => ({
  carrier_id: 'demo',
  display_name: 'Demo Express',
  secrets: [{ secret_id: 'demo-secret-1', secret: DEMO_CARRIER_SECRET, created_at: at }],
  status_mapping: DEFAULT_STATUS_MAPPING,
  created_at: at,
  updated_at: at,
});
