// What the deletion service and its job run on (its own module: the service composes the job, and the job must not
// import the service back).
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import type { Logger } from '../../../lib/logger';
import type { EmailSender } from '../../../providers/email/email';
import type { Billing } from '../../../providers/stripe/stripe-billing';
import type { Actor, AuditService } from '../../audit';
import type { Notifier } from '../../notifications';
import type { DeletionRepo, TableCount } from './deletion.repo';
import type { DeletionReceipt } from './deletion.schema';

export interface DeletionDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  audit: AuditService;
  email: EmailSender;
  billing: Pick<Billing, 'listSubscriptions' | 'cancelSubscriptionNow' | 'anonymiseCustomer'>;
  /** Strava's own disconnect, revoking at Strava first (ingest, ADR 039). */
  disconnectStrava: (userId: string) => Promise<{ revoked: string }>;
  /** A live door's disconnect, deregistering at the source first (ingest, ADR 038). */
  disconnectDoor: (actor: Actor, provider: string) => Promise<{ deregistered: boolean }>;
  /** Disconnects every assistant the user connected by OAuth (ADR 107): its grants live in KV, not in Postgres. */
  revokeAssistants: (userId: string) => Promise<number>;
  notify: Notifier;
  bucket: R2Bucket;
  queue: Queue<unknown>;
  pseudonymSecret: string;
  verifyPassword: (password: string, hash: string) => Promise<boolean>;
}

/** The deps with the repo on them: what the requests, the job and its steps take. */
export interface DeletionContext {
  deps: DeletionDeps;
  repo: DeletionRepo;
  now: () => Date;
}

/** What a run keeps in privacy_requests.progress: steps done and their counts. Never the person's id or address. */
export interface Progress {
  done: string[];
  subject?: string;
  plan?: TableCount[];
  providers?: { provider: string; outcome: string }[];
  stripe?: DeletionReceipt['stripe'];
  coaching?: DeletionReceipt['coaching'];
  aiCosts?: number;
  files?: { objects: number; areas: string[] };
  audit?: number;
  sessions?: number;
  [k: string]: unknown;
}
