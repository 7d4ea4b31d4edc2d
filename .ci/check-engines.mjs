#!/usr/bin/env node
// Does every installed package accept the running Node? npm only warns (EBADENGINE) where a
// package's `engines` excludes a version; under Node 22 and 24 the CI run makes that fatal.
import { existsSync, readFileSync } from 'node:fs';
import semver from 'semver';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const refusals = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  const range = entry.engines?.node;
  if (typeof range !== 'string' || (path !== '' && !existsSync(path))) continue;
  if (!semver.satisfies(process.version, range, { includePrerelease: true })) {
    refusals.push(`${path || 'orderflow'}@${entry.version ?? ''} wants node ${range}`);
  }
}
if (refusals.length > 0) {
  console.error(`EBADENGINE under node ${process.version}:\n  ${refusals.join('\n  ')}`);
  process.exit(1);
}
console.log(`every installed package accepts node ${process.version}`);
