// MapLibre GL over a route (ADR 098): the CSP build, its worker served from our own origin, the basemap style from
// our API (or a plain background when it cannot be had). A `.client` module, loaded lazily and only where WebGL
// exists, so a page's first load never carries MapLibre.
import type { GeoJSONSource, Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { loadStyle } from './map-style';
import { maplibre } from './maplibre.client';
import { boundsOf, type Coord, nearestIndex, PALETTE, runsOf } from './route-colour';

export interface MapLine {
  coords: Coord[];
  /** Per sample (segment i → i + 1); none: one plain colour. */
  colours?: readonly string[] | null;
}

export interface RouteMapGLProps {
  lines: MapLine[];
  label: string;
  /** A stretch drawn over the route and fitted to (a zoomed range, a lap). */
  highlight?: Coord[] | null;
  cursor?: Coord | null;
  ends?: { start: Coord; finish: Coord } | null;
  /** The sample nearest the pointer on a line (null when it leaves the line). */
  onPick?: ((line: number, index: number | null) => void) | null;
  /** Drawn (the SVG under it can go), and whether the basemap came or the plain background stands in. */
  onReady: (basemap: boolean) => void;
}

// Room on the right for the zoom buttons (44 px on a phone, plus their margin), so the line never runs under them.
const PADDING = { top: 28, bottom: 28, left: 28, right: 72 };
const empty = { type: 'FeatureCollection' as const, features: [] };

function routeData(lines: MapLine[]) {
  return {
    type: 'FeatureCollection' as const,
    features: lines.flatMap((l, line) =>
      runsOf(l.coords, l.colours ?? null).map((r) => ({
        type: 'Feature' as const,
        properties: { colour: l.colours ? r.colour : PALETTE[0], line },
        geometry: { type: 'LineString' as const, coordinates: r.coords },
      })),
    ),
  };
}

function pointData(ends: RouteMapGLProps['ends'], cursor: Coord | null | undefined) {
  const point = (kind: string, c: Coord) => ({
    type: 'Feature' as const,
    properties: { kind },
    geometry: { type: 'Point' as const, coordinates: c },
  });
  return {
    type: 'FeatureCollection' as const,
    features: [...(ends ? [point('start', ends.start), point('finish', ends.finish)] : []), ...(cursor ? [point('cursor', cursor)] : [])],
  };
}

const lineData = (coords: Coord[] | null | undefined) =>
  coords && coords.length > 1
    ? { type: 'Feature' as const, properties: {}, geometry: { type: 'LineString' as const, coordinates: coords } }
    : empty;

function addLayers(map: MapLibreMap, props: RouteMapGLProps) {
  map.addSource('route', { type: 'geojson', data: routeData(props.lines) });
  map.addSource('range', { type: 'geojson', data: lineData(props.highlight) });
  map.addSource('points', { type: 'geojson', data: pointData(props.ends, props.cursor) });
  const round = { 'line-cap': 'round', 'line-join': 'round' } as const;
  map.addLayer({ id: 'route-casing', type: 'line', source: 'route', layout: round, paint: { 'line-color': '#ffffff', 'line-width': 7 } });
  map.addLayer({
    id: 'range',
    type: 'line',
    source: 'range',
    layout: round,
    paint: { 'line-color': '#22d3ee', 'line-width': 12, 'line-opacity': 0.7 },
  });
  map.addLayer({ id: 'route', type: 'line', source: 'route', layout: round, paint: { 'line-color': ['get', 'colour'], 'line-width': 4 } });
  // A wide, invisible line to hover and tap: a 4 px line is too thin to find with a finger.
  map.addLayer({ id: 'route-hit', type: 'line', source: 'route', paint: { 'line-color': '#000000', 'line-width': 24, 'line-opacity': 0 } });
  map.addLayer({
    id: 'points',
    type: 'circle',
    source: 'points',
    paint: {
      'circle-radius': ['match', ['get', 'kind'], 'start', 8, 'finish', 6, 7],
      'circle-color': ['match', ['get', 'kind'], 'start', '#ffffff', 'finish', '#dc2626', '#0f172a'],
      'circle-stroke-color': ['match', ['get', 'kind'], 'start', '#16a34a', '#ffffff'],
      'circle-stroke-width': ['match', ['get', 'kind'], 'start', 4, 2.5],
    },
  });
}

/** Undefined until the map's 'load' has added the sources (addLayers reads the latest props then). */
const sourceOf = (map: MapLibreMap | null, id: string) => map?.getSource(id) as GeoJSONSource | undefined;

const phone = () => window.matchMedia('(max-width: 640px), (pointer: coarse)').matches;

export function RouteMapGL(props: RouteMapGLProps) {
  const box = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const latest = useRef(props);
  latest.current = props;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is made once; later props reach it through the effects below.
  useEffect(() => {
    const container = box.current;
    if (!container) return;
    const abort = new AbortController();
    let map: MapLibreMap | null = null;
    void loadStyle(window.location.origin, abort.signal).then(({ style, basemap }) => {
      if (abort.signal.aborted) return;
      const all = latest.current.lines.flatMap((l) => l.coords);
      const bounds = boundsOf(latest.current.highlight?.length ? latest.current.highlight : all);
      const small = phone();
      map = new maplibre.Map({
        container,
        style,
        ...(bounds ? { bounds, fitBoundsOptions: { padding: PADDING, maxZoom: 16 } } : {}),
        attributionControl: { compact: small },
        // One finger scrolls the page on a phone; two move the map (and ctrl + wheel zooms on a desktop).
        cooperativeGestures: small,
        dragRotate: false,
        pitchWithRotate: false,
        touchPitch: false,
        maxPitch: 0,
      });
      mapRef.current = map;
      map.addControl(new maplibre.NavigationControl({ showCompass: false }), 'top-right');
      map.touchZoomRotate.disableRotation();
      const canvas = map.getCanvas();
      // MapLibre's canvas is a focusable region named "Map": named here for what it shows and how to move it.
      canvas.setAttribute('aria-label', `${latest.current.label} Map: arrow keys move it, + and − zoom.`);
      // Fitted to the route until the person moves the map; a resize (a phone turned) fits it again until then.
      let moved = false;
      map.on('movestart', (e) => {
        if (e.originalEvent) moved = true;
      });
      map.on('resize', () => {
        const all = latest.current.lines.flatMap((l) => l.coords);
        const b = boundsOf(latest.current.highlight?.length ? latest.current.highlight : all);
        if (!moved && b) map!.fitBounds(b, { padding: PADDING, maxZoom: 16, duration: 0 });
      });
      map.on('load', () => {
        addLayers(map!, latest.current);
        map!.once('idle', () => latest.current.onReady(basemap));
      });
      const pick = (e: MapLayerMouseEvent) => {
        const f = e.features?.[0];
        const line = typeof f?.properties?.line === 'number' ? f.properties.line : 0;
        const coords = latest.current.lines[line]?.coords ?? [];
        latest.current.onPick?.(line, nearestIndex(coords, [e.lngLat.lng, e.lngLat.lat]));
      };
      map.on('mousemove', 'route-hit', pick);
      map.on('click', 'route-hit', pick);
      map.on('mouseenter', 'route-hit', () => {
        canvas.style.cursor = 'crosshair';
      });
      map.on('mouseleave', 'route-hit', () => {
        canvas.style.cursor = '';
        latest.current.onPick?.(0, null);
      });
    });
    return () => {
      abort.abort();
      map?.remove();
      mapRef.current = null;
    };
  }, []);

  useEffect(() => {
    sourceOf(mapRef.current, 'route')?.setData(routeData(props.lines));
  }, [props.lines]);

  useEffect(() => {
    sourceOf(mapRef.current, 'points')?.setData(pointData(props.ends, props.cursor));
  }, [props.ends, props.cursor]);

  useEffect(() => {
    const range = sourceOf(mapRef.current, 'range');
    if (!range) return;
    range.setData(lineData(props.highlight));
    // A stretch is fitted to; back to the whole route when it is cleared.
    const bounds = boundsOf(props.highlight?.length ? props.highlight : latest.current.lines.flatMap((l) => l.coords));
    if (bounds) mapRef.current?.fitBounds(bounds, { padding: PADDING, maxZoom: 16, duration: 0 });
  }, [props.highlight]);

  return <div ref={box} className="route-map-gl" data-testid="route-map-gl" />;
}
