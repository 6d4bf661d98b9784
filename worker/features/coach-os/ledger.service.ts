// Session deductions and releases. Called only from the ClientLedger Durable Object (one per client),
// which runs them one at a time; the unique cause and the conditional statements make each effect
// happen at most once even if something reached the database another way.

import type { Db } from '../../db/client';
import { createLedgerRepo, type LedgerEffect } from './ledger.repo';

export type LedgerResult =
  | ({ ok: true; replayed: boolean } & LedgerEffect)
  | { ok: false; reason: 'no_sessions' | 'not_found' | 'nothing_to_release' };

export interface UseRequest {
  orgId: string;
  clientId: string;
  /** What caused it: "booking:<id>" or "manual:<idempotency key>". The same cause never deducts twice. */
  cause: string;
  bookingId: string | null;
  actorId: string | null;
  /** Today in the org's time zone: packages that expired before it are not used. */
  today: string;
}

export interface ReleaseRequest {
  orgId: string;
  clientId: string;
  /** The use to undo, by its cause or its ledger id. */
  of: { cause: string } | { id: string };
  bookingId: string | null;
  actorId: string | null;
}

const isUniqueViolation = (err: unknown) => (err as { code?: string; cause?: { code?: string } })?.code === '23505' || (err as { cause?: { code?: string } })?.cause?.code === '23505';

export function createLedgerService(db: Db) {
  return {
    async use(r: UseRequest): Promise<LedgerResult> {
      const attempt = () =>
        db.transaction(async (tx) => {
          const repo = createLedgerRepo(tx);
          const done = await repo.findUse(r.orgId, r.clientId, { cause: r.cause });
          if (done) return { ok: true as const, replayed: true, ...done };
          const effect = await repo.use(r);
          return effect ? { ok: true as const, replayed: false, ...effect } : { ok: false as const, reason: 'no_sessions' as const };
        });
      try {
        return await attempt();
      } catch (err) {
        // Another path recorded the same cause between our read and write: the effect exists once; report it.
        if (!isUniqueViolation(err)) throw err;
        return attempt();
      }
    },

    async release(r: ReleaseRequest): Promise<LedgerResult> {
      const attempt = () =>
        db.transaction(async (tx) => {
          const repo = createLedgerRepo(tx);
          const use = await repo.findUse(r.orgId, r.clientId, r.of);
          if (!use) return { ok: false as const, reason: 'not_found' as const };
          const done = await repo.findRelease(r.orgId, use.ledgerId);
          if (done) return { ok: true as const, replayed: true, ...done };
          const effect = await repo.release({ orgId: r.orgId, clientId: r.clientId, use, cause: `release:${use.ledgerId}`, bookingId: r.bookingId, actorId: r.actorId });
          return effect ? { ok: true as const, replayed: false, ...effect } : { ok: false as const, reason: 'nothing_to_release' as const };
        });
      try {
        return await attempt();
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        return attempt();
      }
    },
  };
}
