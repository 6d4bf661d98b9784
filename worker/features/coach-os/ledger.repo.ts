import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';

export interface LedgerEffect {
  ledgerId: string;
  packageId: string;
  remaining: number;
}

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
     * Takes one session from the client's package that expires soonest (undated last, then oldest purchase)
     * and records the cause — or, when the cause was already recorded, reports that use — in one statement
     * (one round trip). Nothing is returned when no package has a session left. Two racing callers with
     * one cause cannot both insert: the loser's statement fails on the unique cause and rolls back whole.
     */
    async use(a: { orgId: string; clientId: string; cause: string; bookingId: string | null; actorId: string | null; today: string }): Promise<(LedgerEffect & { replayed: boolean }) | undefined> {
      return first<LedgerEffect & { replayed: boolean }>(
        db.execute(sql`
          with prior as (
            select l.id, l.client_package_id from session_ledger l
            where l.kind = 'use' and l.cause = ${a.cause} and l.org_id = ${a.orgId} and l.client_id = ${a.clientId}
          ),
          pkg as (
            select id from client_packages
            where org_id = ${a.orgId} and client_id = ${a.clientId} and status = 'active' and sessions_remaining > 0
              and (expires_on is null or expires_on >= ${a.today})
              and not exists (select 1 from prior)
            order by expires_on asc nulls last, purchased_on asc, created_at asc
            limit 1
            for update
          ),
          upd as (
            update client_packages p set sessions_remaining = p.sessions_remaining - 1
            from pkg where p.id = pkg.id and p.sessions_remaining > 0
            returning p.id, p.sessions_remaining
          ),
          ins as (
            insert into session_ledger (org_id, client_id, client_package_id, kind, cause, booking_id, actor_id)
            select ${a.orgId}, ${a.clientId}, upd.id, 'use', ${a.cause}, ${a.bookingId}, ${a.actorId} from upd
            returning id
          )
          select ins.id as "ledgerId", upd.id as "packageId", upd.sessions_remaining as "remaining", false as "replayed" from upd, ins
          union all
          select prior.id, prior.client_package_id, p.sessions_remaining, true from prior join client_packages p on p.id = prior.client_package_id`),
      );
    },

    /** Gives back the session a use took (never above the package's total), recorded against that use. */
    async release(a: { orgId: string; clientId: string; use: LedgerEffect; cause: string; bookingId: string | null; actorId: string | null }): Promise<LedgerEffect | undefined> {
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
