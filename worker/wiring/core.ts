// What every unit of work shares (its env, logger, clock, database handles, providers, deferred work),
// and the services of accounts and membership. Each getter builds its service the first time it is
// asked for and keeps it for the rest of the request, batch, cron tick or Durable Object call.
import { createDb, createHttpDb, type Db, type DbHandle, type HttpDb } from '../db/client';
import type { Env } from '../env';
import { systemClock, type Clock } from '../lib/clock';
import { withDeadline } from '../lib/concurrency';
import type { Logger } from '../lib/logger';
import { createProviders, type Providers } from '../providers';
import { createAccountService } from '../features/account';
import { createAdminService } from '../features/admin';
import { createAuditService } from '../features/audit';
import { createAuthService, createEmailChangeService, createSessionsService, type SessionRider } from '../features/auth';
import { createInvitesService } from '../features/invites';
import { createDataPolicyService, loadPolicyRef, policyRider, type SeedablePolicyRef } from '../features/activities';
import { createBillingSyncService, createMembershipService } from '../features/membership';

export interface ServiceOptions {
  requestId: string | null;
  logger: Logger;
  waitUntil: (p: Promise<unknown>) => void;
  clock?: Clock;
  providers?: Providers;
  /** A pool the caller owns and keeps (a Durable Object's, across its requests); not closed here. */
  db?: DbHandle;
}

/** The longest close() waits for deferred work: the platform's own allowance for waitUntil after a response. */
const DEFERRED_WORK_BOUND_MS = 30_000;

/** What a service factory returns: the type a getter promises (spelled out, so getters may use each other). */
export type Built<F extends (...args: never[]) => unknown> = ReturnType<F>;

export class CoreWiring {
  readonly env: Env;
  readonly requestId: string | null;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly #options: ServiceOptions;
  /** The request's own pool, made on first use (and connecting on its first query), or the caller's. */
  #pool: DbHandle | null;
  #closed = false;
  // Work deferred past the response still needs the pool: close only after it settles.
  readonly #pending: Promise<unknown>[] = [];
  // Reads a route asked to have fetched with the session (before the lookup runs; ADR 093).
  readonly #riders: SessionRider[] = [];

  constructor(env: Env, opts: ServiceOptions) {
    this.env = env;
    this.requestId = opts.requestId;
    this.logger = opts.logger;
    this.clock = opts.clock ?? systemClock;
    this.#options = opts;
    this.#pool = opts.db ?? null;
  }

  /** Runs `p` after the response (waitUntil); `close()` waits for it before the pool ends. */
  readonly defer = (p: Promise<unknown>): void => {
    this.#pending.push(p);
    this.#options.waitUntil(p);
  };

