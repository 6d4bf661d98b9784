import { createDb, createHttpDb } from './db/client';
import type { Db, DbHandle } from './db/client';
import type { Env } from './env';
import { systemClock, type Clock } from './lib/clock';
import type { Logger } from './lib/logger';
import { createProviders, type Providers } from './providers';
import { createAccountService } from './features/account';
import { createActivitiesService } from './features/activities';
import { analyticsViews, athleteOf, createAnalysisNotices, createAnalyticsService, createTrainingLoadService } from './features/analytics';
import { createCoachEvents, createCoachService, createConsoleService, createPaymentsService } from './features/coach-os';
import { createBookingsService } from './features/coach-os/bookings';
import { createClientLedgerService } from './features/coach-os/ledger';
import { createSmsService } from './features/coach-os/sms';
import { createAutomations } from './features/coach-os/automations';
import { createStripeInboxService } from './features/stripe-inbox';
import { createBillingNotices, createBillingSyncService, createMembershipService } from './features/membership';
import { createAdminService } from './features/admin';
import { createAuditService } from './features/audit';
import { createOperatorServices } from './operator-services';
import { createAuthService, createSessionsService } from './features/auth';
import { createImportsService, createIngestionService, createStrava, readIngestionStatus } from './features/ingest';
import { createInvitesService } from './features/invites';
import { workersJsonCache } from './lib/json-cache';
import { createNotificationEmail, createNotificationsService, createNotifier, createWeeklySummary } from './features/notifications';
import { createTeamService } from './features/coach-os/team';
import { createAthleteLinkService, createClientPlanService } from './features/coach-os/athlete-link';
import {
  createIntakeService,
  createPlanExportsService,
  createPlansService,
  createRebuildService,
  createWorkoutControl,
  HARD_TYPES,
  presentDay,
} from './features/plans';
import { createCoachChatService, createCoachCostsService, createProposalsService } from './features/ai-coach';

export interface ServiceOptions {
  requestId: string | null;
  logger: Logger;
  waitUntil: (p: Promise<unknown>) => void;
  clock?: Clock;
  providers?: Providers;
  /** A pool the caller owns and keeps (a Durable Object's, across its requests); not closed here. */
  db?: DbHandle;
}

