// A bike or run workout as a Zwift workout file (.zwo), written from the structured tree (ADR 055).
// Zwift reads every intensity as a fraction: of FTP on the bike, of a reference pace (as a speed) on
// the run, which is how the plan keeps them, so fractions go in unconverted; watts and absolute paces
// are turned into fractions with the athlete's FTP or threshold speed, zones into their band. Run steps
// say pace="2": Zwift's 10 km pace is its reference closest to threshold pace (0 would be mile pace).
// Steps whose target is not power (bike) or pace (run) are FreeRide, their target an on-screen message.
// A ramp is Warmup, Cooldown or Ramp by its kind, PowerLow its start and PowerHigh its end (a ramp down
// has PowerLow above PowerHigh). Zwift cannot nest blocks: a repeat of one on/off pair is IntervalsT,
// any other repeat (nested ones included) is unrolled. Cadence is the block's Cadence attribute.
// Zwift measures a whole file in time or, for runs, in distance: files mixing the two, lap steps and
// distance-measured rides cannot be written and throw ExportUnsupportedError.
import { isLap, isRepeat, type WorkoutNode, type WorkoutStep, type WorkoutTarget, ZONE_BANDS } from '../../workouts';
import { type ExportWorkout, ExportUnsupportedError, workoutSteps } from './export.types.ts';
import type { ExportThresholds } from './export-thresholds.ts';

/** What a .zwo reads of a saved workout: its steps may be any structured tree. */
export type ZwoInput = Omit<ExportWorkout, 'steps'> & { steps: WorkoutNode[] };

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

const leaves = (nodes: WorkoutNode[]): WorkoutStep[] => nodes.flatMap((n) => (isRepeat(n) ? leaves(n.steps) : [n]));

/** "Z2", "RPE 5–6", "140–150 bpm": the target as the on-screen message says it. */
function targetLabel(t: WorkoutTarget): string {
  const span = (a: number, b: number, unit = '') => (a === b ? `${a}${unit}` : `${a}–${b}${unit}`);
  if (t.metric === 'rpe') return `RPE ${span(t.low, t.high)}`;
  if ('zone' in t && t.zone) return `Z${t.zone}`;
  if ('unit' in t) return `${span(t.low, t.high)} ${t.unit}`;
  return `${span(Math.round(t.low * 100), Math.round(t.high * 100))}%`;
}

export function zwiftWorkout(w: ZwoInput, thresholds: ExportThresholds = {}): string {
  if (w.sport !== 'bike' && w.sport !== 'run') {
    throw new ExportUnsupportedError('zwo', 'sport', w.sport, `Zwift workouts are rides or runs; a ${w.sport} workout cannot be exported`);
  }
  const sport = w.sport;
  const steps = workoutSteps(w);
  const all = leaves(steps);
  if (all.some(isLap)) {
    throw new ExportUnsupportedError('zwo', 'open_steps', w.sport, 'Zwift steps need a duration; this workout has open steps');
  }
  const byDistance = all.every((s) => s.durationSec === null);
  if (byDistance && w.sport === 'bike') {
    throw new ExportUnsupportedError('zwo', 'distance_steps', w.sport, 'Zwift rides are timed; this workout is measured in distance');
  }
  if (!byDistance && all.some((s) => s.durationSec === null)) {
    throw new ExportUnsupportedError('zwo', 'distance_steps', w.sport, 'Zwift cannot mix timed steps and distance steps in one workout');
  }

  const metric = sport === 'bike' ? 'power' : 'pace';
  /** The target as [start, end] fractions Zwift reads, or null when it is not the sport's own metric. */
  const band = (t: WorkoutTarget | null): [number, number] | null => {
    if (!t || t.metric !== metric) return null;
    if (!('low' in t)) return ZONE_BANDS[sport][t.zone] ?? null;
    if (!('unit' in t)) return [t.low, t.high];
    if (t.unit === 'W') {
      if (!thresholds.ftpW)
        throw new ExportUnsupportedError('zwo', 'thresholds', sport, 'Watt targets need an FTP to write this ride for Zwift');
      return [t.low / thresholds.ftpW, t.high / thresholds.ftpW];
    }
    const speed = thresholds.thresholdSpeedMps;
    if (!speed)
      throw new ExportUnsupportedError('zwo', 'thresholds', sport, 'Pace targets need a threshold pace to write this run for Zwift');
    const metres = t.unit === 's/km' ? 1000 : 100;
    return [metres / t.low / speed, metres / t.high / speed];
  };
  const extra: Attrs = sport === 'run' ? { pace: RUN_PACE_REFERENCE } : {};
  const cadence = (s: WorkoutStep): Attrs => (s.cadence ? { Cadence: Math.round((s.cadence.low + s.cadence.high) / 2) } : {});
  const length = (s: WorkoutStep): number => Math.round((byDistance ? s.distanceM : s.durationSec) ?? 0);
  const message = (s: WorkoutStep): string | undefined => {
    const t = s.target;
    const target = t && !band(t) ? `${targetLabel(t)} ${t.metric === 'hr' ? 'heart rate' : t.metric}` : '';
    return [target, s.note ?? ''].filter(Boolean).join(' · ') || undefined;
  };

  const single = (s: WorkoutStep): string => {
    const b = band(s.target);
    if (!b) return element('FreeRide', { Duration: length(s), ...cadence(s) }, message(s));
    const more = { ...extra, ...cadence(s) };
    if (s.ramp) {
      const name = s.kind === 'warmup' ? 'Warmup' : s.kind === 'cooldown' ? 'Cooldown' : 'Ramp';
      return element(name, { Duration: length(s), PowerLow: frac(b[0]), PowerHigh: frac(b[1]), ...more }, s.note);
    }
    const [lo, hi] = [Math.min(...b), Math.max(...b)];
    // A stored plan's warm-up and cool-down (no ramp flag) climb and fall through their band.
    if (s.kind === 'warmup') return element('Warmup', { Duration: length(s), PowerLow: frac(lo), PowerHigh: frac(hi), ...more }, s.note);
    if (s.kind === 'cooldown')
      return element('Cooldown', { Duration: length(s), PowerLow: frac(hi), PowerHigh: frac(lo), ...more }, s.note);
    return element('SteadyState', { Duration: length(s), Power: frac((lo + hi) / 2), ...more }, s.note);
  };

  const mid = (b: [number, number]) => frac((b[0] + b[1]) / 2);
  const block = (node: WorkoutNode): string[] => {
    if (!isRepeat(node)) return [single(node)];
    const [on, off] = node.steps;
    const pair = node.steps.length === 2 && on && off && !isRepeat(on) && !isRepeat(off) && !on.ramp && !off.ramp;
    const [onBand, offBand] = pair ? [band(on.target), band(off.target)] : [null, null];
    if (pair && onBand && offBand) {
      const attrs: Attrs = {
        Repeat: node.count,
        OnDuration: length(on),
        OffDuration: length(off),
        OnPower: mid(onBand),
        OffPower: mid(offBand),
        ...(on.cadence ? { Cadence: Math.round((on.cadence.low + on.cadence.high) / 2) } : {}),
        ...(off.cadence ? { CadenceResting: Math.round((off.cadence.low + off.cadence.high) / 2) } : {}),
      };
      return [element('IntervalsT', { ...attrs, ...extra }, on.note)];
    }
    return Array.from({ length: Math.max(0, node.count) }, () => node.steps.flatMap(block)).flat();
  };
  const blocks = steps.flatMap(block);

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
