import type { CourseSummary } from '../../../../worker/features/races';
import { fixed } from '../../../../worker/lib/format';

const W = 600;
const H = 160;
const PAD = 4;

/** The course's elevation as an inline SVG line, named for screen readers by its length, range and climb. */
export function CourseProfile({ course, unit }: { course: CourseSummary; unit: 'km' | 'mi' }) {
  const pts = course.profile;
  if (pts.length < 2) return null;
  const els = pts.map((p) => p.elevationM);
  const lo = Math.min(...els);
  const hi = Math.max(...els);
  // A flat course still shows a line: at least 20 m of height on the chart.
  const span = Math.max(20, hi - lo);
  const base = lo - (span - (hi - lo)) / 2;
  const end = pts[pts.length - 1]!.distanceM || 1;
  const x = (m: number) => PAD + (m / end) * (W - 2 * PAD);
  const y = (e: number) => H - PAD - ((e - base) / span) * (H - 2 * PAD);
  const line = pts.map((p, i) => `${i ? 'L' : 'M'}${fixed(x(p.distanceM), 1)},${fixed(y(p.elevationM), 1)}`).join(' ');
  const area = `${line} L${fixed(x(end), 1)},${H - PAD} L${PAD},${H - PAD} Z`;
  const length = unit === 'mi' ? `${fixed(course.lengthM / 1609.344, 1)} mi` : `${fixed(course.lengthM / 1000, 1)} km`;
  const label = course.hasElevation
    ? `Elevation profile: ${length}, from ${Math.round(lo)} m to ${Math.round(hi)} m, ${Math.round(course.gainM)} m of climb and ${Math.round(course.lossM)} m of descent.`
    : `Course of ${length} with no elevation in its file: drawn flat.`;
  return (
    <svg
      className="course-profile"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={label}
      preserveAspectRatio="none"
      width="100%"
      height={H}
    >
      <title>{label}</title>
      <path d={area} fill="currentColor" opacity="0.15" />
      <path d={line} fill="none" stroke="currentColor" strokeWidth="2" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
