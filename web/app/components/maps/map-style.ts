// The basemap's style: our own origin's MapLibre style (Protomaps' schema, no labels, so no glyphs or sprites),
// or, when it cannot be had (not deployed, offline, an error), a plain background so the route still draws.
import type { StyleSpecification } from 'maplibre-gl';

export const STYLE_URL = '/api/v1/maps/style.json';

/** A background and nothing else: no sources, so nothing is fetched and nothing needs attributing. */
export const FALLBACK_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef2f1' } }],
};

/** MapLibre fetches tiles from absolute addresses; a style written with same-origin paths gets the page's origin. */
function absolute(style: StyleSpecification, origin: string): StyleSpecification {
  const sources = Object.fromEntries(
    Object.entries(style.sources ?? {}).map(([id, s]) => {
      const withTiles = s as { tiles?: string[]; url?: string };
      const fix = (u: string) => (u.startsWith('/') ? origin + u : u);
      return [
        id,
        { ...s, ...(withTiles.tiles ? { tiles: withTiles.tiles.map(fix) } : {}), ...(withTiles.url ? { url: fix(withTiles.url) } : {}) },
      ];
    }),
  );
  return { ...style, sources } as StyleSpecification;
}

/** The basemap's style, or the fallback with `basemap: false` (the page then says the background is unavailable). */
export async function loadStyle(
  origin: string,
  signal?: AbortSignal,
  fallback: StyleSpecification = FALLBACK_STYLE,
): Promise<{ style: StyleSpecification; basemap: boolean }> {
  try {
    const res = await fetch(STYLE_URL, { headers: { accept: 'application/json' }, signal });
    if (!res.ok) return { style: fallback, basemap: false };
    const style = (await res.json()) as StyleSpecification;
    if (style?.version !== 8 || !Array.isArray(style.layers)) return { style: fallback, basemap: false };
    return { style: absolute(style, origin), basemap: true };
  } catch {
    return { style: fallback, basemap: false };
  }
}

let webGl: boolean | null = null;

/**
 * WebGL present (MapLibre 5 draws with WebGL 2, falling back to 1): without it the SVG stays. Probed once a page,
 * and the probe's context given back at once (a browser keeps only so many).
 */
export function hasWebGl(): boolean {
  if (webGl !== null) return webGl;
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
    webGl = Boolean(gl);
  } catch {
    webGl = false;
  }
  return webGl;
}
