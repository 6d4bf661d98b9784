// Session deductions and releases. Called only from the ClientLedger Durable Object (one per client),
// which runs them one at a time; the unique cause and the conditional statements make each effect
// happen at most once even if something reached the database another way.

import type { Db } from '../../../db/client';
import { createLedgerRepo, type LedgerEffect, type UseArgs, type UseOutcome } from './ledger.repo';
import { isUniqueViolation } from '../../../db/pg-errors';

export type LedgerResult =
  | ({ ok: true; replayed: boolean } & LedgerEffect)
  | { ok: false; reason: 'no_sessions' | 'booking_not_completed' | 'not_found' | 'nothing_to_release' };

export type UseRequest = UseArgs;

export interface ReleaseRequest {
  orgId: string;
  clientId: string;
  /** The use to undo, by its cause or its ledger id. */
  of: { cause: string } | { id: string };
  bookingId: string | null;
  actorId: string | null;
}

const settleUse = (o: UseOutcome): LedgerResult => (typeof o === 'string' ? { ok: false, reason: o } : { ok: true, ...o });

export function createLedgerService(db: Db) {
  /** Uses in order, in one statement; if a racing writer outside the ledger object wins a cause, once more. */
  async function useMany(rs: UseRequest[]): Promise<LedgerResult[]> {
    const run = async () => (await createLedgerRepo(db).useMany(rs)).map(settleUse);
    try {
      return await run();
    } catch (err) {
      // The statement rolled back whole; now the other writer's use is there to be reported.
      if (!isUniqueViolation(err)) throw err;
      return run();
    }
  }

  return {
    use: async (r: UseRequest): Promise<LedgerResult> => (await useMany([r]))[0]!,

    /** Several uses, in order, in one statement: one round trip and one commit for the lot. */
    useMany,

    async release(r: ReleaseRequest): Promise<LedgerResult> {
      const attempt = () =>
        db.transaction(async (tx) => {
          const repo = createLedgerRepo(tx);
          const use = await repo.findUse(r.orgId, r.clientId, r.of);
          if (!use) return { ok: false as const, reason: 'not_found' as const };
          const done = await repo.findRelease(r.orgId, use.ledgerId);
          if (done) return { ok: true as const, replayed: true, ...done };
          const effect = await repo.release({
            orgId: r.orgId,
            clientId: r.clientId,
            use,
            cause: `release:${use.ledgerId}`,
            bookingId: r.bookingId,
            actorId: r.actorId,
          });
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
