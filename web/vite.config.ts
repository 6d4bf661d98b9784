import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const workerDir = fileURLToPath(new URL('../worker/', import.meta.url));
const serverBuildDir = `${root}build/server`;

// Built with `remix vite:build --config web/vite.config.ts`; the worker imports build/server and
// wrangler serves build/client as static assets.
export default defineConfig(({ isSsrBuild }) => ({
  root,
  publicDir: `${root}public`,
  resolve: { alias: { '~': `${root}app` } },
  ssr: {
    target: 'webworker',
    resolve: { conditions: ['workerd', 'worker', 'browser'], externalConditions: ['workerd', 'worker'] },
  },
  build: {
    sourcemap: false,
    // Loaders import services from worker/. Left as imports, wrangler bundles them with the worker's
    // own modules: one copy of each (AppError stays one class), not a second one inside this build.
    rollupOptions: isSsrBuild
      ? {
          external: (id: string, _importer: string | undefined, resolved: boolean) => resolved && id.startsWith(workerDir),
          output: { paths: (id: string) => (id.startsWith(workerDir) ? relative(serverBuildDir, id) : id) },
        }
      : {},
  },
  plugins: [
    remix({
      appDirectory: `${root}app`,
      buildDirectory: `${root}build`,
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
        v3_singleFetch: true,
      },
    }),
  ],
}));
