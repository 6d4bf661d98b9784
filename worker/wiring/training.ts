// Training beyond the plan itself: workout control, libraries and templates, workouts sent to Garmin, the plan's
// exports, the onboarding answers and "Rebuild plan?". Built on first use, like everything in the wiring.
import { createGarminTraining } from '../features/garmin-training';
import { createLibraryService, createTemplatesService } from '../features/library';
import { createCoursesService } from '../features/maps';
import {
  createAdaptService,
  createIntakeService,
  createPlanExportsService,
  createRebuildService,
  createWorkoutControl,
  createWorkoutDone,
} from '../features/plans';
import {
  createCardService,
  createCourseService,
  createFuellingService,
  createPredictionService,
  createRaceResultService,
  createRacesService,
  createTriathlonService,
} from '../features/races';
import { thresholdsInEffect } from '../features/analytics';
import { IngestWiring } from './ingest';
import type { Built } from './core';

export class TrainingWiring extends IngestWiring {
  /** Workout libraries (an athlete's, an org's): "Add to calendar" goes through workout control. */
  get library(): Built<typeof createLibraryService> {
    return this.keep(
      'library',
      createLibraryService({ db: this.db, clock: this.clock, plans: this.plans, workoutControl: this.workoutControl }),
    );
  }

  /** An org's plan templates, applied to clients through workout control (ADR 058). */
  get templates(): Built<typeof createTemplatesService> {
    return this.keep('templates', createTemplatesService({ db: this.db, workoutControl: this.workoutControl }));
  }

  /** The athlete's races and the plan's goal race (issue 56). */
  get races(): Built<typeof createRacesService> {
    return this.keep('races', createRacesService({ db: this.db, clock: this.clock, today: this.analytics.today }));
  }

  /** A race's predicted finish from analytics and the plan, stored when it changes (ADR 096). */
  get racePredictions(): Built<typeof createPredictionService> {
    return this.keep(
      'racePredictions',
      createPredictionService({ db: this.db, clock: this.clock, analytics: this.analytics, races: this.races }),
    );
  }

  /** Sweat tests, the gut-training log and a race's fuelling plan (issue 56, ADR 096). */
  get raceFuelling(): Built<typeof createFuellingService> {
    return this.keep(
      'raceFuelling',
      createFuellingService({
        db: this.db,
        today: this.analytics.today,
        races: this.races,
        predictions: this.racePredictions,
        pacing: this.raceCourses,
        triathlon: this.raceTriathlon,
      }),
    );
  }

  /** A triathlon's swim · bike · run plan from analytics (ADR 096, triathlon slice). */
  get raceTriathlon(): Built<typeof createTriathlonService> {
    return this.keep('raceTriathlon', createTriathlonService({ analytics: this.analytics, races: this.races }));
  }

  /** A race's course (GPX) and its pacing plan (issue 56). */
  get raceCourses(): Built<typeof createCourseService> {
    return this.keep(
      'raceCourses',
      createCourseService({
        db: this.db,
        clock: this.clock,
        races: this.races,
        predictions: this.racePredictions,
        analytics: this.analytics,
      }),
    );
  }

  /** The athlete's courses: GPX or an activity's route, sent to Garmin's Courses API, used for a race (ADR 101). */
  get courses(): Built<typeof createCoursesService> {
    return this.keep(
      'courses',
      createCoursesService({
        db: this.db,
        clock: this.clock,
        logger: this.logger,
        policy: this.policy,
        client: this.providers.garminCourses,
        withToken: (userId, fn) => this.fileDoors.withToken(userId, 'garmin', fn),
        raceCourses: this.raceCourses,
      }),
    );
  }

  /** A race's card (Elite; Pro a preview): the prediction, pacing, race morning, the plan's taper and race week. */
  get raceCards(): Built<typeof createCardService> {
    return this.keep(
      'raceCards',
      createCardService({
        db: this.db,
        races: this.races,
        predictions: this.racePredictions,
        membership: this.membership,
        today: this.analytics.today,
        pacing: this.raceCourses,
        fuelling: this.raceFuelling,
      }),
    );
  }

