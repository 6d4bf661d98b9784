// The athlete's account beyond training: the AI coach, the platform's Stripe inbox (whose notices are
// notifications) and the data rights (export, re-import). Built on first use, like everything in the wiring.
import { policyRider } from '../features/activities';
import { athleteOf } from '../features/analytics';
import { createBillingNotices } from '../features/membership';
import { createCoachChatService, createCoachCostsService, createProposalsService } from '../features/ai-coach';
import { coachPaymentHandlers } from '../features/coach-os';
import { createExportService, createReimportService, digestStreamHasher, EXPORT_SLICE_MS } from '../features/privacy';
import { createStripeInboxService } from '../features/stripe-inbox';
import { createApiKeysService } from '../features/api-keys';
import { createOAuthService } from '../features/oauth';
import { TrainingWiring } from './training';
import type { Built } from './core';

export class AccountWiring extends TrainingWiring {
  /**
   * Personal and team API keys: create, list, revoke, and the request-time check of a Bearer key (ADR 105), whose one
   * statement also reads the policy's mode, as the session lookup does.
   */
  get apiKeys(): Built<typeof createApiKeysService> {
    const policy = policyRider(this.policy);
    return this.keep(
      'apiKeys',
      createApiKeysService({ db: this.db, lookupDb: this.httpDb, clock: this.clock, audit: this.audit, riders: () => [policy] }),
    );
  }

  /** Assistants connected by OAuth 2.1 (ADR 107): consent, grants, and the request-time check of an access token on /mcp. */
  get oauth(): Built<typeof createOAuthService> {
    return this.keep(
      'oauth',
      createOAuthService({
        env: this.env,
        lookupDb: this.httpDb ?? this.db,
        audit: this.audit,
        membership: this.membership,
        clock: this.clock,
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
        // Kept in KV by the OAuth library, so listed through its service, not the data map (ADR 107).
        assistants: (userId) => this.oauth.grantsOf(userId),
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
