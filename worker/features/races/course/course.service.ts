// A race's course (a GPX upload, checked against the race's distance) and its pacing plan: planPacing over the
// stored course (flat without one, and said), for the prediction's range (mid by default, or low/high) or the
// athlete's own target, with the first half checked against CS and D′ as the prediction reads them.
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import type { Athlete } from '../../analytics';
import { planPacing, type SplitUnit } from '../pacing.calc';
import { criticalSpeedOf, type PredictionAnalytics, type PredictionService } from '../prediction.service';
import type { RacesService } from '../races.service';
import { encodePolyline } from '../../../lib/polyline';
import { type Course, checkAgainstRace, pointsOf, profileSample, trackSample } from './course.calc';
import { chunksOf, courseError, parseCourseGpx } from './course-gpx';
import * as courseRepo from './course.repo';
import type { CourseRow } from './course.repo';
import type { CourseSummary, PacingQuery, RaceCourseAnswer, RacePacing } from './course.schema';

export interface CourseDeps {
  db: Db;
  clock: Clock;
  races: Pick<RacesService, 'find'>;
  predictions: Pick<PredictionService, 'prediction'>;
  analytics: Pick<PredictionAnalytics, 'models' | 'today'>;
}

export type CourseBody = ReadableStream<Uint8Array> | Blob | Uint8Array | string;

const summaryOf = (row: CourseRow): CourseSummary => ({
  name: row.name,
  uploadedAt: row.uploadedAt.toISOString(),
  lengthM: row.lengthM,
  gainM: row.gainM,
  lossM: row.lossM,
  hasElevation: row.hasElevation,
  pointCount: row.pointCount,
  profile: profileSample(row.points),
  track: encodePolyline(trackSample(row.points)),
});

export const clockOf = (s: number): string => {
  const t = Math.round(s);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = t % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
};

export function createCourseService(deps: CourseDeps) {
  async function store(a: Athlete, raceId: string, name: string | null, course: Course): Promise<RaceCourseAnswer> {
    const { race, key } = await deps.races.find(a, raceId);
    const bad = checkAgainstRace(course, race.distanceM);
    if (bad) throw courseError(bad.message);
    const { lat, lon, ele, dist, hasElevation, lengthM, gainM, lossM } = course;
    const row = { name, points: { lat, lon, ele, dist }, pointCount: dist.length, hasElevation, lengthM, gainM, lossM };
    const now = deps.clock.now();
    await courseRepo.replace(deps.db, a.id, key, row, now);
    return { raceId: race.id, course: summaryOf({ ...row, uploadedAt: now }) };
  }

  return {
    /** Parses, checks against the race (the pacing core's 3 %) and stores the course, replacing the race's last. */
    async upload(a: Athlete, raceId: string, body: CourseBody): Promise<RaceCourseAnswer> {
      const parsed = await parseCourseGpx(chunksOf(body));
      return store(a, raceId, parsed.name, parsed.course);
    },

    /** A course already parsed elsewhere (the athlete's saved course, ADR 101): the same check and store as an upload. */
    use: (a: Athlete, raceId: string, name: string | null, course: Course) => store(a, raceId, name, course),

    /** Removes the race's course; 404 when it had none (or the race is not the athlete's). */
    async remove(a: Athlete, raceId: string): Promise<void> {
      const { key } = await deps.races.find(a, raceId);
      if (!(await courseRepo.remove(deps.db, a.id, key))) throw notFound('Course');
    },

    async get(a: Athlete, raceId: string): Promise<RaceCourseAnswer> {
      const { race, key } = await deps.races.find(a, raceId);
      const row = await courseRepo.byRace(deps.db, a.id, key);
      return { raceId: race.id, course: row ? summaryOf(row) : null };
    },

    /** The pacing plan; a 400 naming the field for a target or split the core refuses. */
    async pacing(a: Athlete, raceId: string, q: PacingQuery): Promise<RacePacing> {
      const { race, key } = await deps.races.find(a, raceId);
      const today = deps.analytics.today(a);
      const [row, model, predicted] = await Promise.all([
        courseRepo.byRace(deps.db, a.id, key),
        deps.analytics.models(a, 'run', 'analytics'),
        q.targetS === undefined ? deps.predictions.prediction(a, raceId) : Promise.resolve(null),
      ]);
      const course = row ? summaryOf(row) : null;
      const flat = !row || !row.hasElevation;
      const notes: string[] = [];
      if (!row) notes.push('No course uploaded: paced as flat. Upload the course’s GPX to pace its hills.');
      else if (!row.hasElevation) notes.push('The course file has no elevation: paced as flat.');
      const range = predicted?.prediction.range;
      let target: RacePacing['target'] = null;
      if (q.targetS !== undefined)
        target = { targetS: q.targetS, source: 'athlete', which: null, why: `Your own target, ${clockOf(q.targetS)}.` };
      else if (range) {
        const which = q.target;
        const label = { low: 'the fast end', mid: 'the middle', high: 'the slow end' }[which];
        target = {
          targetS: range[which],
          source: 'prediction',
          which,
          why: `${label[0]!.toUpperCase()}${label.slice(1)} of your predicted range (${clockOf(range.low)}–${clockOf(range.high)}), ${clockOf(range[which])}.`,
        };
      }
      if (!target)
        return {
          raceId: race.id,
          target: null,
          needsTarget:
            'A target time is needed: there is not enough data yet for a prediction of this race. Enter the finish time you are aiming for.',
          course,
          flat,
          plan: null,
          notes,
        };
      notes.push(target.why);
      const unit: SplitUnit = q.unit === 'mi' ? 'mile' : 'km';
      const answer = planPacing({
        distanceM: race.distanceM,
        targetS: target.targetS,
        unit,
        course: row?.hasElevation ? pointsOf(row.points) : null,
        negativeSplit: q.negativeSplit,
        criticalSpeed: criticalSpeedOf(model, today),
        today,
      });
      if (!answer.ok) throw pacingError(answer.error.field, answer.error.message);
      return { raceId: race.id, target, needsTarget: null, course, flat, plan: answer.plan, notes };
    },
  };
}

/** The core's refusal as a 400 naming its field (`targetS`, `negativeSplit`, `course`). */
function pacingError(field: string, message: string) {
  if (field === 'course') return courseError(message);
  return new AppError(ErrorCode.VALIDATION, `${message[0]!.toUpperCase()}${message.slice(1)}.`, { fields: [{ path: field, message }] });
}

export type CourseService = ReturnType<typeof createCourseService>;
