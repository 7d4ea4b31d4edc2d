#!/usr/bin/env node
// The `orderflow` command. The code is TypeScript run through tsx (a dependency, as for
// `npm start`), so it works from a clone after `npm install`, without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
