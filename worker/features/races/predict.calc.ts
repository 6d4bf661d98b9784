// A race's predicted finish as an 80 % range: three views (the athlete's own Riegel line, Daniels/Gilbert VDOT,
// critical speed from the training log), each with its receipts or the reason it could not run, combined on a log
// scale and widened for every stated reason. No recent best: "not enough data yet", never a guess.

import { criticalSpeedPredict } from './critical-speed.calc';
import { marathonShift, middleOf, rangeOf, widenings } from './range.calc';
import type { MethodResult, PastError, PastRace, Prediction, PredictionInput, RaceBest } from './races.types';
import { MIN_DISTANCE_M, RECENT_DAYS, recentBests } from './recent-bests.calc';
import { nearestBest, riegelPredict } from './riegel.calc';
import { timeForVdot, vdotOf } from './vdot.calc';

/** The longest race this slice predicts: beyond the marathon no method here has evidence. */
export const MAX_RACE_M = 42195 * 1.01;

type Shift = ReturnType<typeof marathonShift>;
const shifted = (timeS: number, shift: Shift) => timeS * (shift?.factor ?? 1);
const shiftNote = (shift: Shift) => (shift ? [shift.why] : []);

function riegelMethod(used: RaceBest[], distanceM: number, shift: Shift): MethodResult {
  const r = riegelPredict(used, distanceM);
  return {
    method: 'riegel',
    ran: true,
    timeS: shifted(r.timeS, shift),
    receipts: { bests: r.bests, exponent: r.exponent },
    notes: [...r.notes, ...shiftNote(shift)],
  };
}

/** VDOT from the best nearest the race (the least extrapolation); every best's own VDOT is in the receipts. */
function vdotMethod(used: RaceBest[], distanceM: number, shift: Shift): MethodResult {
  const from = nearestBest(used, distanceM);
  const value = vdotOf(from.distanceM, from.timeS);
  return {
    method: 'vdot',
    ran: true,
    timeS: shifted(timeForVdot(distanceM, value), shift),
    receipts: {
      bests: [from],
      vdot: {
        value,
        byBest: used.map((b) => ({ activityId: b.activityId, distanceM: b.distanceM, vdot: vdotOf(b.distanceM, b.timeS) })),
      },
    },
    notes: shiftNote(shift),
  };
}

function criticalSpeedMethod(input: PredictionInput): MethodResult {
  const cs = input.criticalSpeed;
  const r = criticalSpeedPredict(input.race.distanceM, cs, input.today);
  if ('insufficient' in r) return { method: 'criticalSpeed', ran: false, reason: r.insufficient };
  return {
    method: 'criticalSpeed',
    ran: true,
    timeS: r.timeS,
    receipts: { bests: [], criticalSpeed: { ...cs!, fraction: r.fraction } },
    notes: r.notes,
  };
}

/** Past races at this distance (within 1 %), newest first, each with how far its prediction was off. */
export function pastErrors(past: PastRace[], distanceM: number): PastError[] {
  return past
    .filter((p) => Math.abs(p.distanceM - distanceM) <= 0.01 * distanceM && p.actualS > 0 && p.predicted.mid > 0)
    .sort((a, b) => b.date.localeCompare(a.date))
    .map((p) => ({
      date: p.date,
      distanceM: p.distanceM,
      actualS: p.actualS,
      predictedMidS: p.predicted.mid,
      predictedLowS: p.predicted.low,
      predictedHighS: p.predicted.high,
      errorS: p.actualS - p.predicted.mid,
      errorPct: ((p.actualS - p.predicted.mid) / p.predicted.mid) * 100,
      inRange: p.actualS >= p.predicted.low && p.actualS <= p.predicted.high,
    }));
}

export function predictFinish(input: PredictionInput): Prediction {
  const { distanceM } = input.race;
  if (!(distanceM >= MIN_DISTANCE_M && distanceM <= MAX_RACE_M))
    return { state: 'unsupported', reason: `predictions cover races from ${MIN_DISTANCE_M} m to the marathon` };
  const { used, excluded, old } = recentBests(input.bests, input.today);
  if (used.length === 0)
    return {
      state: 'notEnoughData',
      reason: `not enough data yet: no usable best in the last ${RECENT_DAYS} days (run a hard 5 km or 10 km and it will show here)`,
      excluded,
    };
  const shift = marathonShift(distanceM, input.volume);
  const methods = [riegelMethod(used, distanceM, shift), vdotMethod(used, distanceM, shift), criticalSpeedMethod(input)];
  const times = methods.flatMap((m) => (m.ran ? [m.timeS] : []));
  const mid = middleOf(times);
  const ws = widenings({
    distanceM,
    used,
    nearest: nearestBest(used, distanceM),
    methodTimes: times,
    volume: input.volume,
    form: input.form,
    old,
  });
  return {
    state: 'predicted',
    range: rangeOf(mid, ws),
    methods,
    spread: times.length > 1 ? (Math.max(...times) - Math.min(...times)) / mid : 0,
    widenings: ws,
    shift,
    used,
    excluded,
    form: input.form ?? null,
    pastErrors: pastErrors(input.pastRaces ?? [], distanceM),
  };
}
