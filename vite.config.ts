import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { atlasConfigCheck } from './scripts/vite-plugin-atlas-config.ts';
import { contentSecurityPolicy } from './scripts/vite-plugin-csp.ts';

/** One config for the app build, the dev server and the unit tests. */
export default defineConfig(({ mode }) => ({
  // A public build (VITE_ATLAS_MODE=public) fails if a base map lacks its 审图号.
  plugins: [react(), atlasConfigCheck(), contentSecurityPolicy()],
  base: './',
  build: {
    outDir: mode === 'test' ? 'dist-test' : 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 1100,
    // Data stays data: a small GeoJSON layer is fetched as a file like the others, not inlined
    // into the start-up JavaScript as a data: URL.
    assetsInlineLimit: (file: string) => (file.endsWith('.geojson') ? false : undefined),
    rolldownOptions: {
      output: {
        // MapLibre is most of the payload and changes rarely: its own chunk caches separately
        // and lets the bundle report show the app's own weight.
        codeSplitting: {
          groups: [{ name: 'maplibre-gl', test: /node_modules[\\/]maplibre-gl[\\/]/ }],
        },
      },
    },
  },
  define: {
    __ATLAS_TEST_MODE__: JSON.stringify(mode === 'test'),
  },
  worker: { format: 'es' },
  server: { port: 5173 },
  preview: { port: 4173, host: '127.0.0.1' },
  test: {
    environment: 'jsdom',
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    setupFiles: ['tests/setup.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 20000,
  },
}));
