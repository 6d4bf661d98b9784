// A course's route as a small SVG line (no tiles: nothing leaves the browser), drawn like the activity page's route.
// The MapLibre map of issue 57 takes its place when it lands (web/app/components/maps/).
import { fixed } from '../../../../worker/lib/format';

const W = 600;
const PAD = 12;

export function CourseRoute({ lat, lon, label }: { lat: number[]; lon: number[]; label: string }) {
  if (lat.length < 2) return null;
  const minLat = Math.min(...lat);
  const maxLat = Math.max(...lat);
  const minLon = Math.min(...lon);
  const maxLon = Math.max(...lon);
  // Equirectangular around the middle latitude: at a course's size the distortion is below a line's width.
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * k, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = Math.min((W - 2 * PAD) / spanX, (W - 2 * PAD) / spanY);
  const width = Math.round(spanX * scale + 2 * PAD);
  const height = Math.round(spanY * scale + 2 * PAD);
  const at = (i: number) => [fixed(PAD + (lon[i]! - minLon) * k * scale, 1), fixed(PAD + (maxLat - lat[i]!) * scale, 1)] as const;
  const d = lat.map((_, i) => `${i ? 'L' : 'M'}${at(i).join(' ')}`).join('');
  const [sx, sy] = at(0);
  const [fx, fy] = at(lat.length - 1);
  return (
    <svg className="route-map course-route" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} data-testid="course-route">
      <path d={d} className="route-line-casing" />
      <path d={d} className="route-line" />
      <circle cx={sx} cy={sy} r="9" className="route-start" />
      <circle cx={fx} cy={fy} r="5" className="route-finish" />
    </svg>
  );
}
