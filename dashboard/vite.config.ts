import { defineConfig } from 'vite';

/** The API server in development (`npm start`); the built dashboard is served by that same server in production. */
const API_ORIGIN = 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/',
  // Vite's own JSX transform (Oxc) with Preact's automatic runtime: no Babel plugin needed.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // A CSP without 'unsafe-inline' applies: never inline assets as data: scripts or styles.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': { target: API_ORIGIN },
      '/socket.io': { target: API_ORIGIN, ws: true },
    },
  },
});
