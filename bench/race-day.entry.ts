// Bundled by race-day.bench.ts (esbuild, `cloudflare:*` stubbed): the worker's own course parser, prediction core,
// pacing core, fuelling plan and race card (its model and PDF), run in Node's V8 as the worker runs them, and the bare
// XML reader for the same-run reference.
import { parseXmlStream } from '../worker/features/ingest';
import { pointsOf } from '../worker/features/races/course/course.calc';
import { parseCourseGpx } from '../worker/features/races/course/course-gpx';
import { cardPdf } from '../worker/features/races/card/card-pdf';
import { contingencies, fuelCheckpoints, morningTimeline, splitRows } from '../worker/features/races/card/card.calc';
import type { RaceCardModel } from '../worker/features/races/card/card.types';
import { planFuelling } from '../worker/features/races/fuelling/fuelling.calc';
import { planPacing } from '../worker/features/races/pacing.calc';
import { predictFinish } from '../worker/features/races/predict.calc';
import { best, TODAY } from '../worker/features/races/races.testing';

export { gpxCourse } from '../worker/features/races/course/course.testing';

async function* chunked(bytes: Uint8Array, size = 64 * 1024): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/**
 * The race-day requests' server work: parse the course, predict the finish, pace the prediction's middle over it,
 * lay out the fuelling on that clock, and assemble the race card and its PDF.
 */
export async function raceDay(bytes: Uint8Array): Promise<{ splits: number; points: number; targetS: number; pdfBytes: number }> {
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
  const fuelling = planFuelling({
    distanceM: 42195,
    durationBasis: 'the middle of the range',
    pace: plan.plan.splits.map((x) => ({ distanceM: x.toM, clockS: x.clockS })),
    layout: { kind: 'everyKm', km: 5 },
    sweatTests: [{ id: 't', date: TODAY, rateLPerH: 1.1, massBeforeKg: 70, temperatureC: 15 }],
    gutSessions: [],
    today: TODAY,
  });
  if (!fuelling.ok) throw new Error(fuelling.error.message);
  const { low, mid, high } = prediction.range;
  const range = { lowS: low, midS: mid, highS: high };
  const card: RaceCardModel = {
    access: 'full',
    preview: false,
    upgrade: null,
    header: {
      raceId: 'bench',
      name: 'Bench marathon',
      sport: 'run',
      distanceM: 42195,
      raceDate: '2027-04-25',
      startTime: '09:00',
      startTimeSource: 'given',
      prediction: { state: 'predicted', ...range },
    },
    sections: [],
    splits: { state: 'planned', unit: 'km', targetS: mid, rows: splitRows(plan.plan), basis: 'bench' },
    fuel: { state: 'planned', rows: fuelCheckpoints(fuelling.plan.stops) },
    transitions: { applies: false, reason: 'A run has no transitions.' },
    morning: morningTimeline('09:00', 42195),
    taper: { state: 'noPlan', message: 'bench' },
    raceWeek: [],
    contingencies: contingencies(42195, range, 'km'),
  };
  const pdf = cardPdf(card, 'Bench Runner');
  return { splits: plan.plan.splits.length, points: parsed.pointCount, targetS: mid, pdfBytes: pdf.length };
}

/** The reference: the same bytes through the streaming XML reader with no handlers (decode, hash, tokenise). */
export async function bareXml(bytes: Uint8Array): Promise<void> {
  await parseXmlStream(chunked(bytes), {}, bytes.length + 1);
}
