// The operator console's services (issue 16), composed from the app's own: a seam of services.ts, which
// builds everything else and spreads these into the same object.
import type { Env } from './env';
import { createAuditViewerService } from './features/audit';
import { createImpersonationService } from './features/impersonation';
import { createOperatorActionsService } from './features/operator';
import { createOperatorAccountsService } from './features/operator-accounts';
import { createOpsPulseService } from './features/ops-pulse';
import { createPlatformMetricsService } from './features/platform-metrics';
import { createSupportService } from './features/support';

type Deps<F extends (...args: never[]) => unknown> = Parameters<F>[0];
type Support = Deps<typeof createSupportService>;
type Actions = Deps<typeof createOperatorActionsService>;
type Pulse = Deps<typeof createOpsPulseService>;

export interface OperatorServiceDeps
  extends Pick<Support, 'db' | 'clock' | 'membership' | 'ingestion' | 'notifications'>,
    Pick<Actions, 'audit' | 'billingSync' | 'imports' | 'connections' | 'trainingLoad' | 'intake' | 'coachChat'>,
    Pick<Pulse, 'logger' | 'sms' | 'automations' | 'stripeEvents'> {
  auth: Deps<typeof createOperatorAccountsService>['auth'] & { userById: Actions['userById'] };
  coaching: Support['coaching'];
  coachCosts: Deps<typeof createPlatformMetricsService>['coachCosts'];
  /** The Strava ProviderBudget's current windows (Ops Pulse reads them). */
  budget: Pulse['budget'];
  defer: Deps<typeof createImpersonationService>['defer'];
}

export function createOperatorServices(env: Env, d: OperatorServiceDeps) {
  const { db, clock, audit, logger, membership } = d;
  return {
    /** Operators' account safety actions: block/unblock, reset mail, one-time temporary password. */
    operatorAccounts: createOperatorAccountsService({ db, clock, audit, auth: d.auth }),
    /** Athlete search and the athlete page, each section read through its feature. */
    support: createSupportService({ db, clock, membership, ingestion: d.ingestion, notifications: d.notifications, coaching: d.coaching }),
    /** Who is stuck, why, and the button that fixes it; SMS, automation and Stripe fixes go through their features. */
    opsPulse: createOpsPulseService({
      db,
      clock,
      logger,
      audit,
      budget: d.budget,
      windowMs: env.STRAVA_WINDOW_SECONDS * 1000,
      dayMs: env.STRAVA_DAY_SECONDS * 1000,
      stuckAfterMinutes: env.OPS_STUCK_MINUTES,
      ingestQueue: env.INGEST_QUEUE,
      importsQueue: env.IMPORTS_QUEUE,
      sms: d.sms,
      automations: d.automations,
      stripeEvents: d.stripeEvents,
    }),
    /** Platform metrics (users, sources, coaching, billing figures, AI cost ÷ revenue, series). */
    platformMetrics: createPlatformMetricsService({ db, clock, membership, coachCosts: d.coachCosts }),
    /** Audit log pages, CSV, and retention through audit_log_purge only. */
    auditViewer: createAuditViewerService({ db, audit }),
    /** Audited actions on an athlete (comp, trial, resync, retries, clear coach thread, disconnect). */
    operatorActions: createOperatorActionsService({
      clock,
      audit,
      userById: d.auth.userById,
      membership,
      billingSync: d.billingSync,
      ingestion: d.ingestion,
      imports: d.imports,
      connections: d.connections,
      trainingLoad: d.trainingLoad,
      intake: d.intake,
      coachChat: d.coachChat,
    }),
    /** Owner-only, time-boxed impersonation: start, resolve (request middleware), end, the per-request audit. */
    impersonation: createImpersonationService({ db, clock, audit, logger, defer: d.defer, ttlSeconds: env.IMPERSONATION_TTL_SECONDS }),
  };
}
