// The heatmap's MapLibre map (ADR 100): the CSP build, its worker served from our own origin, the basemap style from
// our API (a plain background when it cannot be had) and the athlete's own raster tiles over it. A `.client` module,
// loaded lazily only where WebGL exists, so the page's first load never carries MapLibre.
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import * as csp from 'maplibre-gl/dist/maplibre-gl-csp.js';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-csp-worker.js?url';
import { useEffect, useRef } from 'react';

// The UMD bundle comes through Vite's CommonJS interop as a default export.
const maplibre = ((csp as unknown as { default?: typeof csp }).default ?? csp) as typeof csp;

const STYLE_URL = '/api/v1/maps/style.json';
const FALLBACK_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#1f2430' } }],
};

async function loadStyle(signal: AbortSignal): Promise<{ style: StyleSpecification; basemap: boolean }> {
  try {
    const res = await fetch(STYLE_URL, { headers: { accept: 'application/json' }, signal });
    const style = res.ok ? ((await res.json()) as StyleSpecification) : null;
    if (style?.version !== 8 || !Array.isArray(style.layers)) return { style: FALLBACK_STYLE, basemap: false };
    // MapLibre fetches from absolute addresses: a same-origin path in the style gets the page's origin.
    const fix = (u: string) => (u.startsWith('/') ? location.origin + u : u);
    const sources = Object.fromEntries(
      Object.entries(style.sources ?? {}).map(([id, s]) => {
        const t = s as { tiles?: string[]; url?: string };
        return [id, { ...s, ...(t.tiles ? { tiles: t.tiles.map(fix) } : {}), ...(t.url ? { url: fix(t.url) } : {}) }];
      }),
    );
    return { style: { ...style, sources } as StyleSpecification, basemap: true };
  } catch {
    return { style: FALLBACK_STYLE, basemap: false };
  }
}

export interface HeatmapGLProps {
  /** The tile template (absolute, with the filter's query). */
  tiles: string;
  maxZoom: number;
  bbox: { minLat: number; minLon: number; maxLat: number; maxLon: number };
  onReady: (basemap: boolean) => void;
}

export function HeatmapGL({ tiles, maxZoom, bbox, onReady }: HeatmapGLProps) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | null>(null);
  const ready = useRef(onReady);
  ready.current = onReady;

  // One map for the page's life; a new filter swaps only the tile source.
  // biome-ignore lint/correctness/useExhaustiveDependencies: built once; tiles change below, the box fits once.
  useEffect(() => {
    const abort = new AbortController();
    maplibre.setWorkerUrl(workerUrl);
    void loadStyle(abort.signal).then(({ style, basemap }) => {
      if (abort.signal.aborted || !box.current) return;
      const m = new maplibre.Map({
        container: box.current,
        style,
        bounds: [
          [bbox.minLon, bbox.minLat],
          [bbox.maxLon, bbox.maxLat],
        ],
        fitBoundsOptions: { padding: 24, maxZoom: 13 },
        attributionControl: { compact: true },
      });
      m.addControl(new maplibre.NavigationControl({ showCompass: false }), 'top-right');
      m.on('load', () => {
        addHeat(m, tiles, maxZoom);
        ready.current(basemap);
      });
      map.current = m;
    });
    return () => {
      abort.abort();
      map.current?.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!m?.isStyleLoaded() || !m.getSource('heat')) return;
    m.removeLayer('heat');
    m.removeSource('heat');
    addHeat(m, tiles, maxZoom);
  }, [tiles, maxZoom]);

  return <div ref={box} className="routeheat-gl" />;
}

function addHeat(m: MapLibreMap, tiles: string, maxZoom: number) {
  // Drawn up to maxZoom and overzoomed past it; a 204 (no route in the tile) draws as transparent.
  m.addSource('heat', { type: 'raster', tiles: [tiles], tileSize: 256, maxzoom: maxZoom });
  m.addLayer({ id: 'heat', type: 'raster', source: 'heat', paint: { 'raster-resampling': 'nearest' } });
}
