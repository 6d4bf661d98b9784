// A structured workout at a glance: its intensity profile as an inline SVG (bars: width its time, height
// its intensity; attributes, no style, for the CSP) and its steps as the compact text form, one per line.
import { profile, textOf, type Workout } from '~/utils/workout-builder';

export function WorkoutProfile({ workout, label = 'Intensity profile' }: { workout: Workout; label?: string }) {
  const bars = profile(workout);
  const total = bars.reduce((s, b) => s + b.sec, 0);
  if (!total) return null;
  let x = 0;
  return (
    <svg className="wb-profile" viewBox="0 0 1000 100" preserveAspectRatio="none" role="img" aria-label={label}>
      {bars.map((b, i) => {
        const w = (b.sec / total) * 1000;
        const h = Math.max(8, Math.min(100, b.level * 70));
        // biome-ignore lint/suspicious/noArrayIndexKey: bars have no identity of their own; their order is the key.
        const rect = <rect key={i} x={x} y={100 - h} width={Math.max(1, w - 2)} height={h} className={`wb-bar wb-bar-${b.kind}`} />;
        x += w;
        return rect;
      })}
    </svg>
  );
}

export function WorkoutStepsText({ workout }: { workout: Workout }) {
  return (
    <ol className="wb-lines" aria-label="Steps">
      {textOf(workout)
        .split('\n')
        .map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity of their own; their order is the key.
          <li key={i}>
            <code>{line}</code>
          </li>
        ))}
    </ol>
  );
}
