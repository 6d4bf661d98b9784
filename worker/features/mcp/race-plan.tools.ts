// race_plan: the next race (or one by id) with its predicted finish, even-effort pacing and fuelling, all from the
// `ai` sources as the AI coach reads them (predictions.forCoach, never stored): the stored prediction and the
// Pacing tab may rest on Strava's API copies, so pacing is planned here on a flat course from the `ai` middle,
// and fuelling over that, with the athlete's own sweat tests and gut-training log.
import { z } from 'zod';
import { DEFAULT_NEGATIVE_SPLIT, planFuelling, planPacing, type Prediction } from '../races';
import { daysBetween } from '../../lib/dates';
import { defineTool, type McpDeps } from './mcp.kit';
import { ActivityId, LocalDate, TimeZone } from './mcp.schema';

const FUEL_EVERY_KM = 5;
const OTHERS = 5;
const r = (x: number, dp = 0) => Math.round(x * 10 ** dp) / 10 ** dp;

const Best = z.object({ distance_m: z.number(), time_s: z.number(), date: LocalDate, activity_id: ActivityId });
const PredictionOut = z.object({
  state: z.enum(['predicted', 'not_enough_data', 'unsupported']),
  reason: z.string().nullable().describe('Why there is no prediction ("not enough data yet" and what would help)'),
  help: z.array(z.string()),
  finish_low_s: z.number().nullable().describe('Fast end of the 80 % range'),
  finish_mid_s: z.number().nullable(),
  finish_high_s: z.number().nullable().describe('Slow end of the 80 % range'),
  methods: z.array(
    z.object({
      method: z.string(),
      time_s: z.number().nullable(),
      reason: z.string().nullable().describe('Why it did not run'),
      bests: z.array(Best).describe('Receipts: the best efforts it rests on'),
    }),
  ),
  widenings: z.array(z.string()).describe('Why the range is as wide as it is'),
  basis: z.string(),
});
const Pacing = z.object({
  state: z.enum(['planned', 'none']),
  reason: z.string().nullable(),
  basis: z.string().nullable(),
  target_s: z.number().nullable(),
  even_pace_s_per_km: z.number().nullable(),
  negative_split_percent: z.number().nullable(),
  splits: z.array(z.object({ km: z.number().int(), to_m: z.number(), time_s: z.number(), pace_s_per_km: z.number(), clock_s: z.number() })),
});
const Fuelling = z.object({
  state: z.enum(['planned', 'none']),
  reason: z.string().nullable(),
  duration_basis: z.string().nullable(),
  carbs_g_per_h: z.number().nullable(),
  carbs_basis: z.array(z.string()),
  fluid_ml_per_h_low: z.number().nullable(),
  fluid_ml_per_h_high: z.number().nullable(),
  fluid_basis: z.array(z.string()).describe('Receipts: the sweat tests (dates) the fluid rests on, or the general band'),
  sodium_mg_per_h_low: z.number().nullable(),
  sodium_mg_per_h_high: z.number().nullable(),
  gut_trained: z.boolean().nullable(),
  stops: z.array(
    z.object({
      distance_m: z.number(),
      clock_s: z.number(),
      carbs_g: z.number(),
      fluid_ml_low: z.number(),
      fluid_ml_high: z.number(),
      sodium_mg_low: z.number(),
      sodium_mg_high: z.number(),
    }),
  ),
  notes: z.array(z.string()),
});
const RaceOut = z.object({
  id: z.uuid(),
  source: z.enum(['athlete', 'plan']).describe('`plan`: the active plan’s goal race'),
  name: z.string(),
  sport: z.enum(['run', 'triathlon']),
  format: z.string().nullable(),
  distance_m: z.number(),
  date: LocalDate,
  time_zone: TimeZone,
  start_utc: z.null().describe('Cadence stores no start time for a race: only its local date'),
  days_to_race: z.number().int(),
});

