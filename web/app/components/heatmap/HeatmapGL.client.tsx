// The heatmap's MapLibre map (ADR 100): the CSP build, its worker served from our own origin, the basemap style from
// our API (a plain background when it cannot be had) and the athlete's own raster tiles over it. A `.client` module,
// loaded lazily only where WebGL exists, so the page's first load never carries MapLibre.
import type { Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { loadStyle } from '../maps/map-style';
import { maplibre } from '../maps/maplibre.client';

/** Without the basemap the heat shows on a dark background, where its colours read best. */
const FALLBACK_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#1f2430' } }],
};

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
    void loadStyle(location.origin, abort.signal, FALLBACK_STYLE).then(({ style, basemap }) => {
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
