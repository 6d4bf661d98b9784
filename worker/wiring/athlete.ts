// The athlete's side: notifications, activities and analytics, plans, wellness (getting activities in is
// ingest.ts's; the AI coach, the Stripe inbox and the data rights are account.ts's). Built on first use, like everything in the wiring.
import { createActivitiesService, createStravaCacheJob } from '../features/activities';
import { createActivityNotesService } from '../features/activity-notes';
import { createEngineClient, createEngineService, createWellnessService, createWhyService } from '../features/wellness';
import { createCommentsService } from '../features/comments';
import { analyticsViews, athleteOf, createAnalysisNotices, createAnalyticsService, createTrainingLoadService } from '../features/analytics';
import { createIntervalsService } from '../features/intervals';
import {
  createNotificationEmail,
  createNotificationsService,
  createNotifier,
  createPushSubscriptions,
  createWeeklySummary,
} from '../features/notifications';
import { createCompletedBy, createPlansService, createTrainingCalendar, HARD_TYPES, presentDay } from '../features/plans';
import { workersJsonCache } from '../lib/json-cache';
import { type Built, CoreWiring } from './core';

export class AthleteWiring extends CoreWiring {
  private get notificationEmail(): Built<typeof createNotificationEmail> {
    return this.keep(
      'notificationEmail',
      createNotificationEmail({ appOrigin: this.env.APP_ORIGIN, unsubscribeSecret: this.env.UNSUBSCRIBE_SECRET }),
    );
  }

  // The Monday summary reads what the analytics and plans APIs answer (their own presenters), so the
  // numbers match the dashboard's. Its sources are asked for at send time.
  private get weeklySummary(): Built<typeof createWeeklySummary> {
    return this.keep(
      'weeklySummary',
      createWeeklySummary({
        clock: this.clock,
        athlete: async (userId: string) => {
          const user = await this.auth.userById(userId);
          return user && athleteOf(user);
        },
        weeklyVolume: (a, weeks) => analyticsViews.weeklyVolume(this.analytics, a, weeks),
        fitness: (a, days) => analyticsViews.fitness(this.analytics, a, days),
        currentPlan: (a) => this.plans.current(a.id),
        calendar: async (a, planId, from, to) => (await this.plans.calendar(a, planId, from, to)).map(presentDay),
        keyTypes: ['long', ...HARD_TYPES],
      }),
    );
  }

  get notifications(): Built<typeof createNotificationsService> {
    return this.keep(
      'notifications',
      createNotificationsService({
        db: this.db,
        // The bell polls its count: over HTTP like the session lookup, so a poll opens no pool connection.
        countDb: this.httpDb,
        queue: this.env.NOTIFY_QUEUE,
        urgentQueue: this.env.NOTIFY_URGENT_QUEUE,
        clock: this.clock,
        audit: this.audit,
        logger: this.logger,
        delivery: {
          ...this.notificationEmail.delivery,
          sender: this.providers.email,
          push: this.providers.push,
          weeklySummary: this.weeklySummary,
          weeklyEmailIncluded: async (userId) => (await this.membership.entitlements(userId)).features.email_summaries,
        },
      }),
    );
  }

  /** What producers hold: notify() after their commit, never failing them (a lost send is logged with ids). */
  get notify(): Built<typeof createNotifier> {
    return this.keep('notify', createNotifier(this.notifications, this.logger));
  }

  /** The signed links in notification email: what one says, and its categories' email off or back on. */
  get unsubscribe(): ReturnType<Built<typeof createNotificationEmail>['unsubscribe']> {
    return this.keep('unsubscribe', this.notificationEmail.unsubscribe({ db: this.db, preferences: this.notifications.preferences }));
  }

  /** The athlete's devices for Web Push (ADR 076). */
  get pushSubscriptions(): Built<typeof createPushSubscriptions> {
    return this.keep(
      'pushSubscriptions',
      createPushSubscriptions({
        db: this.db,
        clock: this.clock,
        push: this.providers.push,
        allowHttp: this.env.APP_ENV === 'development' || this.env.APP_ENV === 'test',
      }),
    );
  }

  get trainingLoad(): Built<typeof createTrainingLoadService> {
    return this.keep('trainingLoad', createTrainingLoadService({ db: this.db, clock: this.clock, audit: this.audit }));
  }

  get activities(): Built<typeof createActivitiesService> {
    return this.keep(
      'activities',
      createActivitiesService({ db: this.db, onChange: this.trainingLoad.applyChange, audit: this.audit, policy: this.policy }),
    );
  }

