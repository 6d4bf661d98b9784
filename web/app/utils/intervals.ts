// How the activity page writes intervals and plan vs done: rep lengths, paces and powers, targets in the
// athlete's numbers, and the one-line sentence per rep. Pure, so the server's HTML and the page agree.
import type { ActivityIntervals } from '../../../worker/features/intervals';
import { formatRaceTime, METRES_PER_UNIT } from '../../../worker/lib/format';
import { pace } from './analytics-format';
import type { Units } from './analytics';

type Plan = NonNullable<ActivityIntervals['planVsDone']>;
export type Rep = Plan['reps'][number];
export type Segment = NonNullable<ActivityIntervals['detection']>['segments'][number];
type Range = NonNullable<Rep['planned']['range']>;

/** "2:58", "1:02:03". */
export const clock = (seconds: number) => formatRaceTime(Math.round(seconds));

/** A rep's distance: metres up to 2 km (track reps read in metres everywhere), else km or mi. */
export function repDistance(metres: number, units: Units): string {
  if (metres < 2000) return `${Math.round(metres / 10) * 10} m`;
  return `${(metres / METRES_PER_UNIT[units]).toFixed(2)} ${units}`;
}

/** Seconds per km or mile (per 100 m for swims) at a speed, as the pace text. */
export function paceOf(mps: number, units: Units, sport: string): string | null {
  if (!(mps > 0)) return null;
  if (sport === 'swim') {
    const per100 = Math.round(100 / mps);
    return `${Math.floor(per100 / 60)}:${String(per100 % 60).padStart(2, '0')} /100\u00a0m`;
  }
  return pace(METRES_PER_UNIT[units] / mps, units);
}

/** What a segment was held at: pace (speed for rides without power), or power. */
export function heldText(s: Segment, units: Units, sport: string): string | null {
  if (sport === 'ride') {
    if (s.avgPower !== null && s.avgPower > 0) return `${Math.round(s.avgPower)} W`;
    if (s.avgSpeedMps) return `${((s.avgSpeedMps * 3600) / METRES_PER_UNIT[units]).toFixed(1)} ${units === 'mi' ? 'mph' : 'km/h'}`;
    return null;
  }
  return s.avgSpeedMps ? paceOf(s.avgSpeedMps, units, sport) : s.avgPower ? `${Math.round(s.avgPower)} W` : null;
}

/**
 * A target in the athlete's numbers. A pace target on a distance rep reads as the time for the distance
 * ("2:52–3:02"), on a timed rep as a pace range, fastest first.
 */
export function targetText(range: Range, planned: Rep['planned'], units: Units, sport: string): string {
  if (range.metric === 'power') return `${Math.round(range.low)}–${Math.round(range.high)} W`;
  if (range.metric === 'hr') return `${Math.round(range.low)}–${Math.round(range.high)} bpm`;
  if (planned.distanceM) return `${clock(planned.distanceM / range.high)}–${clock(planned.distanceM / range.low)}`;
  const fast = paceOf(range.high, units, sport) ?? '';
  const slow = paceOf(range.low, units, sport) ?? '';
  // "3:18–3:34 /km": the unit once, after the slower pace.
  return `${fast.replace(/\s?\/.*$/, '')}–${slow}`;
}

/** How the held figure sat against the target, in words. */
export function verdictText(target: NonNullable<Rep['target']>, metric: Range['metric']): string {
  if (target.verdict === 'within') return 'on target';
  if (metric === 'pace') return target.verdict === 'below' ? 'slower' : 'faster';
  return target.verdict === 'below' ? 'lower' : 'higher';
}

/** What the rep planned: "800 m", "3:00". */
export const plannedText = (p: Rep['planned'], units: Units) =>
  p.distanceM ? repDistance(p.distanceM, units) : p.durationSec ? clock(p.durationSec) : '—';

/** What was done: "800 m in 2:58" for a distance rep, "3:00 · 1.02 km" for a timed one. */
export function doneText(rep: Rep, units: Units): string {
  const d = rep.done;
  if (!d) return 'Not found';
  if (rep.planned.distanceM && d.distanceM !== null) return `${repDistance(d.distanceM, units)} in ${clock(d.durationS)}`;
  return d.distanceM ? `${clock(d.durationS)} · ${repDistance(d.distanceM, units)}` : clock(d.durationS);
}

/** "Rep 3 of 6: 800 m in 2:58 · target 2:52–3:02 ✓": one rep in a sentence (the row's accessible summary). */
export function repSentence(rep: Rep, total: number, units: Units, sport: string): string {
  const head = `Rep ${rep.rep} of ${total}: `;
  if (!rep.done) return `${head}not found in the recording (planned ${plannedText(rep.planned, units)})`;
  const range = rep.planned.range;
  const target = range ? ` · target ${targetText(range, rep.planned, units, sport)}` : '';
  const mark = rep.target ? (rep.target.verdict === 'within' ? ' ✓' : ` (${verdictText(rep.target, range!.metric)})`) : '';
  const held = rep.planned.distanceM ? '' : ` at ${heldText(rep.done, units, sport) ?? '—'}`;
  return `${head}${doneText(rep, units)}${held}${target}${mark}`;
}
