// The MapLibre style (v8) for the basemap: @protomaps/basemaps' layers for the Protomaps schema, light flavour,
// without its label layers — so no glyphs and no sprite are needed, and the tile URL is the style's only reference.
import { layers, namedFlavor } from '@protomaps/basemaps';
import type { BasemapInfo } from './basemap';

/** The style's one source: the name MapLibre layers (ours or a page's route line) refer to. */
export const BASEMAP_SOURCE = 'basemap';
export const TILES_PATH = '/api/v1/maps/tiles';

export const tileUrlTemplate = (origin: string) => `${origin}${TILES_PATH}/{z}/{x}/{y}.mvt`;

export function basemapStyle(origin: string, info: BasemapInfo) {
  return {
    version: 8 as const,
    name: 'Cadence basemap',
    sources: {
      [BASEMAP_SOURCE]: {
        type: 'vector' as const,
        tiles: [tileUrlTemplate(origin)],
        minzoom: info.minzoom,
        maxzoom: info.maxzoom,
        bounds: info.bounds,
        attribution: info.attribution,
      },
    },
    layers: layers(BASEMAP_SOURCE, namedFlavor('light')),
  };
}
