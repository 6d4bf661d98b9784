// The operator console's services, composed from the app's own: accounts, support, Ops Pulse, platform
// metrics, the audit viewer, operator actions and impersonation.
import { createAuditViewerService } from '../features/audit';
import { createImpersonationService } from '../features/impersonation';
import { createOperatorActionsService } from '../features/operator';
import { createOperatorAccountsService } from '../features/operator-accounts';
import { createOpsPulseService, importFailureCause, jobCause } from '../features/ops-pulse';
import { createPlatformMetricsService } from '../features/platform-metrics';
import {
  createDeletionService,
  createPrivacyRequestsService,
  createRetentionService,
  privacyPulse,
  r2ArchiveStore,
} from '../features/privacy';
import { verifyPassword } from '../features/auth';
import { createSupportService } from '../features/support';
import { keyRing } from '../lib/key-ring';
import { MapsWiring } from './maps';
import type { Built } from './core';

export class OperatorWiring extends MapsWiring {
  /** Operators' account safety actions: block/unblock, reset mail, one-time temporary password. */
  get operatorAccounts(): Built<typeof createOperatorAccountsService> {
    return this.keep(
      'operatorAccounts',
      createOperatorAccountsService({ db: this.db, clock: this.clock, audit: this.audit, auth: this.auth }),
    );
  }

  /** Athlete search and the athlete page, each section read through its feature. */
  get support(): Built<typeof createSupportService> {
    return this.keep(
      'support',
      createSupportService({
        db: this.db,
        clock: this.clock,
        membership: this.membership,
        ingestion: this.ingestion,
        notifications: this.notifications,
        coaching: {
          membership: (actor) => this.coach.membership(actor),
          linksFor: (user) => this.athleteLinks.linksFor(user),
        },
        causes: { job: jobCause, import: importFailureCause },
      }),
    );
  }

  /** Who is stuck, why, and the button that fixes it; SMS, automation and Stripe fixes go through their features. */
  get opsPulse(): Built<typeof createOpsPulseService> {
    return this.keep(
      'opsPulse',
      createOpsPulseService({
        db: this.db,
        clock: this.clock,
        logger: this.logger,
        audit: this.audit,
        budget: () => this.strava.budget.snapshot(),
        stravaAthletes: () => this.strava.connections.capacity(),
        tokenKeys: () => this.tokenKeys.byVersion(),
        tokenKeyRing: keyRing(this.env.TOKEN_ENCRYPTION_KEY).versions,
        windowMs: this.env.STRAVA_WINDOW_SECONDS * 1000,
        dayMs: this.env.STRAVA_DAY_SECONDS * 1000,
        stuckAfterMinutes: this.env.OPS_STUCK_MINUTES,
        ingestQueue: this.env.INGEST_QUEUE,
        importsQueue: this.env.IMPORTS_QUEUE,
        sms: this.sms,
        automations: this.automations,
        stripeEvents: this.stripeEvents,
        privacy: () => privacyPulse(this.db),
      }),
    );
  }

  /** Platform metrics (users, sources, coaching, billing figures, AI cost ÷ revenue, series). */
  get platformMetrics(): Built<typeof createPlatformMetricsService> {
    return this.keep(
      'platformMetrics',
      createPlatformMetricsService({ db: this.db, clock: this.clock, membership: this.membership, coachCosts: this.coachCosts }),
    );
  }

  /** Audit log pages, CSV, and retention through audit_log_purge only. */
  get auditViewer(): Built<typeof createAuditViewerService> {
    return this.keep('auditViewer', createAuditViewerService({ db: this.db, audit: this.audit }));
  }

  /** Audited actions on an athlete (comp, trial, resync, retries, clear coach thread, disconnect). */
  get operatorActions(): Built<typeof createOperatorActionsService> {
    return this.keep(
      'operatorActions',
      createOperatorActionsService({
        clock: this.clock,
        audit: this.audit,
        userById: this.auth.userById,
        membership: this.membership,
        billingSync: this.billingSync,
        ingestion: this.ingestion,
        imports: this.imports,
        connections: this.strava.connections,
        trainingLoad: this.trainingLoad,
        intake: this.intake,
        coachChat: this.coachChat,
      }),
    );
  }

  /** Owner-only, time-boxed impersonation: start, resolve (request middleware), end, the per-request audit. */
  get impersonation(): Built<typeof createImpersonationService> {
    return this.keep(
      'impersonation',
      createImpersonationService({
        db: this.db,
        clock: this.clock,
        audit: this.audit,
        logger: this.logger,
        defer: this.defer,
        ttlSeconds: this.env.IMPERSONATION_TTL_SECONDS,
      }),
    );
  }

  /** The retention table's daily job: counts and deletes what is past its limit, one audit row per run (ADR 043). */
  get privacyRetention(): Built<typeof createRetentionService> {
    return this.keep(
      'privacyRetention',
      createRetentionService({ db: this.db, clock: this.clock, audit: this.audit, archives: r2ArchiveStore(this.env.UPLOADS) }),
    );
  }

  /** The operators' data-request queue and owner-started deletions (started through the deletion service). */
  get privacyRequests(): Built<typeof createPrivacyRequestsService> {
    return this.keep(
      'privacyRequests',
      createPrivacyRequestsService({
        db: this.db,
        clock: this.clock,
        audit: this.audit,
        deletions: {
          requestDeletion: async (input) => {
            const row = await this.deletion.requestDeletion(input);
            return { requestId: row.id, dueAt: row.dueAt, runAfter: row.runAfter, created: row.created };
          },
        },
      }),
    );
  }

  /**
   * Account and org deletion (ADR 042): providers revoked through ingest's own disconnects, Stripe through the
   * billing provider, the audit pseudonym keyed by PSEUDONYM_SECRET (or, unset, the token key under its own label).
   */
  get deletion(): Built<typeof createDeletionService> {
    return this.keep(
      'deletion',
      createDeletionService({
        db: this.db,
        clock: this.clock,
        logger: this.logger,
        audit: this.audit,
        email: this.providers.email,
        billing: this.providers.billing,
        disconnectStrava: (userId) => this.strava.connections.disconnectFor(userId),
        disconnectDoor: (actor, provider) => this.fileDoors.connections.disconnect(actor, provider),
        revokeAssistants: (userId) => this.oauth.revokeAll(userId),
        notify: this.notify,
        bucket: this.env.UPLOADS,
        queue: this.env.PRIVACY_QUEUE,
        pseudonymSecret: this.env.PSEUDONYM_SECRET ?? this.env.TOKEN_ENCRYPTION_KEY,
        verifyPassword,
      }),
    );
  }
}
