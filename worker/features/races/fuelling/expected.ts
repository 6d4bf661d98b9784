// What the fuelling plan is laid over: the stretch of the race where the athlete eats and drinks, its expected
// duration and clock. A run: the whole race at the Pacing tab's plan for the prediction's middle (over the course
// when there is one). A triathlon: from the end of T1 to the finish on the Swim · bike · run plan — nothing is taken
// in the swim — with the stops then placed on the whole race's distance and clock.
import type { Athlete } from '../../analytics';
import type { CourseService } from '../course/course.service';
import { formatRaceTime } from '../../../lib/format';
import { DEFAULT_NEGATIVE_SPLIT } from '../pacing.calc';
import type { PredictionService } from '../prediction.service';
import type { Race } from '../races.schema';
import { FORMAT_SPECS } from '../triathlon/formats';
import type { TriathlonService } from '../triathlon/triathlon.service';
import type { ClockPoint } from './fuelling.calc';

export interface ExpectedDeps {
  predictions: Pick<PredictionService, 'prediction'>;
  /** The Pacing tab's plan (over the race's course when it has one): the clock at each stop of a run. */
  pacing: Pick<CourseService, 'pacing'>;
  /** A triathlon's leg plan: its total and where the swim ends. */
  triathlon: Pick<TriathlonService, 'plan'>;
}

export type Expected =
  | {
      ok: true;
      /** The fuelled stretch: metres and seconds, its clock points, and where it starts in the race. */
      distanceM: number;
      durationS: number;
      pace?: ClockPoint[];
      basis: string;
      offset: { distanceM: number; clockS: number };
    }
  | { ok: false; reason: string };

export async function expectedOf(deps: ExpectedDeps, a: Athlete, race: Race): Promise<Expected> {
  if (race.sport === 'triathlon' && race.format) return triathlonExpected(deps, a, race);
  const p = (await deps.predictions.prediction(a, race.id)).prediction;
  if (p.state !== 'predicted' || !p.range)
    return {
      ok: false,
      reason: 'No predicted finish yet, so no expected duration: the plan needs one (see the Prediction tab for what would help).',
    };
  const pacing = await deps.pacing.pacing(a, race.id, { unit: 'km', target: 'mid', negativeSplit: DEFAULT_NEGATIVE_SPLIT });
  const where = pacing.flat ? 'a flat course' : 'your course';
  return {
    ok: true,
    distanceM: race.distanceM,
    durationS: p.range.mid,
    pace: pacing.plan?.splits.map((x) => ({ distanceM: x.toM, clockS: x.clockS })),
    basis: `The middle of your predicted finish (Prediction tab)${pacing.plan ? `, paced at even effort with a ${DEFAULT_NEGATIVE_SPLIT * 100} % negative split on ${where}` : ''}.`,
    offset: { distanceM: 0, clockS: 0 },
  };
}

async function triathlonExpected(deps: ExpectedDeps, a: Athlete, race: Race): Promise<Expected> {
  const { plan } = await deps.triathlon.plan(a, race.id);
  const spec = FORMAT_SPECS[race.format!];
  if (plan.totalS === null || plan.swim.state !== 'planned' || plan.bike.state !== 'planned')
    return {
      ok: false,
      reason: 'No expected time yet: plan every leg on the Swim · bike · run tab (it needs your swim, bike and run thresholds).',
    };
  const offsetS = plan.swim.timeS + plan.transitions.t1S;
  const durationS = plan.totalS - offsetS;
  const bikeEndS = plan.bike.timeS;
  return {
    ok: true,
    distanceM: spec.bikeM + spec.runM,
    durationS,
    pace: [
      { distanceM: spec.bikeM, clockS: bikeEndS },
      // T2 as the run's first metre: the clock must move forward with distance, and T2 takes its minutes there.
      { distanceM: spec.bikeM + 1, clockS: bikeEndS + plan.transitions.t2S },
      { distanceM: spec.bikeM + spec.runM, clockS: durationS },
    ],
    basis: `Your Swim · bike · run plan, ${formatRaceTime(plan.totalS)} in all: nothing is taken in the swim, so the plan covers the ${formatRaceTime(durationS)} from T1 to the finish; distances and clock below are the whole race's.`,
    offset: { distanceM: spec.swimM, clockS: offsetS },
  };
}