type PacingOut = z.infer<typeof Pacing>;
type FuelOut = z.infer<typeof Fuelling>;
const NO_PACING = (reason: string): PacingOut => ({
  state: 'none',
  reason,
  basis: null,
  target_s: null,
  even_pace_s_per_km: null,
  negative_split_percent: null,
  splits: [],
});
const NO_FUEL = (reason: string): FuelOut => ({
  state: 'none',
  reason,
  duration_basis: null,
  carbs_g_per_h: null,
  carbs_basis: [],
  fluid_ml_per_h_low: null,
  fluid_ml_per_h_high: null,
  fluid_basis: [],
  sodium_mg_per_h_low: null,
  sodium_mg_per_h_high: null,
  gut_trained: null,
  stops: [],
  notes: [],
});

const best = (b: { distanceM: number; timeS: number; date: string; activityId: string }) => ({
  distance_m: r(b.distanceM, 1),
  time_s: r(b.timeS),
  date: b.date,
  activity_id: b.activityId,
});

/** The engine's reason, said as "Not enough data yet: …" once. */
const notEnough = (reason: string) => (/^not enough data yet/i.test(reason) ? `N${reason.slice(1)}` : `Not enough data yet: ${reason}`);

function presentPrediction(p: Prediction, help: string[]): z.infer<typeof PredictionOut> {
  if (p.state !== 'predicted')
    return {
      state: p.state === 'notEnoughData' ? 'not_enough_data' : 'unsupported',
      reason: p.state === 'notEnoughData' ? notEnough(p.reason) : p.reason,
      help,
      finish_low_s: null,
      finish_mid_s: null,
      finish_high_s: null,
      methods: [],
      widenings: [],
      basis: 'No prediction.',
    };
  return {
    state: 'predicted',
    reason: null,
    help,
    finish_low_s: r(p.range.low),
    finish_mid_s: r(p.range.mid),
    finish_high_s: r(p.range.high),
    methods: p.methods.map((m) =>
      m.ran
        ? { method: m.method, time_s: r(m.timeS), reason: null, bests: m.receipts.bests.map(best) }
        : { method: m.method, time_s: null, reason: m.reason, bests: [] },
    ),
    widenings: p.widenings.map((w) => w.why),
    basis: `An 80 % range around the middle of ${p.methods.filter((m) => m.ran).length} method(s) on the athlete's recent best efforts${p.shift ? `; ${p.shift.why}` : ''}. Only activities Cadence may pass to an AI are used.`,
  };
}

export const racePlanTool = defineTool({
  name: 'race_plan',
  title: 'Race plan: prediction, pacing, fuelling',
  description:
    'The athlete’s next race (or one by `race_id`): its local date, the predicted finish as an 80 % range in seconds with each method’s best efforts (activity ids, dates) as receipts, even-effort splits per km (time_s, pace_s_per_km, clock_s) and a fuelling plan (carbs_g_per_h, fluid_ml_per_h, sodium_mg_per_h, stops every 5 km). Without a race, `race` is null; without a prediction, the reason and what would help. Upcoming races are listed in `other_races`.',
  scope: 'plan:read',
  input: z
    .object({ race_id: z.uuid().optional().describe('One of the athlete’s races (from `other_races`). Default: the next.') })
    .strict(),
  output: z.object({
    time_zone: TimeZone,
    today: LocalDate,
    race: RaceOut.nullable(),
    empty: z.string().nullable().describe('Set when there is no race'),
    prediction: PredictionOut.nullable(),
    pacing: Pacing.nullable(),
    fuelling: Fuelling.nullable(),
    other_races: z.array(z.object({ id: z.uuid(), name: z.string(), date: LocalDate })).describe('Upcoming races, soonest first'),
  }),
  async run(deps, input) {
    const a = deps.athlete;
    const today = deps.analytics.today(a);
    const upcoming = await deps.races.list(a);
    // By id: the races service's own 404 for a race that is not the athlete's.
    const race = input.race_id ? await deps.races.get(a, input.race_id) : upcoming[0];
    const others = upcoming.filter((x) => x.id !== race?.id).slice(0, OTHERS);
    const other_races = others.map((x) => ({ id: x.id, name: x.name, date: x.raceDate }));
    const base = { time_zone: a.timeZone, today, other_races };
    if (!race)
      return {
        ...base,
        race: null,
        empty: 'No upcoming race: the athlete can add one on the Races page or set their plan’s goal race.',
        prediction: null,
        pacing: null,
        fuelling: null,
      };
    const answer = await deps.predictions.forCoach(a, race.id);
    // The API's schema type is the loose one; the value is the engine's own Prediction (prediction.service answer()).
    const p = answer.prediction as Prediction;
    const help = answer.help;
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
        time_zone: a.timeZone,
        start_utc: null,
        days_to_race: daysBetween(today, race.raceDate),
      },
      empty: null,
      prediction: presentPrediction(p, help),
      ...(await paceAndFuel(deps, race, p, today)),
    };
  },
});

