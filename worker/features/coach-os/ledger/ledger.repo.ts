import { sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';

export interface LedgerEffect {
  ledgerId: string;
  packageId: string;
  remaining: number;
}

export interface UseArgs {
  orgId: string;
  clientId: string;
  /** What caused it: "booking:<id>" or "manual:<client id>:<idempotency key>". The same cause never deducts twice. */
  cause: string;
  bookingId: string | null;
  actorId: string | null;
  /** Today in the org's zone: packages that expired before it are not used. */
  today: string;
}

/** A row of `ledger_use_batch`: a refused booking use has no ledger id. */
type UseRow = { idx: number; ledgerId: string | null; packageId: string; remaining: number; replayed: boolean };

export type UseOutcome = (LedgerEffect & { replayed: boolean }) | 'no_sessions' | 'booking_not_completed';

const first = async <T>(p: Promise<{ rows: unknown[] }>): Promise<T | undefined> => (await p).rows[0] as T | undefined;

/** The only SQL that changes session counts. Each statement is conditional; the database is the guarantee. */
export function createLedgerRepo(db: Executor) {
  return {
    async findUse(orgId: string, clientId: string, by: { cause: string } | { id: string }): Promise<LedgerEffect | undefined> {
      const where = 'cause' in by ? sql`l.cause = ${by.cause}` : sql`l.id = ${by.id}`;
      return first<LedgerEffect>(
        db.execute(sql`
          select l.id as "ledgerId", l.client_package_id as "packageId", p.sessions_remaining as "remaining"
          from session_ledger l join client_packages p on p.id = l.client_package_id
          where l.org_id = ${orgId} and l.client_id = ${clientId} and l.kind = 'use' and ${where}`),
      );
    },

    async findRelease(orgId: string, useId: string): Promise<LedgerEffect | undefined> {
      return first<LedgerEffect>(
        db.execute(sql`
          select l.id as "ledgerId", l.client_package_id as "packageId", p.sessions_remaining as "remaining"
          from session_ledger l join client_packages p on p.id = l.client_package_id
          where l.org_id = ${orgId} and l.kind = 'release' and l.release_of = ${useId}`),
      );
    },

    /**
     * Uses, strictly in order, in one statement (the `ledger_use` database function, migration 0008):
     * each takes a session from the client's package that expires soonest (undated last, then oldest
     * purchase) and records its cause, or reports the use that cause already made. A booking's use is
     * taken only while the booking is completed (migration 0014). One round trip for the lot.
     */
    async useMany(rs: UseArgs[]): Promise<UseOutcome[]> {
      const { rows } = await db.execute(
        sql`select idx, ledger_id as "ledgerId", package_id as "packageId", remaining, replayed from ledger_use_batch(${JSON.stringify(rs)}::jsonb)`,
      );
      // No row: no package had a session left; a row without a ledger id: the booking is not completed.
      const out: UseOutcome[] = rs.map(() => 'no_sessions');
      for (const { idx, ledgerId, packageId, remaining, replayed } of rows as unknown as UseRow[]) {
        out[idx] = ledgerId === null ? 'booking_not_completed' : { ledgerId, packageId, remaining, replayed };
      }
      return out;
    },

    /** Gives back the session a use took (never above the package's total), recorded against that use. */
    async release(a: {
      orgId: string;
      clientId: string;
      use: LedgerEffect;
      cause: string;
      bookingId: string | null;
      actorId: string | null;
    }): Promise<LedgerEffect | undefined> {
      return first<LedgerEffect>(
        db.execute(sql`
          with upd as (
            update client_packages set sessions_remaining = sessions_remaining + 1
            where id = ${a.use.packageId} and org_id = ${a.orgId} and sessions_remaining < sessions_total
            returning id, sessions_remaining
          ),
          ins as (
            insert into session_ledger (org_id, client_id, client_package_id, kind, cause, release_of, booking_id, actor_id)
            select ${a.orgId}, ${a.clientId}, upd.id, 'release', ${a.cause}, ${a.use.ledgerId}, ${a.bookingId}, ${a.actorId} from upd
            returning id
          )
          select ins.id as "ledgerId", upd.id as "packageId", upd.sessions_remaining as "remaining" from upd, ins`),
      );
    },
  };
}
