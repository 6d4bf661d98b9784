// A finding's days as a small scatter: the input across, the outcome up. Decorative beside the list of days, which
// carries the same numbers for screen readers and for a browser without SVG.
const W = 280;
const H = 160;
const PAD = 12;

export function PatternScatter({ pairs, label }: { pairs: readonly { x: number; y: number }[]; label: string }) {
  if (pairs.length < 2) return null;
  const xs = pairs.map((p) => p.x);
  const ys = pairs.map((p) => p.y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const sx = (x: number) => PAD + ((x - x0) / (x1 - x0 || 1)) * (W - 2 * PAD);
  const sy = (y: number) => H - PAD - ((y - y0) / (y1 - y0 || 1)) * (H - 2 * PAD);
  return (
    <svg className="pattern-scatter" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <rect x="0.5" y="0.5" width={W - 1} height={H - 1} fill="none" className="pattern-scatter-frame" />
      {pairs.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: points have no identity beyond their place
        <circle key={i} cx={sx(p.x)} cy={sy(p.y)} r="3" className="pattern-scatter-dot" />
      ))}
    </svg>
  );
}
