// The MCP = REST mapping of `race_plan`: the race from /api/v1/races, the prediction from /races/{id}/prediction, the
// splits from /races/{id}/pacing (no course: flat, the middle of the range) and the fuelling from
// /races/{id}/fuelling?everyKm=5. Equal only where REST's `analytics` use counts what the tool's `ai` use counts: in
// strict mode (ADR 036) both leave Strava's API copies out; in the default mode REST's prediction may rest on them.
// Pure, and Node-runnable as mcp.equal.map.ts is.
import { daysBetween } from '../../lib/dates.ts';
import type { EqualWorld } from './mcp.equal.map.ts';

type J = Record<string, any>; // a REST body as JSON: each mapping names the fields it reads
const r = (x: number, dp = 0) => Math.round(x * 10 ** dp) / 10 ** dp;

/** The race a call reads: `race_id`'s, else the first upcoming one REST lists (null: none). */
export const raceOf = (w: EqualWorld, raceId: string | undefined) => (raceId ? w.races.find((x) => x.id === raceId) : w.races[0]) ?? null;

/** The REST reads a race_plan call wraps: the races list, then, with a run or a triathlon, its reads. */
export function racePlanPaths(w: EqualWorld, raceId: string | undefined): string[] {
  const race = raceOf(w, raceId);
  if (!race) return ['/api/v1/races'];
  const one = `/api/v1/races/${race.id}`;
  if (race.sport === 'triathlon') return ['/api/v1/races', one, `${one}/prediction`];
  return ['/api/v1/races', one, `${one}/prediction`, `${one}/pacing?unit=km&target=mid`, `/api/v1/races/${race.id}/fuelling?everyKm=5`];
}

function predictionFrom(body: J) {
  const p = body.prediction as J;
  const help = body.help as string[];
  if (p.state !== 'predicted') {
    const notEnough = p.state === 'notEnoughData';
    return {
      state: notEnough ? 'not_enough_data' : 'unsupported',
      // The engine's reason, said as "Not enough data yet: …" once (as the tool says it).
      reason: !notEnough ? p.reason : /^not enough data yet/i.test(p.reason) ? `N${p.reason.slice(1)}` : `Not enough data yet: ${p.reason}`,
      help,
      finish_low_s: null,
      finish_mid_s: null,
      finish_high_s: null,
      methods: [],
      widenings: [],
      basis: 'No prediction.',
    };
  }
  const methods = p.methods as J[];
  return {
    state: 'predicted',
    reason: null,
    help,
    finish_low_s: r(p.range.low),
    finish_mid_s: r(p.range.mid),
    finish_high_s: r(p.range.high),
    methods: methods.map((m) =>
      m.ran
        ? {
            method: m.method,
            time_s: r(m.timeS),
            reason: null,
            bests: (m.receipts.bests as J[]).map((b) => ({
              distance_m: r(b.distanceM, 1),
              time_s: r(b.timeS),
              date: b.date,
              activity_id: b.activityId,
            })),
          }
        : { method: m.method, time_s: null, reason: m.reason, bests: [] },
    ),
    widenings: (p.widenings as J[]).map((x) => x.why),
    basis: `An 80 % range around the middle of ${methods.filter((m) => m.ran).length} method(s) on the athlete's recent best efforts${p.shift ? `; ${p.shift.why}` : ''}. Only activities Cadence may pass to an AI are used.`,
  };
}

/** The tool's own words for its flat plan (REST's pacing states its target in its own words, `target.why`). */
const flatBasis = (negativeSplit: number) =>
  `The middle of the predicted range at even effort on a flat course, the second half ${r(negativeSplit * 100, 1)} % faster.`;

function pacingFrom(pacing: J) {
  const plan = pacing.plan as J;
  return {
    state: 'planned',
    reason: null,
    basis: flatBasis(plan.negativeSplit),
    target_s: r(plan.targetS),
    even_pace_s_per_km: r(plan.evenPaceS, 1),
    negative_split_percent: r(plan.negativeSplit * 100, 1),
    splits: (plan.splits as J[]).map((s) => ({
      km: s.index,
      to_m: r(s.toM, 1),
      time_s: r(s.timeS, 1),
      pace_s_per_km: r(s.paceS, 1),
      clock_s: r(s.clockS),
    })),
  };
}

function fuellingFrom(fuel: J, pacing: J) {
  const f = fuel.plan as J;
  const ml = (l: number) => r(l * 1000);
  return {
    state: 'planned',
    reason: null,
    duration_basis: flatBasis(pacing.plan.negativeSplit),
    carbs_g_per_h: r(f.carbs.gPerH),
    carbs_basis: f.carbs.basis,
    fluid_ml_per_h_low: ml(f.fluids.lPerH.low),
    fluid_ml_per_h_high: ml(f.fluids.lPerH.high),
    fluid_basis: f.fluids.basis,
    sodium_mg_per_h_low: r(f.fluids.sodiumMgPerH.low),
    sodium_mg_per_h_high: r(f.fluids.sodiumMgPerH.high),
    gut_trained: f.carbs.gutTraining.trained,
    stops: (f.stops as J[]).map((s) => ({
      distance_m: r(s.distanceM),
      clock_s: r(s.clockS),
      carbs_g: r(s.carbsG),
      fluid_ml_low: ml(s.fluidL.low),
      fluid_ml_high: ml(s.fluidL.high),
      sodium_mg_low: r(s.sodiumMg.low),
      sodium_mg_high: r(s.sodiumMg.high),
    })),
    notes: f.notes,
  };
}

/** An unplanned pacing or fuelling: its state compared, the tool's words why (no REST counterpart) not. */
const NONE = { state: 'none', reason: 'stated' };
export const withUnplannedSaid = (x: J) => {
  const said = (p: J | null) => (p && p.state === 'none' ? { state: 'none', reason: p.reason ? 'stated' : null } : p);
  return { ...x, pacing: said(x.pacing), fuelling: said(x.fuelling) };
};

/** The REST answers of racePlanPaths → race_plan. */
export function racePlanFrom([list, one, prediction, pacing, fuel]: { status: number; body: J }[], w: EqualWorld) {
  const upcoming = list!.body.races as J[];
  const race = one?.body;
  const other_races = upcoming
    .filter((x) => x.id !== race?.id)
    .slice(0, 5)
    .map((x) => ({ id: x.id, name: x.name, date: x.raceDate }));
  const base = { time_zone: w.timeZone, today: w.today, other_races };
  if (!race)
    return {
      ...base,
      race: null,
      empty: 'No upcoming race: the athlete can add one on the Races page or set their plan’s goal race.',
      prediction: null,
      pacing: null,
      fuelling: null,
    };
  const predicted = prediction!.body.prediction.state === 'predicted';
  const planned = race.sport === 'run' && predicted && pacing?.body.plan;
  return {
    ...base,
    race: {
      id: race.id,
      source: race.source,
      name: race.name,
      sport: race.sport,
      format: race.format ?? null,
      distance_m: race.distanceM,
      date: race.raceDate,
      time_zone: w.timeZone,
      start_utc: null,
      days_to_race: daysBetween(w.today, race.raceDate),
    },
    empty: null,
    prediction: predictionFrom(prediction!.body),
    pacing: planned ? pacingFrom(pacing!.body) : NONE,
    fuelling: planned && fuel?.body.state === 'planned' ? fuellingFrom(fuel.body, pacing!.body) : NONE,
  };
}
