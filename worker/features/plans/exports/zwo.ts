// A bike or run workout as a Zwift workout file (.zwo). Zwift reads every intensity as a fraction:
// of FTP on the bike, of a reference pace (as a speed) on the run, which is how the plan keeps
// them, so targets go in unconverted. Run steps say pace="2": Zwift's 10 km pace is its reference
// closest to threshold pace (0 would be mile pace, far harder). Steps whose target is not power
// (bike) or pace (run) are FreeRide, with their target as an on-screen message.
// Zwift measures a whole file in time or, for runs, in distance: files mixing the two, open steps
// and distance-measured rides cannot be written and throw ExportUnsupportedError.
import type { Step, StepNode, Target } from '../plans.types.ts';
import { type ExportWorkout, ExportUnsupportedError, workoutSteps } from './export.types.ts';
import { targetText } from './workout-text.ts';

const AUTHOR = 'Cadence';
/** Zwift's pace references: 0 mile, 1 5 km, 2 10 km, 3 half marathon, 4 marathon. */
const RUN_PACE_REFERENCE = '2';

/** Text for XML content and attribute values; characters XML 1.0 cannot hold are dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/[&<>"'\t\n\r]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c] ?? `#${c.charCodeAt(0)}`};`);
}

/** 0.75, 1.05, 0.875: a fraction with at most three decimals. */
const frac = (x: number): string => String(Number(x.toFixed(3)));

type Attrs = Record<string, string | number>;

function element(name: string, attrs: Attrs, message?: string): string {
  const list = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
  if (!message) return `    <${name}${list}/>`;
  return `    <${name}${list}>\n      <textevent timeoffset="0" message="${escapeXml(message)}"/>\n    </${name}>`;
}

const leaves = (nodes: StepNode[]): Step[] => nodes.flatMap((n) => (n.kind === 'repeat' ? n.steps : [n]));

export function zwiftWorkout(w: ExportWorkout): string {
  if (w.sport !== 'bike' && w.sport !== 'run') {
    throw new ExportUnsupportedError('zwo', 'sport', w.sport, `Zwift workouts are rides or runs; a ${w.sport} workout cannot be exported`);
  }
  const steps = workoutSteps(w);
  const all = leaves(steps);
  if (all.some((s) => s.durationSec === null && s.distanceM === null)) {
    throw new ExportUnsupportedError('zwo', 'open_steps', w.sport, 'Zwift steps need a duration; this workout has open steps');
  }
  const byDistance = all.every((s) => s.durationSec === null);
  if (byDistance && w.sport === 'bike') {
    throw new ExportUnsupportedError('zwo', 'distance_steps', w.sport, 'Zwift rides are timed; this workout is measured in distance');
  }
  if (!byDistance && all.some((s) => s.durationSec === null)) {
    throw new ExportUnsupportedError('zwo', 'distance_steps', w.sport, 'Zwift cannot mix timed steps and distance steps in one workout');
  }

  const metric = w.sport === 'bike' ? 'power' : 'pace';
  const paced = (t: Target | null): boolean => t?.metric === metric;
  const extra: Attrs = w.sport === 'run' ? { pace: RUN_PACE_REFERENCE } : {};
  const length = (s: Step): number => Math.round((byDistance ? s.distanceM : s.durationSec) ?? 0);
  const message = (s: Step): string | undefined => {
    const target =
      s.target && !paced(s.target) ? `${targetText(s.target)} ${s.target.metric === 'hr' ? 'heart rate' : s.target.metric}` : '';
    return [target, s.note ?? ''].filter(Boolean).join(' · ') || undefined;
  };

  const single = (s: Step): string => {
    const t = s.target;
    if (!t || !paced(t)) return element('FreeRide', { Duration: length(s) }, message(s));
    const [lo, hi] = [Math.min(t.low, t.high), Math.max(t.low, t.high)];
    if (s.kind === 'warmup') return element('Warmup', { Duration: length(s), PowerLow: frac(lo), PowerHigh: frac(hi), ...extra }, s.note);
    // A Cooldown ramps from PowerLow to PowerHigh, so the higher value comes first.
    if (s.kind === 'cooldown')
      return element('Cooldown', { Duration: length(s), PowerLow: frac(hi), PowerHigh: frac(lo), ...extra }, s.note);
    return element('SteadyState', { Duration: length(s), Power: frac((lo + hi) / 2), ...extra }, s.note);
  };

  const blocks = steps.flatMap((node): string[] => {
    if (node.kind !== 'repeat') return [single(node)];
    const [on, off] = node.steps;
    if (node.steps.length === 2 && on?.target && off?.target && paced(on.target) && paced(off.target)) {
      const mid = (t: Target) => frac((t.low + t.high) / 2);
      const attrs = {
        Repeat: node.count,
        OnDuration: length(on),
        OffDuration: length(off),
        OnPower: mid(on.target),
        OffPower: mid(off.target),
      };
      return [element('IntervalsT', { ...attrs, ...extra }, on.note)];
    }
    return Array.from({ length: Math.max(0, node.count) }, () => node.steps.map(single)).flat();
  });

  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<workout_file>',
    `  <author>${AUTHOR}</author>`,
    `  <name>${escapeXml(w.title)}</name>`,
    `  <description>${escapeXml(w.description)}</description>`,
    `  <sportType>${w.sport}</sportType>`,
    ...(byDistance ? ['  <durationType>distance</durationType>'] : []),
    '  <workout>',
    ...blocks,
    '  </workout>',
    '</workout_file>',
  ];
  return `${lines.join('\n')}\n`;
}
