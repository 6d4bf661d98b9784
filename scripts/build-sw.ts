// The service worker's build (ADR 077), run by `npm run build` after the Remix build: esbuild bundles
// web/sw/sw.ts with serwist, then serwist's injectManifest writes the list of build assets to precache
// into it as web/build/client/sw.js, served from the site's root so its scope is the whole app.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { injectManifest } from '@serwist/build';
import { build } from 'esbuild';

const ROOT = join(import.meta.dirname, '..');
const bundled = join(ROOT, 'web/build/sw.bundle.js');

await build({
  entryPoints: [join(ROOT, 'web/sw/sw.ts')],
  outfile: bundled,
  bundle: true,
  format: 'iife',
  target: 'es2022',
  minify: true,
  // serwist's development logging is dropped by this define.
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});

const { count, size, warnings } = await injectManifest({
  swSrc: bundled,
  swDest: join(ROOT, 'web/build/client/sw.js'),
  globDirectory: join(ROOT, 'web/build/client'),
  // The app shell: every hashed script and stylesheet, the icons; pages are runtime-cached by the worker.
  globPatterns: ['assets/**/*.{js,css}', 'icons/*.png', 'favicon.svg'],
  // Vite's hashed file names are their own revision.
  dontCacheBustURLsMatching: /^assets\//,
  maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
});
rmSync(bundled);
for (const w of warnings) console.warn(`service worker: ${w}`);
console.log(`service worker: ${count} files precached (${(size / 1024).toFixed(0)} KiB)`);
