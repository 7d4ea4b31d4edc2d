import { openStorageFixture } from './storage/open-postgres-storage.ts';
import { storageContract } from './storage.contract.ts';

// The embedded half: no server needed, so it runs in `npm run check` (vitest project contract-quick).
storageContract('PGlite', () => openStorageFixture({ kind: 'pglite', dataDir: 'memory://' }));
