// The athlete's side: notifications, activities and analytics, ingestion, plans, the AI coach, and the
// Stripe inbox (whose notices are notifications). Built on first use, like everything in the wiring.
import { createActivitiesService, createStravaCacheJob } from '../features/activities';
import { createActivityNotesService } from '../features/activity-notes';
import { createWellnessService } from '../features/wellness';
import { createCommentsService } from '../features/comments';
import { createGarminTraining } from '../features/garmin-training';
import { createLibraryService, createTemplatesService } from '../features/library';
import { createCoachChatService, createCoachCostsService, createProposalsService } from '../features/ai-coach';
import { analyticsViews, athleteOf, createAnalysisNotices, createAnalyticsService, createTrainingLoadService } from '../features/analytics';
import { coachPaymentHandlers } from '../features/coach-os';
import { createStripeInboxService } from '../features/stripe-inbox';
import {
  createFileDoors,
  createImportsService,
  createIngestionService,
  createStrava,
  createTokenKeys,
  readIngestionStatus,
} from '../features/ingest';
import { createSecretBox } from '../lib/secret-box';
import { createIntervalsService } from '../features/intervals';
import { createBillingNotices } from '../features/membership';
import { createNotificationEmail, createNotificationsService, createNotifier, createWeeklySummary } from '../features/notifications';
import {
  createCompletedBy,
  createIntakeService,
  createPlanExportsService,
  createPlansService,
  createRebuildService,
  createTrainingCalendar,
  createWorkoutControl,
  HARD_TYPES,
  presentDay,
} from '../features/plans';
import { createExportService, createReimportService, digestStreamHasher, EXPORT_SLICE_MS } from '../features/privacy';
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
        clock: this.clock,
        audit: this.audit,
        logger: this.logger,
        delivery: {
          ...this.notificationEmail.delivery,
          sender: this.providers.email,
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
      createAnalyticsService({ db: this.db, clock: this.clock, cache: workersJsonCache(this.env.APP_ORIGIN), policy: this.policy }),
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

  get ingestion(): Built<typeof createIngestionService> {
    return this.keep(
      'ingestion',
      createIngestionService({
        db: this.db,
        queue: this.env.INGEST_QUEUE,
        clock: this.clock,
        audit: this.audit,
        logger: this.logger,
        notices: this.analysisNotices,
      }),
    );
  }

  /** Strava: OAuth connections, the ProviderBudget, jobs and webhooks. */
  get strava(): Built<typeof createStrava> {
    return this.keep(
      'strava',
      createStrava(this.env, {
        db: this.db,
        clock: this.clock,
        strava: this.providers.strava,
        audit: this.audit,
        activities: this.activities,
        ingestion: this.ingestion,
        invites: this.invites,
        auth: this.auth,
        notifications: this.notify,
        logger: this.logger,
      }),
    );
  }

  /** Stored provider tokens by key version, and their re-encryption with the newest key (ADR 040). */
  get tokenKeys(): Built<typeof createTokenKeys> {
    return this.keep(
      'tokenKeys',
      createTokenKeys({ db: this.db, box: createSecretBox(this.env.TOKEN_ENCRYPTION_KEY), logger: this.logger }),
    );
  }

  /** The live doors for the athlete's own device files (Garmin Connect, …): connections, jobs, webhooks (ADR 038). */
  get fileDoors(): Built<typeof createFileDoors> {
    return this.keep(
      'fileDoors',
      createFileDoors(this.env, {
        db: this.db,
        clock: this.clock,
        logger: this.logger,
        clients: this.providers.files,
        audit: this.audit,
        activities: this.activities,
        ingestion: this.ingestion,
        timeZoneOf: this.auth.timeZoneOf,
      }),
    );
  }

  get imports(): Built<typeof createImportsService> {
    return this.keep(
      'imports',
      createImportsService({
        db: this.db,
        bucket: this.env.UPLOADS,
        queue: this.env.IMPORTS_QUEUE,
        activities: this.activities,
        audit: this.audit,
        logger: this.logger,
        notices: this.analysisNotices,
      }),
    );
  }

  readonly ingestionStatus = (userId: string): ReturnType<typeof readIngestionStatus> =>
    readIngestionStatus(
      { ingestion: this.ingestion, connections: this.strava.connections, doors: this.fileDoors.connections, activities: this.activities },
      userId,
    );

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
    return this.keep('wellness', createWellnessService({ db: this.db, clock: this.clock }));
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
      createTrainingCalendar({ db: this.httpDb ?? this.db, clock: this.clock, analytics: this.analytics }),
    );
  }

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
        thresholdRows: async (a) => (await this.analytics.thresholds(a)).map((t) => t.threshold),
      }),
    );
  }

  /** The onboarding answers (what generation uses while history is thin). */
  get intake(): Built<typeof createIntakeService> {
    return this.keep('intake', createIntakeService({ db: this.db, clock: this.clock, analytics: this.analytics }));
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

  /** The AI coach's plan proposals: get, confirm (apply through workout control), reject; the model's tools build on it. */
  get coachProposals(): Built<typeof createProposalsService> {
    return this.keep(
      'coachProposals',
      createProposalsService({
        db: this.db,
        clock: this.clock,
        analytics: this.analytics,
        membership: this.membership,
        workoutControl: this.workoutControl,
        audit: this.audit,
        notifications: this.notify,
      }),
    );
  }

  /** The AI coach's conversations and messages (the live turn runs in the athlete's CoachSession). */
  get coachChat(): Built<typeof createCoachChatService> {
    return this.keep(
      'coachChat',
      createCoachChatService({
        db: this.db,
        clock: this.clock,
        membership: this.membership,
        proposals: this.coachProposals,
        sessions: this.env.COACH_SESSION,
        staleAfterMs: this.env.COACH_TURN_TIMEOUT_MS + this.env.COACH_DETACH_GRACE_MS + 60_000,
      }),
    );
  }

  /** Operators: the coach's model cost per athlete and month against revenue. */
  get coachCosts(): Built<typeof createCoachCostsService> {
    return this.keep('coachCosts', createCoachCostsService({ db: this.db, clock: this.clock, membership: this.membership }));
  }

  /** The platform's Stripe webhook inbox: membership events re-sync the customer through billingSync. */
  get stripeEvents(): Built<typeof createStripeInboxService> {
    return this.keep(
      'stripeEvents',
      createStripeInboxService({
        db: this.db,
        stripe: this.providers.stripe,
        queue: this.env.WEBHOOKS_QUEUE,
        audit: this.audit,
        logger: this.logger,
        handlers: coachPaymentHandlers,
        billingSync: this.billingSync,
        afterCommit: createBillingNotices({ db: this.db, clock: this.clock, logger: this.logger, notifications: this.notify }),
      }),
    );
  }

  /** "Download my data": the archive job, its list and its owner-only download (ADR 041). */
  get privacyExport(): Built<typeof createExportService> {
    return this.keep(
      'privacyExport',
      createExportService({
        db: this.db,
        bucket: this.env.UPLOADS,
        queue: this.env.PRIVACY_QUEUE,
        clock: this.clock,
        logger: this.logger,
        audit: this.audit,
        notify: this.notify,
        hasher: digestStreamHasher,
        sliceMs: EXPORT_SLICE_MS,
        planFiles: async (userId, planId) => {
          const user = await this.auth.userById(userId);
          if (!user) return [];
          return this.planExports.archiveFiles(athleteOf(user), user.displayName, planId);
        },
      }),
    );
  }

  /** "Import a Cadence archive": checked against its manifest, restored by the privacy queue (ADR 041). */
  get privacyReimport(): Built<typeof createReimportService> {
    return this.keep(
      'privacyReimport',
      createReimportService({
        db: this.db,
        bucket: this.env.UPLOADS,
        queue: this.env.PRIVACY_QUEUE,
        clock: this.clock,
        logger: this.logger,
        audit: this.audit,
        hasher: digestStreamHasher,
        activities: this.activities,
        imports: this.imports,
        timeZoneOf: this.auth.timeZoneOf,
        settle: (userId) => this.trainingLoad.settle(userId),
      }),
    );
  }
}
