// The worldwide layers of the offline basemap, from Natural Earth 1:50m (public domain) as `world-atlas` ships it, in
// the Protomaps basemap schema the style reads: `earth` (land), `water` (the ocean: the world minus the land) and
// `boundaries` (borders between countries, kind_detail 2 = admin level 2).
import { createRequire } from 'node:module';
import type { Feature, MultiLineString, Polygon, Position } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

const require = createRequire(import.meta.url);
const land50 = require('world-atlas/land-50m.json') as Topology<{ land: GeometryCollection }>;
const countries50 = require('world-atlas/countries-50m.json') as Topology<{ countries: GeometryCollection }>;

/** Web Mercator's edge: latitudes past it fall outside tile 0/0/0. */
const MERCATOR_LAT = 85.0511287798;

/** Twice the signed area in degrees (positive when counter-clockwise with y up). */
function signedArea(ring: Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  return a;
}

/**
 * RFC 7946's winding (exterior counter-clockwise, holes clockwise), which the y-down tile grid turns into what the MVT
 * spec asks (exterior clockwise): MapLibre tells a polygon's rings apart by that winding alone.
 */
export function rewind(ring: Position[], exterior: boolean): Position[] {
  return signedArea(ring) > 0 === exterior ? ring : [...ring].reverse();
}

/** Each land polygon as [exterior, ...holes], rewound. */
function landPolygons(): Position[][][] {
  const land = feature(land50, land50.objects.land);
  const polys: Position[][][] = [];
  for (const f of land.features) {
    const g = f.geometry;
    const list = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    for (const rings of list) polys.push(rings.map((r, i) => rewind(r, i === 0)));
  }
  return polys;
}

export interface WorldLayers {
  earth: Feature<Polygon>[];
  water: Feature<Polygon>[];
  boundaries: Feature<MultiLineString>[];
}

export function worldLayers(): WorldLayers {
  const polys = landPolygons();
  const earth = polys.map((rings) => ({
    type: 'Feature' as const,
    properties: { kind: 'earth' },
    geometry: { type: 'Polygon' as const, coordinates: rings },
  }));
  const m = MERCATOR_LAT;
  const world = rewind(
    [
      [-180, -m],
      [180, -m],
      [180, m],
      [-180, m],
      [-180, -m],
    ],
    true,
  );
  // The ocean is the world with every landmass cut out; a landmass's own holes (inland seas) are water again.
  const ocean: Feature<Polygon> = {
    type: 'Feature',
    properties: { kind: 'ocean' },
    geometry: { type: 'Polygon', coordinates: [world, ...polys.map((rings) => rewind(rings[0]!, false))] },
  };
  const inland = polys.flatMap((rings) =>
    rings.slice(1).map((hole) => ({
      type: 'Feature' as const,
      properties: { kind: 'lake' },
      geometry: { type: 'Polygon' as const, coordinates: [rewind(hole, true)] },
    })),
  );
  const borders = mesh(countries50, countries50.objects.countries, (a, b) => a !== b);
  const boundaries: Feature<MultiLineString>[] = [
    {
      type: 'Feature',
      properties: { kind: 'country', kind_detail: 2 },
      geometry: { type: 'MultiLineString', coordinates: borders.coordinates },
    },
  ];
  return { earth, water: [ocean, ...inland], boundaries };
}
