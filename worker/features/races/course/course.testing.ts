// Synthetic course files for tests and the bench: a straight line due north (so distance is exact by haversine),
// rolling hills of a given height, a point every `stepM`; a track or a route, with or without times and elevation.

export interface GpxOptions {
  lengthM: number;
  stepM?: number;
  /** Height of the rolling hills (metres, peak to trough) and their wavelength. */
  hillM?: number;
  waveM?: number;
  kind?: 'track' | 'route';
  withTime?: boolean;
  withElevation?: boolean;
  name?: string;
}

const R = 6_371_000; // ingest's EARTH_RADIUS_M: a northward step of d metres is d / R radians of latitude

/** The elevation of the synthetic course at `m` metres. */
export const hillAt = (m: number, hillM: number, waveM: number) => 100 + (hillM / 2) * Math.sin((2 * Math.PI * m) / waveM);

export function gpxCourse(o: GpxOptions): string {
  const step = o.stepM ?? 10;
  const hill = o.hillM ?? 40;
  const wave = o.waveM ?? 4000;
  const [outer, seg, pt] = o.kind === 'route' ? ['rte', '', 'rtept'] : ['trk', 'trkseg', 'trkpt'];
  const n = Math.ceil(o.lengthM / step);
  const start = Date.UTC(2026, 9, 4, 8, 0, 0);
  const parts: string[] = [];
  for (let i = 0; i <= n; i++) {
    const m = Math.min(o.lengthM, i * step);
    const lat = 51.5 + ((m / R) * 180) / Math.PI;
    const ele = o.withElevation === false ? '' : `<ele>${hillAt(m, hill, wave).toFixed(1)}</ele>`;
    const time = o.withTime ? `<time>${new Date(start + i * 1000).toISOString()}</time>` : '';
    parts.push(`<${pt} lat="${lat.toFixed(7)}" lon="-0.1200000">${ele}${time}</${pt}>`);
  }
  const body = seg ? `<${seg}>${parts.join('\n')}</${seg}>` : parts.join('\n');
  const meta = o.name ? `<metadata><name>${o.name}</name></metadata>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="cadence-test" xmlns="http://www.topografix.com/GPX/1/1">${meta}<${outer}>${body}</${outer}></gpx>\n`;
}
