// An indoor ride as an ERG-mode course file: .erg (MINUTES WATTS, absolute from the athlete's FTP) or
// .mrc (MINUTES PERCENT of FTP), the plain text formats trainer apps (TrainerRoad, Golden Cheetah,
// Wahoo, PerfPRO) read. Both are a power profile of (minute, value) points: a steady step is two points
// at one value, a ramp a sloped segment from its low to its high. The formats cannot nest, so repeats
// are unrolled. Lap and distance steps have no place on a time axis and are refused.
import { isRepeat, type Workout, type WorkoutNode, type WorkoutStep, type WorkoutTarget, ZONE_BANDS } from '../../workouts';
import { type ExportWorkout, ExportUnsupportedError, workoutSteps } from './export.types.ts';

/** A stretch of the profile: `fromPct` to `toPct` of FTP over `sec` seconds (equal for a steady step). */
export interface PowerSegment {
  sec: number;
  fromPct: number;
  toPct: number;
}

/** With no power target (heart rate, RPE, none), the trainer holds an easy 50 % so the step still rides. */
const EASY = 0.5;

/** The step's power as fractions of FTP, [start, end]. */
function powerOf(t: WorkoutTarget | null, ramp: boolean, ftpW: number | null): [number, number] {
  let band: [number, number] = [EASY, EASY];
  if (t && t.metric === 'power' && 'unit' in t) {
    if (!ftpW) throw new ExportUnsupportedError('erg', 'thresholds', 'bike', 'Watt targets need an FTP to write this ride as a percentage');
    band = [t.low / ftpW, t.high / ftpW];
  } else if (t && t.metric === 'power' && 'low' in t) band = [t.low, t.high];
  else if (t && t.metric === 'power' && !('low' in t)) band = ZONE_BANDS.bike[t.zone]!;
  // A zone label on another metric (stored plans keep one) rides at that power zone.
  else {
    const zone = t && 'zone' in t ? t.zone : undefined;
    if (zone) band = ZONE_BANDS.bike[zone]!;
  }
  if (ramp) return band;
  const mid = (band[0] + band[1]) / 2;
  return [mid, mid];
}

/** The ride's power profile, repeats unrolled (`ftpW` only converts watt targets). */
export function powerProfile(w: Pick<Workout, 'sport' | 'steps'>, ftpW: number | null): PowerSegment[] {
  if (w.sport !== 'bike')
    throw new ExportUnsupportedError('erg', 'sport', w.sport, `ERG files are indoor rides; a ${w.sport} workout cannot be exported`);
  const step = (s: WorkoutStep): PowerSegment => {
    if (s.durationSec === null) {
      const reason = s.distanceM === null ? 'open_steps' : 'distance_steps';
      throw new ExportUnsupportedError('erg', reason, 'bike', 'ERG files are timed; this ride has lap-button or distance steps');
    }
    const [fromPct, toPct] = powerOf(s.target, s.ramp === true, ftpW);
    return { sec: s.durationSec, fromPct, toPct };
  };
  const unroll = (nodes: WorkoutNode[]): PowerSegment[] =>
    nodes.flatMap((n) => (isRepeat(n) ? Array.from({ length: n.count }, () => unroll(n.steps)).flat() : [step(n)]));
  return unroll(w.steps);
}

const minutes = (sec: number): string => (sec / 60).toFixed(2);
/** One decimal, no trailing ".0". */
const num = (x: number): string => String(Math.round(x * 10) / 10);
/** Header values are one line each. */
const line = (text: string): string => text.replace(/[\r\n[\]]+/g, ' ').trim();

/** The .erg (unit 'watts', needs FTP) or .mrc (unit 'percent') text of a ride. */
/** What an ERG file reads of a workout: its steps may be any structured tree. */
export type ErgInput = Pick<ExportWorkout, 'title' | 'sport' | 'durationSec' | 'distanceM' | 'intensity'> & { steps: WorkoutNode[] };

export function ergWorkout(w: ErgInput, unit: 'watts' | 'percent', ftpW: number | null, fileName = 'workout'): string {
  if (unit === 'watts' && !ftpW) {
    throw new ExportUnsupportedError(
      'erg',
      'thresholds',
      w.sport,
      'An .erg file is in watts: set your FTP first (or download the .mrc, in % of FTP)',
    );
  }
  const segments = powerProfile({ sport: w.sport, steps: workoutSteps(w) }, ftpW);
  const value = (pct: number): string => (unit === 'watts' ? String(Math.round(pct * ftpW!)) : num(pct * 100));
  const rows: string[] = [];
  let at = 0;
  for (const s of segments) {
    rows.push(`${minutes(at)}\t${value(s.fromPct)}`);
    at += s.sec;
    rows.push(`${minutes(at)}\t${value(s.toPct)}`);
  }
  const header = [
    '[COURSE HEADER]',
    'VERSION = 2',
    'UNITS = ENGLISH',
    `DESCRIPTION = ${line(w.title)}`,
    `FILE NAME = ${line(fileName)}`,
    ...(ftpW ? [`FTP = ${Math.round(ftpW)}`] : []),
    unit === 'watts' ? 'MINUTES WATTS' : 'MINUTES PERCENT',
    '[END COURSE HEADER]',
  ];
  return `${[...header, '[COURSE DATA]', ...rows, '[END COURSE DATA]'].join('\r\n')}\r\n`;
}