  /** A race's result marked by the athlete, against the prediction made before it (issue 56, ADR 096). */
  get raceOutcomes(): Built<typeof createRaceResultService> {
    return this.keep(
      'raceOutcomes',
      createRaceResultService({ db: this.db, clock: this.clock, analytics: this.analytics, races: this.races }),
    );
  }

  /** Move, skip/restore and undo of planned workouts: gated, rate-limited, logged. */
  get workoutControl(): Built<typeof createWorkoutControl> {
    return this.keep(
      'workoutControl',
      createWorkoutControl({
        db: this.db,
        clock: this.clock,
        membership: this.membership,
        policy: this.policy,
        afterChange: (userId) => this.garminTraining.planChanged(userId),
      }),
    );
  }

  /** The athlete's own "done" on a planned workout (ADR 080). */
  get workoutDone(): Built<typeof createWorkoutDone> {
    return this.keep('workoutDone', createWorkoutDone({ db: this.db, clock: this.clock }));
  }

  /** Planned workouts on the athlete's Garmin: consent, "Send to Garmin", the queued sync (ADR 057). */
  get garminTraining(): Built<typeof createGarminTraining> {
    return this.keep(
      'garminTraining',
      createGarminTraining({
        db: this.db,
        clock: this.clock,
        logger: this.logger,
        client: this.providers.garminTraining,
        withToken: (userId, fn) => this.fileDoors.withToken(userId, 'garmin', fn),
        enqueue: async (userId) => {
          await this.env.INGEST_QUEUE.send({ kind: 'garmin-training', userId });
        },
      }),
    );
  }

  /** The plan's calendar feed (secret URL), workout files (FIT, Zwift) and PDF. */
  get planExports(): Built<typeof createPlanExportsService> {
    return this.keep(
      'planExports',
      createPlanExportsService({
        db: this.db,
        clock: this.clock,
        plans: this.plans,
        membership: this.membership,
        appOrigin: this.env.APP_ORIGIN,
        logger: this.logger,
      }),
    );
  }

  /** The onboarding answers (what generation uses while history is thin). */
  get intake(): Built<typeof createIntakeService> {
    return this.keep('intake', createIntakeService({ db: this.db, clock: this.clock, analytics: this.analytics }));
  }

  /** Adaptive plans (issue 58): the pass over the athlete's real days, proposals and who decides them. */
  get adapt(): Built<typeof createAdaptService> {
    return this.keep(
      'adapt',
      createAdaptService({
        db: this.db,
        clock: this.clock,
        calendar: this.trainingCalendar,
        wellness: this.wellness,
        fitness: async (a, use) => {
          const f = await this.analytics.fitness(a, 1, use);
          const day = f.series.at(-1);
          return day && f.establishment.established ? { ctl: day.ctl, atl: day.atl } : null;
        },
        thresholds: async (userId, day) => ({ ...(await thresholdsInEffect(this.db, userId, day)) }),
        control: this.workoutControl,
        rebuild: this.rebuild,
        notify: (a, rows, to) =>
          this.notify.notify({
            userId: a.id,
            type: 'plan.adapted',
            // One notice per pass's new proposals: their first id names it, so a retried pass tells once.
            dedupeKey: `plan.adapted:${rows[0]!.id}`,
            data: {
              planId: rows[0]!.planId,
              count: rows.length,
              applied: rows.filter((r) => r.status === 'applied').length,
              reason: rows[0]!.reason.slice(0, 500),
              decides: to === 'coach' ? 'coach' : 'you',
            },
          }),
      }),
    );
  }

  /** "Rebuild plan?" when real history differs from what the plan was made from: asked, never done silently. */
  get rebuild(): Built<typeof createRebuildService> {
    return this.keep(
      'rebuild',
      createRebuildService({
        db: this.db,
        clock: this.clock,
        analytics: this.analytics,
        membership: this.membership,
        notifications: this.notify,
        afterChange: (userId) => this.garminTraining.planChanged(userId),
      }),
    );
  }
}