  /** Strict mode's nightly cache window over Strava API rows (ADR 036). */
  get stravaCache(): Built<typeof createStravaCacheJob> {
    return this.keep(
      'stravaCache',
      createStravaCacheJob({
        db: this.db,
        clock: this.clock,
        policy: this.policy,
        notify: this.notify,
        onChange: this.trainingLoad.applyChange,
        logger: this.logger,
      }),
    );
  }

  get analytics(): Built<typeof createAnalyticsService> {
    return this.keep(
      'analytics',
      createAnalyticsService({
        db: this.db,
        clock: this.clock,
        cache: workersJsonCache(this.env.APP_ORIGIN, this.defer),
        policy: this.policy,
        // Every read over HTTP: an answer not in the cache (after any upload) still opens no pool connection.
        readDb: this.httpDb,
      }),
    );
  }

  /** "Analysis ready" after imports and Strava batches, and the insights engine's load warnings. */
  get analysisNotices(): Built<typeof createAnalysisNotices> {
    return this.keep(
      'analysisNotices',
      createAnalysisNotices({
        db: this.db,
        logger: this.logger,
        analytics: this.analytics,
        trainingLoad: this.trainingLoad,
        notifications: this.notify,
      }),
    );
  }

  /** Training plans: preview, create (the Free allowance), the calendar with matching and compliance. */
  get plans(): Built<typeof createPlansService> {
    return this.keep(
      'plans',
      createPlansService({
        db: this.db,
        clock: this.clock,
        analytics: this.analytics,
        membership: this.membership,
        notifications: this.notify,
        // The calendar's one statement over HTTP, like the training calendar's: a calendar read opens no pool connection.
        readDb: this.httpDb,
        // Home's Today and the coach's plan list judge a done workout as the activity page does (issue 55).
        verdicts: (a, done, use) => this.intervals.verdicts(a, done, use),
      }),
    );
  }

  /** An activity's detected intervals and the planned workout it completed, rep by rep. */
  get intervals(): Built<typeof createIntervalsService> {
    return this.keep(
      'intervals',
      createIntervalsService({
        db: this.db,
        analytics: this.analytics,
        completedBy: createCompletedBy({ db: this.db, clock: this.clock, policy: this.policy }),
        policy: this.policy,
      }),
    );
  }

  /** Conversations on training between an athlete and their coaching org (ADR 056). */
  get comments(): Built<typeof createCommentsService> {
    return this.keep('comments', createCommentsService({ db: this.db, clock: this.clock, notify: this.notify, policy: this.policy }));
  }

  /** The athlete's whole day: check-ins, device readings, readiness (issue 40). */
  get wellness(): Built<typeof createWellnessService> {
    return this.keep(
      'wellness',
      createWellnessService({ db: this.db, clock: this.clock, changed: (userId, days) => this.wellnessEngine.changed(userId, days) }),
    );
  }

  /** The N=1 engine: findings from the athlete's own days, patched after each check-in or pushed summary (ADR 070). */
  get wellnessEngine(): Built<typeof createEngineClient> {
    return this.keep(
      'wellnessEngine',
      createEngineClient({ ns: this.env.WELLNESS_ENGINE, local: () => this.wellnessEngineLocal, logger: this.logger }),
    );
  }

  /** The engine's stateless parts in this unit of work (the reader, a full pass); its state lives in the object. */
  get wellnessEngineLocal(): Built<typeof createEngineService> {
    return this.keep(
      'wellnessEngineLocal',
      createEngineService({
        db: this.db,
        clock: this.clock,
        logger: this.logger,
        training: (a, from, to) => this.analytics.engineFacts(a, from, to, 'analytics'),
        settling: this.analytics.settling,
      }),
    );
  }

  /** "Why this trend?" under the efficiency, fitness and weight charts, from the engine's inputs (ADR 074). */
  get wellnessWhy(): Built<typeof createWhyService> {
    return this.keep('wellnessWhy', createWhyService({ clock: this.clock, engine: this.wellnessEngine }));
  }

  /** The athlete's note and RPE per activity. */
  get activityNotes(): Built<typeof createActivityNotesService> {
    return this.keep('activityNotes', createActivityNotesService({ db: this.db, clock: this.clock, policy: this.policy }));
  }

  /**
   * The training calendar: done activities beside the current plan's workouts. Read-only single statements,
   * so over HTTP like the session lookup (no pool connection for a calendar read; ADR 031).
   */
  get trainingCalendar(): Built<typeof createTrainingCalendar> {
    return this.keep(
      'trainingCalendar',
      createTrainingCalendar({
        db: this.httpDb ?? this.db,
        clock: this.clock,
        analytics: this.analytics,
        verdicts: (a, done, use) => this.intervals.verdicts(a, done, use),
      }),
    );
  }
}