async function paceAndFuel(
  deps: McpDeps,
  race: { distanceM: number; sport: string },
  p: Prediction,
  today: string,
): Promise<{ pacing: PacingOut; fuelling: FuelOut }> {
  if (race.sport === 'triathlon') {
    const why = 'A triathlon is planned leg by leg in Cadence (its Swim · bike · run tab); not available here yet.';
    return { pacing: NO_PACING(why), fuelling: NO_FUEL(why) };
  }
  if (p.state !== 'predicted') {
    const why = 'Not enough data yet: no predicted finish, so no target to pace or fuel.';
    return { pacing: NO_PACING(why), fuelling: NO_FUEL(why) };
  }
  const paced = planPacing({
    distanceM: race.distanceM,
    targetS: p.range.mid,
    unit: 'km',
    course: null,
    negativeSplit: DEFAULT_NEGATIVE_SPLIT,
    criticalSpeed: null,
    today,
  });
  if (!paced.ok) return { pacing: NO_PACING(paced.error.reason), fuelling: NO_FUEL(paced.error.reason) };
  const plan = paced.plan;
  const basis = `The middle of the predicted range at even effort on a flat course, the second half ${DEFAULT_NEGATIVE_SPLIT * 100} % faster.`;
  const pacing: PacingOut = {
    state: 'planned',
    reason: null,
    basis,
    target_s: r(plan.targetS),
    even_pace_s_per_km: r(plan.evenPaceS, 1),
    negative_split_percent: r(plan.negativeSplit * 100, 1),
    splits: plan.splits.map((s) => ({
      km: s.index,
      to_m: r(s.toM, 1),
      time_s: r(s.timeS, 1),
      pace_s_per_km: r(s.paceS, 1),
      clock_s: r(s.clockS),
    })),
  };
  const [tests, sessions] = await Promise.all([deps.fuelling.sweatTests(deps.athlete), deps.fuelling.gutSessions(deps.athlete)]);
  const fuel = planFuelling({
    distanceM: race.distanceM,
    durationS: p.range.mid,
    durationBasis: basis,
    pace: plan.splits.map((s) => ({ distanceM: s.toM, clockS: s.clockS })),
    layout: { kind: 'everyKm', km: FUEL_EVERY_KM },
    sweatTests: tests.map((t) => ({
      id: t.id,
      date: t.date,
      rateLPerH: t.rateLPerH,
      massBeforeKg: t.massBeforeKg,
      temperatureC: t.temperatureC,
    })),
    raceTemperatureC: null,
    gutSessions: sessions,
    today,
  });
  if (!fuel.ok) return { pacing, fuelling: NO_FUEL(fuel.error.message) };
  const f = fuel.plan;
  const ml = (l: number) => r(l * 1000);
  return {
    pacing,
    fuelling: {
      state: 'planned',
      reason: null,
      duration_basis: f.durationBasis,
      carbs_g_per_h: r(f.carbs.gPerH),
      carbs_basis: f.carbs.basis,
      fluid_ml_per_h_low: ml(f.fluids.lPerH.low),
      fluid_ml_per_h_high: ml(f.fluids.lPerH.high),
      fluid_basis: f.fluids.basis,
      sodium_mg_per_h_low: r(f.fluids.sodiumMgPerH.low),
      sodium_mg_per_h_high: r(f.fluids.sodiumMgPerH.high),
      gut_trained: f.carbs.gutTraining.trained,
      stops: f.stops.map((s) => ({
        distance_m: r(s.distanceM),
        clock_s: r(s.clockS),
        carbs_g: r(s.carbsG),
        fluid_ml_low: ml(s.fluidL.low),
        fluid_ml_high: ml(s.fluidL.high),
        sodium_mg_low: r(s.sodiumMg.low),
        sodium_mg_high: r(s.sodiumMg.high),
      })),
      notes: f.notes,
    },
  };
}
