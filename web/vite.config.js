// Builds the analyst page into dist/, which `cordon serve --web DIR` serves at "/". Everything is
// bundled (no CDN), so the page works without internet access.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
  },
  server: {
    // `npm run dev` against a running `cordon serve` (CORDON_URL, default port 8080).
    proxy: Object.fromEntries(
      [
        '/match',
        '/search',
        '/entities',
        '/lists',
        '/trade',
        '/alerts',
        '/books',
        '/healthz',
        '/readyz',
        '/openapi.json',
      ].map(
        (p) => [p, process.env.CORDON_URL || 'http://127.0.0.1:8080'],
      ),
    ),
  },
});
