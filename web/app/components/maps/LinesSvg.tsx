import { useMemo } from 'react';
import { project, svgPath } from './project';
import type { Coord } from './route-colour';

/**
 * Lines drawn without a map (no JavaScript, no WebGL, or until the map has drawn): each stretch its own path, so
 * nothing is drawn across what is hidden between them. `ends`: the start ring and finish dot, for a whole route.
 */
export function LinesSvg({ lines, label, ends = false }: { lines: Coord[][]; label: string; ends?: boolean }) {
  const drawn = useMemo(() => {
    const all = lines.flat();
    const p = project(
      all.map((c) => c[1]),
      all.map((c) => c[0]),
    );
    const paths = lines.map((l) => l.map((c) => p.at(c[1], c[0])));
    return { ...p, paths, ds: paths.map(svgPath) };
  }, [lines]);
  const first = drawn.paths[0]?.[0];
  const last = drawn.paths.at(-1)?.at(-1);
  return (
    <svg
      className="route-map"
      viewBox={`0 0 ${drawn.width} ${drawn.height}`}
      role="img"
      aria-label={label}
      preserveAspectRatio="xMidYMid meet"
      data-testid="route-map"
    >
      {/* A stretch's own path is its key: two stretches never share one. */}
      {drawn.ds.map((d) => (
        <path key={`casing ${d}`} d={d} className="route-line-casing" />
      ))}
      {drawn.ds.map((d) => (
        <path key={d} d={d} className="route-line" data-stretch="" />
      ))}
      {ends && first && last ? (
        <>
          <circle cx={first[0]} cy={first[1]} r="9" className="route-start" />
          <circle cx={last[0]} cy={last[1]} r="5" className="route-finish" />
        </>
      ) : null}
    </svg>
  );
}
