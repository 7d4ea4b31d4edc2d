import openapiTS, { astToString } from 'openapi-typescript';

/** Where the web app keeps the API types generated from the server's OpenAPI document. */
export const API_TYPES_FILE = new URL('../../web/src/api/schema.d.ts', import.meta.url);

/** The web app's API types (openapi-typescript) for an OpenAPI document, as committed. */
export async function apiTypesFor(document: Record<string, unknown>): Promise<string> {
  // The server URL names the port the document was read from: not part of the types.
  const { servers: _servers, ...rest } = document;
  const ast = await openapiTS(rest as never, { alphabetize: true });
  return `// Generated from the server's /openapi.json by \`npm run generate:api\`: do not edit.\n\n${astToString(ast)}`;
}
