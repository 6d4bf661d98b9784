// Bundled by race-day.bench.ts (esbuild, `cloudflare:*` stubbed): the worker's own course parser, prediction core and
// pacing core, run in Node's V8 as the worker runs them, and the bare XML reader for the same-run reference.
import { parseXmlStream } from '../worker/features/ingest';
import { pointsOf } from '../worker/features/races/course/course.calc';
import { parseCourseGpx } from '../worker/features/races/course/course-gpx';
import { planPacing } from '../worker/features/races/pacing.calc';
import { predictFinish } from '../worker/features/races/predict.calc';
import { best, TODAY } from '../worker/features/races/races.testing';

export { gpxCourse } from '../worker/features/races/course/course.testing';

async function* chunked(bytes: Uint8Array, size = 64 * 1024): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** The race-day request's server work: parse the course, predict the finish, pace the prediction's middle over it. */
export async function raceDay(bytes: Uint8Array): Promise<{ splits: number; points: number; targetS: number }> {
  const parsed = await parseCourseGpx(chunked(bytes));
  const criticalSpeed = { csMps: 4.1, dPrimeM: 220, date: TODAY };
  const prediction = predictFinish({
    race: { distanceM: 42195, date: '2027-04-25' },
    today: TODAY,
    bests: [best(5000, 1180, 20), best(10000, 2460, 45), best(21097.5, 5450, 70)],
    criticalSpeed,
    volume: { kmPerWeek: 70, weeksWithData: 8, ofWeeks: 8 },
    pastRaces: [],
  });
  if (prediction.state !== 'predicted') throw new Error(`no prediction: ${prediction.state}`);
  const plan = planPacing({
    distanceM: 42195,
    targetS: prediction.range.mid,
    unit: 'km',
    course: pointsOf(parsed.course),
    criticalSpeed,
    today: TODAY,
  });
  if (!plan.ok) throw new Error(plan.error.message);
  return { splits: plan.plan.splits.length, points: parsed.pointCount, targetS: prediction.range.mid };
}

/** The reference: the same bytes through the streaming XML reader with no handlers (decode, hash, tokenise). */
export async function bareXml(bytes: Uint8Array): Promise<void> {
  await parseXmlStream(chunked(bytes), {}, bytes.length + 1);
}
