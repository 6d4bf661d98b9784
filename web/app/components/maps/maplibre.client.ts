// MapLibre GL's CSP build, its worker served from our own origin (`worker-src 'self'`, ADR 098): the one import every
// map on the pages shares, so the bundle holds one copy and the worker URL is set once.
import 'maplibre-gl/dist/maplibre-gl.css';
import * as csp from 'maplibre-gl/dist/maplibre-gl-csp.js';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-csp-worker.js?url';

// The UMD bundle comes through Vite's CommonJS interop as a default export.
export const maplibre = ((csp as unknown as { default?: typeof csp }).default ?? csp) as typeof csp;
maplibre.setWorkerUrl(workerUrl);
