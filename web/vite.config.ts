// Builds the web app into web/dist, which the server serves at `/`. Preact through the automatic JSX runtime:
// no Babel or framework plugin is needed, Vite's own transformer does it.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { alias: { '@chat/sdk': fileURLToPath(new URL('../sdk/src/index.ts', import.meta.url)) } },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // A single entry chunk: the first screen needs the whole (small) app anyway.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', ws: true }, '/media': 'http://127.0.0.1:3000' },
  },
});