/** Built once per request, batch or cron tick and handed to Hono, Remix, consumers and jobs alike. */
export function createServices(env: Env, opts: ServiceOptions) {
  const handle = opts.db ?? createDb(env, opts.logger);
  const db = handle.db;
  // Work deferred past the response still needs the pool: close only after it settles.
  const pending: Promise<unknown>[] = [];
  const defer = (p: Promise<unknown>) => {
    pending.push(p);
    opts.waitUntil(p);
  };
  const close = async () => {
    await Promise.allSettled(pending);
    if (!opts.db) await handle.close();
  };
  const clock = opts.clock ?? systemClock;
  const providers = opts.providers ?? createProviders(env);
  const audit = createAuditService(db, opts.requestId);
  const membership = createMembershipService({ db, clock, audit });
  const invites = createInvitesService({ db, audit, clock, trials: membership.grantInviteTrial });
  // A request's own pool connects on its first query; the session lookup goes over HTTP and opens none
  // (a long-lived caller such as a Durable Object passes its warm pool and keeps using that).
  const sessions = createSessionsService({ db, clock, lookupDb: opts.db ? undefined : createHttpDb(env) });
  const auth = createAuthService({
    db,
    clock,
    audit,
    invites,
    sessions,
    email: providers.email,
    logger: opts.logger,
    appOrigin: env.APP_ORIGIN,
    defer,
  });
  // Subsystems that react to bookings and session use (SMS, automations) subscribe with coachEvents.on.
  const coachEvents = createCoachEvents(opts.logger);
  // The coach console's Team features (SMS, automations, staff, a 4th active client) ask membership.
  const plan = membership;
  const sms = createSmsService({ db, clock, sender: providers.sms, logger: opts.logger, events: coachEvents, audit, plan, defer });
  sms.subscribe(coachEvents);
  // Automations subscribe to coachEvents too (booking completed, package down to its last session).
  const automations = createAutomations({
    db,
    clock,
    logger: opts.logger,
    audit,
    email: providers.email,
    sms,
    plan,
    events: coachEvents,
    defer,
  });
  const notificationEmail = createNotificationEmail({ appOrigin: env.APP_ORIGIN, unsubscribeSecret: env.UNSUBSCRIBE_SECRET });
  // The Monday summary reads what the analytics and plans APIs answer (their own presenters), so the
  // numbers match the dashboard's. Called at send time, after `analytics` and `plans` below exist.
  const weeklySummary = createWeeklySummary({
    clock,
    athlete: async (userId: string) => {
      const user = await auth.userById(userId);
      return user && athleteOf(user);
    },
    weeklyVolume: (a, weeks) => analyticsViews.weeklyVolume(analytics, a, weeks),
    fitness: (a, days) => analyticsViews.fitness(analytics, a, days),
    currentPlan: (a) => plans.current(a.id),
    calendar: async (a, planId, from, to) => (await plans.calendar(a, planId, from, to)).map(presentDay),
    keyTypes: ['long', ...HARD_TYPES],
  });
  const notifications = createNotificationsService({
    db,
    // The bell polls its count: over HTTP like the session lookup, so a poll opens no pool connection.
    countDb: opts.db ? undefined : createHttpDb(env),
    queue: env.NOTIFY_QUEUE,
    clock,
    audit,
    logger: opts.logger,
    delivery: {
      ...notificationEmail.delivery,
      sender: providers.email,
      weeklySummary,
    },
  });
  // What producers hold: notify() after their commit, never failing them (a lost send is logged with ids).
  const notify = createNotifier(notifications, opts.logger);
  const trainingLoad = createTrainingLoadService({ db, clock, audit });
  const activities = createActivitiesService({ db, onChange: trainingLoad.applyChange, audit });
  const analytics = createAnalyticsService({ db, clock, cache: workersJsonCache(env.APP_ORIGIN) });
  /** "Analysis ready" after imports and Strava batches, and the insights engine's load warnings. */
  const analysisNotices = createAnalysisNotices({ db, logger: opts.logger, analytics, trainingLoad, notifications: notify });
  const ingestion = createIngestionService({ db, queue: env.INGEST_QUEUE, clock, audit, logger: opts.logger, notices: analysisNotices });
  const strava = createStrava(env, { db, clock, strava: providers.strava, audit, activities, ingestion, invites, auth });
  const { connections, budget } = strava;
  const coach = createCoachService({ db, clock, audit, plan });
  const plans = createPlansService({ db, clock, analytics, membership, notifications: notify });
  const workoutControl = createWorkoutControl({ db, clock, membership });
  const billingSync = createBillingSyncService({
    db,
    clock,
    billing: providers.billing,
    audit,
    logger: opts.logger,
    appOrigin: env.APP_ORIGIN,
  });
  const athleteLinks = createAthleteLinkService({
    db,
    clock,
    audit,
    notifications: notify,
    clientOf: coach.getClient,
    analytics,
    activities,
  });
  const coachCosts = createCoachCostsService({ db, clock, membership });
  const stripeEvents = createStripeInboxService({
    db,
    stripe: providers.stripe,
    queue: env.WEBHOOKS_QUEUE,
    audit,
    logger: opts.logger,
    membership: billingSync,
    afterCommit: createBillingNotices({ db, clock, logger: opts.logger, notifications: notify }),
  });
  const coachProposals = createProposalsService({ db, clock, analytics, membership, workoutControl, audit, notifications: notify });
  const coachChat = createCoachChatService({
    db,
    clock,
    membership,
    proposals: coachProposals,
    sessions: env.COACH_SESSION,
    staleAfterMs: env.COACH_TURN_TIMEOUT_MS + env.COACH_DETACH_GRACE_MS + 60_000,
  });
  const imports = createImportsService({
    db,
    bucket: env.UPLOADS,
    queue: env.IMPORTS_QUEUE,
    activities,
    audit,
    logger: opts.logger,
    notices: analysisNotices,
  });
  const intake = createIntakeService({ db, clock, analytics });
  return {
    env,
    db: db as Db,
    close,
    clock,
    logger: opts.logger,
    providers,
    audit,
    invites,
    sessions,
    auth,
    account: createAccountService({ db, audit, clock, sessions }),
    activities,
    trainingLoad,
    analytics,
    analysisNotices,
    ingestion,
    strava,
    imports,
    ingestionStatus: (userId: string) => readIngestionStatus({ ingestion, connections, activities }, userId),
    admin: createAdminService({ db, audit }),
    coachEvents,
    /** SMS: booking messages, templates, threads; `sms.sendToClient` for automations. */
    sms,
    coach,
    bookings: createBookingsService({ db, clock, audit, ledger: env.CLIENT_LEDGER, events: coachEvents }),
    /** A client's sessions used and given back by hand, through the client's ClientLedger. */
    ledger: createClientLedgerService({ db, clock, audit, ledger: env.CLIENT_LEDGER, events: coachEvents }),
    /** Read models of the coach console: sessions left per client, a client's bookings. */
    console: createConsoleService({ db, clock }),
    notifications,
    /** The signed links in notification email: what one says, and its categories' email off or back on. */
    unsubscribe: notificationEmail.unsubscribe({ db, preferences: notifications.preferences }),
    /** The org's coaches and the owner's invitations. */
    team: createTeamService({ db, clock, audit, notifications: notify, plan }),
    /** A client's consented link to their athlete account, and the training it lets the coach see. */
    athleteLinks,
    /** A linked athlete's plan for their coach: seen with the link, changed with the athlete's grant (Team). */
    clientPlans: createClientPlanService({
      db,
      clock,
      audit,
      clientOf: coach.getClient,
      // The plans feature's own services, so coach changes take the athlete's path exactly.
      plans,
      workoutControl,
      orgPlan: plan,
    }),
    /** Coach automations: CRUD, previews, firing (cron + events), tasks. */
    automations,
    payments: createPaymentsService({ db, clock, audit, stripe: providers.stripe, appOrigin: env.APP_ORIGIN, logger: opts.logger }),
    stripeEvents,
    /** Tiers, entitlements and monthly quotas (reads the subscription mirror and grants). */
    membership,
    /** Stripe Billing: customers, checkout, portal, trials, invoices, and syncCustomer (the mirror's one writer). */
    billingSync,
    /** Training plans: preview, create (the Free allowance), the calendar with matching and compliance. */
    plans,
    /** Move, skip/restore and undo of planned workouts: gated, rate-limited, logged. */
    workoutControl,
    /** The AI coach's plan proposals: get, confirm (apply through workout control), reject; the model's tools build on it. */
    coachProposals,
    /** The plan's calendar feed (secret URL), workout files (FIT, Zwift) and PDF. */
    planExports: createPlanExportsService({ db, clock, plans, membership, appOrigin: env.APP_ORIGIN, logger: opts.logger }),
    /** The onboarding answers (what generation uses while history is thin). */
    intake,
    /** "Rebuild plan?" when real history differs from what the plan was made from: asked, never done silently. */
    rebuild: createRebuildService({ db, clock, analytics, notifications: notify }),
    /** The AI coach's conversations and messages (the live turn runs in the athlete's CoachSession). */
    coachChat,
    /** Operators: the coach's model cost per athlete and month against revenue. */
    coachCosts,
    ...createOperatorServices(env, {
      db,
      clock,
      audit,
      logger: opts.logger,
      auth,
      membership,
      billingSync,
      ingestion,
      notifications,
      connections,
      trainingLoad,
      imports,
      intake,
      coachChat,
      sms,
      automations,
      stripeEvents,
      coachCosts,
      defer,
      budget: () => budget.snapshot(),
      coaching: { membership: (actor) => coach.membership(actor), linksFor: (user) => athleteLinks.linksFor(user) },
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
