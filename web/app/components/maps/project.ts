// The SVG fallback's projection, shared by every route drawn without a map (the activity's, a post's stretches, a
// course). Pure.

export const SVG_W = 640;
export const SVG_H = 400;
const PAD = 16;

export interface Projected {
  /** Turns a position into the drawing's coordinates. */
  at: (lat: number, lng: number) => [number, number];
  width: number;
  height: number;
}

/**
 * An equirectangular projection around the points' middle (east–west shrunk by the cosine of the latitude), scaled
 * to fit: at the size of an activity the distortion is far below a line's width. The drawing takes the points' own
 * proportions, so a north–south route is not drawn in a wide box.
 */
export function project(lat: readonly number[], lng: readonly number[]): Projected {
  let minLat = Infinity;
  let maxLat = -Infinity;
  let minLng = Infinity;
  let maxLng = -Infinity;
  for (let i = 0; i < lat.length; i++) {
    minLat = Math.min(minLat, lat[i]!);
    maxLat = Math.max(maxLat, lat[i]!);
    minLng = Math.min(minLng, lng[i]!);
    maxLng = Math.max(maxLng, lng[i]!);
  }
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLng - minLng) * k, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = Math.min((SVG_W - 2 * PAD) / spanX, (SVG_H - 2 * PAD) / spanY);
  const width = Math.round(spanX * scale + 2 * PAD);
  const height = Math.round(spanY * scale + 2 * PAD);
  const at = (la: number, ln: number): [number, number] => [
    Math.round((PAD + (ln - minLng) * k * scale) * 10) / 10,
    Math.round((PAD + (maxLat - la) * scale) * 10) / 10,
  ];
  return { at, width, height };
}

export const svgPath = (points: readonly [number, number][]) => points.map(([x, y], i) => `${i ? 'L' : 'M'}${x} ${y}`).join('');