  /**
   * Settles deferred work (for at most DEFERRED_WORK_BOUND_MS: one await that never settles must not hold a
   * queue's batch), then ends the pool if this unit of work made one (a caller's pool stays open).
   */
  readonly close = async (): Promise<void> => {
    // Most units of work defer nothing: no timer for them.
    if (this.#pending.length) {
      const settled = await withDeadline(Promise.allSettled(this.#pending), DEFERRED_WORK_BOUND_MS, () => null).catch(() => null);
      if (!settled) this.logger.warn('deferred work still running at close', { count: this.#pending.length });
    }
    this.#closed = true;
    if (!this.#options.db && this.#pool) await this.#pool.close();
  };

  get db(): Db {
    if (!this.#pool && this.#closed) throw new Error('The services of this unit of work are closed.');
    this.#pool ??= createDb(this.env, this.logger);
    return this.#pool.db;
  }

  /**
   * Single statements over HTTP for the session lookup, an athlete's tier and the bell's count: a request
   * whose only queries are those opens no pool connection. Absent when the caller brought a warm pool.
   */
  protected get httpDb(): HttpDb | undefined {
    return this.keep('httpDb', this.#options.db ? undefined : createHttpDb(this.env));
  }

  get providers(): Providers {
    return this.keep('providers', this.#options.providers ?? createProviders(this.env));
  }

  /** Keeps what a getter built as this object's own property: the getter runs once per unit of work. */
  protected keep<T>(name: string, value: T): T {
    Object.defineProperty(this, name, { value, enumerable: true });
    return value;
  }

  /**
   * The data policy of this unit of work (ADR 036): the Strava mode comes with the session lookup (ADR 092), or
   * is read from system_flags once, on first use, where there is no session (over HTTP when this unit of work has
   * no pool yet); every read that shows, shares, analyses or sends activity data is handed this one value.
   */
  get policy(): SeedablePolicyRef {
    return this.keep(
      'policy',
      loadPolicyRef(() => this.httpDb ?? this.db),
    );
  }

  /** The operator's switch of the Strava mode (audited). */
  get dataPolicy(): Built<typeof createDataPolicyService> {
    return this.keep('dataPolicy', createDataPolicyService({ db: this.db, audit: this.audit }));
  }

  get audit(): Built<typeof createAuditService> {
    return this.keep('audit', createAuditService(this.db, this.requestId));
  }

  /** Tiers, entitlements and monthly quotas (reads the subscription mirror and grants). */
  get membership(): Built<typeof createMembershipService> {
    return this.keep('membership', createMembershipService({ db: this.db, clock: this.clock, audit: this.audit, tierDb: this.httpDb }));
  }

  /** Stripe Billing: customers, checkout, portal, trials, invoices, and syncCustomer (the mirror's one writer). */
  get billingSync(): Built<typeof createBillingSyncService> {
    return this.keep(
      'billingSync',
      createBillingSyncService({
        db: this.db,
        clock: this.clock,
        billing: this.providers.billing,
        audit: this.audit,
        logger: this.logger,
        appOrigin: this.env.APP_ORIGIN,
      }),
    );
  }

  get invites(): Built<typeof createInvitesService> {
    return this.keep(
      'invites',
      createInvitesService({ db: this.db, audit: this.audit, clock: this.clock, trials: this.membership.grantInviteTrial }),
    );
  }

  /**
   * Has the request's session lookup fetch `rider` too, if the lookup has not run yet (else it never takes a value
   * and its reader reads for itself). A route's read of the signed-in user's own data (ADR 093).
   */
  readonly rideWithSession = (rider: SessionRider): void => {
    this.#riders.push(rider);
  };

  get sessions(): Built<typeof createSessionsService> {
    // The session lookup also reads the policy's mode: most signed-in reads need it next (one round trip fewer).
    const policy = policyRider(this.policy);
    return this.keep(
      'sessions',
      createSessionsService({ db: this.db, clock: this.clock, lookupDb: this.httpDb, riders: () => [policy, ...this.#riders] }),
    );
  }

  get auth(): Built<typeof createAuthService> {
    return this.keep(
      'auth',
      createAuthService({
        db: this.db,
        clock: this.clock,
        audit: this.audit,
        invites: this.invites,
        sessions: this.sessions,
        email: this.providers.email,
        logger: this.logger,
        appOrigin: this.env.APP_ORIGIN,
        passwordIterations: this.env.PASSWORD_ITERATIONS,
        defer: this.defer,
      }),
    );
  }

  /** Changing the sign-in address: confirmed from the new inbox, undoable from the old one (ADR 040). */
  get emailChange(): Built<typeof createEmailChangeService> {
    return this.keep(
      'emailChange',
      createEmailChangeService({
        db: this.db,
        clock: this.clock,
        audit: this.audit,
        sessions: this.sessions,
        email: this.providers.email,
        logger: this.logger,
        appOrigin: this.env.APP_ORIGIN,
      }),
    );
  }

  get account(): Built<typeof createAccountService> {
    return this.keep('account', createAccountService({ db: this.db, audit: this.audit, clock: this.clock, sessions: this.sessions }));
  }

  get admin(): Built<typeof createAdminService> {
    return this.keep('admin', createAdminService({ db: this.db, audit: this.audit }));
  }
}
