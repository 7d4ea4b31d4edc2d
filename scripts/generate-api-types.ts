/**
 * Writes web/src/api/schema.d.ts from the OpenAPI document of an embedded server started here
 * (in a temporary data directory, no network): `npm run generate:api`. The browser test
 * fails when the committed file is not what this writes.
 */
import { writeFile } from 'node:fs/promises';
import { API_TYPES_FILE, apiTypesFor } from '../test/support/api-types.ts';
import { startTestServer } from '../test/support/orderflow-server.ts';

const server = await startTestServer({ DEMO_DATA: 'false' });
try {
  const response = await server.running.app!.inject({ method: 'GET', url: '/openapi.json' });
  await writeFile(API_TYPES_FILE, await apiTypesFor(response.json()));
  console.log(`wrote ${API_TYPES_FILE.pathname}`);
} finally {
  await server.stop();
}
