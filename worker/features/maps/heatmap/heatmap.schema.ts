// The heatmap API's inputs and answers (zod, in the OpenAPI document), shared with the page.
import { z } from '@hono/zod-openapi';
import { SPORTS } from '../../activities';
import { MAX_ZOOM } from './raster.calc';

const Month = z
  .string()
  .regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
  .openapi({ description: 'A UTC month, YYYY-MM (whole months: the buckets are months)', example: '2026-01' });

export const HeatmapFilter = z
  .object({
    sport: z.enum(SPORTS).optional().openapi({ description: 'One sport; every sport when left out' }),
    from: Month.optional().openapi({ description: 'First month included (YYYY-MM, UTC)' }),
    to: Month.optional().openapi({ description: 'Last month included (YYYY-MM, UTC)' }),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '`from` must not be after `to`', path: ['from'] });
export type HeatmapFilter = z.infer<typeof HeatmapFilter>;

const Int = (name: string, description: string) =>
  z
    .string()
    .regex(/^(0|[1-9][0-9]{0,4})$/, `${name} is a whole number`)
    .transform(Number)
    .openapi({ param: { name, in: 'path' }, description, example: '0' });

export const TileParams = z.object({
  z: Int('z', `Zoom 0–${MAX_ZOOM} (MapLibre overzooms past ${MAX_ZOOM})`),
  x: Int('x', 'Tile column, 0 to 2^z − 1'),
  y: z
    .string()
    .regex(/^(0|[1-9][0-9]{0,4})\.png$/, 'y is a whole number followed by .png')
    .transform((s) => Number(s.slice(0, -4)))
    .openapi({ param: { name: 'y', in: 'path' }, description: 'Tile row, 0 to 2^z − 1, then .png', example: '0.png' }),
});

const Box = z.object({ minLat: z.number(), minLon: z.number(), maxLat: z.number(), maxLon: z.number() });

export const HeatmapSummary = z
  .object({
    activities: z.number().int().openapi({ description: 'Activities with a route in the heatmap' }),
    sources: z
      .array(z.string())
      .openapi({ description: 'Where the routes came from (activity sources), for the attribution the providers ask for' }),
    sports: z.array(z.object({ sport: z.enum(SPORTS), activities: z.number().int() })),
    months: z
      .array(z.object({ month: z.string(), sport: z.enum(SPORTS), activities: z.number().int() }))
      .openapi({ description: 'Each UTC month and sport with routes, and how many' }),
    first: z.string().nullable().openapi({ description: 'The first month with a route (YYYY-MM), null when none' }),
    last: z.string().nullable(),
    bbox: Box.nullable().openapi({ description: 'Every route’s box together, to fit the map; null when none' }),
    maxZoom: z.number().int().openapi({ description: 'The deepest zoom tiles are drawn at; the map overzooms past it' }),
  })
  .openapi('HeatmapSummary');
export type HeatmapSummary = z.infer<typeof HeatmapSummary>;
