// Who needs their coach first: a pure, documented score over what the dashboard already knows of each
// linked athlete (ADR 034). Every point comes with the sentence that explains it, so a row never says
// "high" without saying why. Pure: the page and the API read the same words.
import { fixed, signed } from '../../../lib/format.ts';

/** What the score reads of one athlete; null where the athlete shares nothing to read it from. */
export interface AttentionInput {
  id: string;
  name: string;
  /** Accepted link (training shared) or a request still waiting: a waiting one has nothing to score. */
  shared: boolean;
  /** Planned workouts of the last 7 days (before today) that were neither done nor skipped. */
  missed: number;
  /** Workouts whose day changed in the last 7 days (athlete, coach or AI coach). */
  moved: number;
  /** Today's form (TSB); null without shared activities. */
  tsb: number | null;
  /** CTL change over the last 7 days; null with less than 8 days of history. */
  rampRate: number | null;
  /** Whole days since the last shared activity's local day; null when there has never been one. */
  daysSinceActivity: number | null;
}

/** The thresholds a reason starts at; the service passes the analytics feature's own. */
export interface AttentionRules {
  /** CTL points per 7 days above which the ramp is flagged (the insights' load warning). */
  rampWarn: number;
  /** TSB below which form is deep negative (the 'overreaching' band). */
  deepTsb: number;
  /** Days without a shared activity that count as gone quiet, and twice that as long quiet. */
  quietDays: number;
}

export type ReasonKind = 'missed' | 'deep_fatigue' | 'ramp' | 'quiet' | 'no_activity' | 'moved';

export interface Reason {
  kind: ReasonKind;
  points: number;
  text: string;
}

export type AttentionLevel = 'high' | 'watch' | 'ok' | 'waiting';

export interface Attention {
  score: number;
  level: AttentionLevel;
  /** Largest first; empty when nothing is wrong (or nothing is shared yet). */
  reasons: Reason[];
}

/**
 * The points. A missed workout is the plainest sign a coach can act on, so it weighs most per item (capped
 * at three, so a lapsed plan does not bury every other signal); deep fatigue and a steep ramp are injury and
 * illness risks and rank next; going quiet is a softer sign; a moved workout is only schedule friction.
 */
export const POINTS = {
  missedEach: 30,
  missedCap: 3,
  deepFatigue: 40,
  /** One more point per TSB point below the threshold, up to this many. */
  deepFatigueExtraCap: 20,
  ramp: 35,
  quiet: 20,
  longQuiet: 30,
  noActivity: 15,
  movedEach: 5,
  movedCap: 3,
} as const;

/** From this score a row is "needs attention"; from `WATCH` "keep an eye on"; below, on track. */
export const HIGH = 40;
export const WATCH = 15;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The reasons an athlete needs attention, largest first. */
export function reasonsFor(a: AttentionInput, rules: AttentionRules): Reason[] {
  if (!a.shared) return [];
  const out: Reason[] = [];
  if (a.missed > 0)
    out.push({
      kind: 'missed',
      points: POINTS.missedEach * Math.min(a.missed, POINTS.missedCap),
      text: `Missed ${plural(a.missed, 'workout')} in the last 7 days`,
    });
  if (a.tsb !== null && a.tsb < rules.deepTsb)
    out.push({
      kind: 'deep_fatigue',
      points: POINTS.deepFatigue + Math.min(POINTS.deepFatigueExtraCap, Math.floor(rules.deepTsb - a.tsb)),
      text: `Form ${signed(a.tsb, 0)}: deep fatigue (below ${signed(rules.deepTsb, 0)})`,
    });
  if (a.rampRate !== null && a.rampRate > rules.rampWarn)
    out.push({
      kind: 'ramp',
      points: POINTS.ramp,
      text: `Fitness up ${fixed(a.rampRate, 1)} in 7 days (above ${fixed(rules.rampWarn)})`,
    });
  if (a.daysSinceActivity === null) out.push({ kind: 'no_activity', points: POINTS.noActivity, text: 'No shared activities yet' });
  else if (a.daysSinceActivity >= rules.quietDays)
    out.push({
      kind: 'quiet',
      points: a.daysSinceActivity >= 2 * rules.quietDays ? POINTS.longQuiet : POINTS.quiet,
      text: `No activity for ${plural(a.daysSinceActivity, 'day')}`,
    });
  if (a.moved > 0)
    out.push({
      kind: 'moved',
      points: POINTS.movedEach * Math.min(a.moved, POINTS.movedCap),
      text: `Moved ${plural(a.moved, 'workout')} in the last 7 days`,
    });
  return out.sort((x, y) => y.points - x.points || ORDER.indexOf(x.kind) - ORDER.indexOf(y.kind));
}

// Equal points read in this order (the order of the rules above).
const ORDER: ReasonKind[] = ['missed', 'deep_fatigue', 'ramp', 'quiet', 'no_activity', 'moved'];

export function attentionOf(a: AttentionInput, rules: AttentionRules): Attention {
  const reasons = reasonsFor(a, rules);
  const score = reasons.reduce((s, r) => s + r.points, 0);
  const level: AttentionLevel = !a.shared ? 'waiting' : score >= HIGH ? 'high' : score >= WATCH ? 'watch' : 'ok';
  return { score, level, reasons };
}

/**
 * The dashboard's order: shared athletes by score, highest first, then those still asked (nothing to
 * score); ties by name, then id, so the order never depends on how the rows arrived.
 */
export function byAttention<T extends AttentionInput>(rows: T[], rules: AttentionRules): (T & { attention: Attention })[] {
  return rows
    .map((r) => ({ ...r, attention: attentionOf(r, rules) }))
    .sort(
      (x, y) =>
        Number(y.shared) - Number(x.shared) ||
        y.attention.score - x.attention.score ||
        x.name.localeCompare(y.name, 'en') ||
        (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
    );
}
