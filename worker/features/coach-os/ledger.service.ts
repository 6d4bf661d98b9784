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
  /** What caused it: "booking:<id>" or "manual:<client id>:<idempotency key>". The same cause never deducts twice. */
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

const settleUse = (effect: (LedgerEffect & { replayed: boolean }) | undefined): LedgerResult => (effect ? { ok: true, ...effect } : { ok: false, reason: 'no_sessions' });

export function createLedgerService(db: Db) {
  async function useOne(r: UseRequest): Promise<LedgerResult> {
    try {
      return settleUse(await createLedgerRepo(db).use(r));
    } catch (err) {
      // Another path recorded the same cause at the same moment: the effect exists once; report it.
      if (!isUniqueViolation(err)) throw err;
      return settleUse(await createLedgerRepo(db).use(r));
    }
  }

  return {
    use: (r: UseRequest): Promise<LedgerResult> => useOne(r),

    /**
     * Several uses, in order, in one transaction: one commit (one WAL flush) for the lot, which is what
     * lets one client's ledger keep up with many callers. Each statement still sees the ones before it.
     * If anything fails (a racing writer outside the ledger object), each use is retried on its own.
     */
    async useMany(rs: UseRequest[]): Promise<LedgerResult[]> {
      if (rs.length === 1) return [await useOne(rs[0]!)];
      try {
        return await db.transaction(async (tx) => {
          const repo = createLedgerRepo(tx);
          const out: LedgerResult[] = [];
          for (const r of rs) out.push(settleUse(await repo.use(r)));
          return out;
        });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        const out: LedgerResult[] = [];
        for (const r of rs) out.push(await useOne(r));
        return out;
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
