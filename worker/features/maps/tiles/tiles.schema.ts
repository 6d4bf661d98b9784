import { z } from '@hono/zod-openapi';

/** MapLibre asks for zooms 0–24 at most; past the archive's own maximum a tile is empty (204). */
export const MAX_TILE_ZOOM = 24;

const coordinate = (name: string, description: string) =>
  z.coerce
    .number()
    .int()
    .min(0)
    .openapi({ param: { name, in: 'path' }, description });

export const TileParams = z.object({
  z: coordinate('z', 'Zoom, 0–24').max(MAX_TILE_ZOOM),
  x: coordinate('x', 'Column, 0 to 2^z − 1'),
  // `{y}.mvt` is one path segment: the row, then the extension MapLibre's URL template gives it.
  y: z
    .string()
    .regex(/^\d{1,8}\.mvt$/, 'must be the row followed by .mvt')
    .transform((s) => Number(s.slice(0, -4)))
    .openapi({ param: { name: 'y', in: 'path' }, description: 'Row, 0 to 2^z − 1, followed by .mvt', example: '1361.mvt' }),
});

/** A MapLibre style v8 (https://maplibre.org/maplibre-style-spec/): sources and layers, no glyphs, no sprite. */
export const BasemapStyle = z
  .object({
    version: z.literal(8),
    name: z.string(),
    sources: z.record(
      z.string(),
      z.object({
        type: z.literal('vector'),
        tiles: z.array(z.string()),
        minzoom: z.number(),
        maxzoom: z.number(),
        bounds: z.array(z.number()),
        attribution: z.string(),
      }),
    ),
    layers: z.array(z.looseObject({ id: z.string(), type: z.string() })),
  })
  .openapi('BasemapStyle');
