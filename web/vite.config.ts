import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The browser app: built into web/dist, which the server serves at `/` (src/adapters/http/web-app.routes.ts). */
export default defineConfig({
  root,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  // `npm run dev:web` proxies the API to a server started with `npm start` on port 3000.
  server: {
    proxy: {
      '/api': { target: 'http://localhost:3000', ws: true },
      '/realms': 'http://localhost:3000',
      '/dev': 'http://localhost:3000',
    },
  },
});
