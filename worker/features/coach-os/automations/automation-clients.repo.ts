// What automations need to know about clients: audiences, message variables, and the time-based
// occasions (packages about to expire, clients gone quiet). Read-only, always within one org.

import { sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';

export interface ClientFacts {
  id: string;
  name: string;
  /** Sessions left on active, unexpired packages. */
  sessionsLeft: number;
  packageCount: number;
  /** The package expiring soonest that still has sessions. */
  packageName: string | null;
  expiresOn: string | null;
  /** Last completed booking or session use (the client's creation when there is none). */
  lastActiveAt: Date;
}

interface FactsRow {
  id: string;
  name: string;
  sessions_left: number;
  package_count: number;
  package_name: string | null;
  expires_on: string | null;
  last_active_at: string | Date;
}

export function createAutomationClientsRepo(db: Executor) {
  return {
    /** Facts of the org's clients (not archived), or of the given ones. */
    async facts(orgId: string, today: string, clientIds?: string[]): Promise<ClientFacts[]> {
      const only = clientIds
        ? sql`and c.id in (${sql.join(
            clientIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`
        : sql``;
      const result = await db.execute(sql`
        select c.id, c.name,
          coalesce((select sum(p.sessions_remaining) from client_packages p
                    where p.client_id = c.id and p.status = 'active' and (p.expires_on is null or p.expires_on >= ${today}::date)), 0)::int as sessions_left,
          (select count(*) from client_packages p where p.client_id = c.id)::int as package_count,
          soon.name as package_name, soon.expires_on::text as expires_on,
          greatest(c.created_at,
                   (select max(b.completed_at) from bookings b where b.client_id = c.id and b.status = 'completed'),
                   (select max(l.created_at) from session_ledger l where l.client_id = c.id and l.kind = 'use')) as last_active_at
        from clients c
        left join lateral (
          select p.name, p.expires_on from client_packages p
          where p.client_id = c.id and p.status = 'active' and p.sessions_remaining > 0 and (p.expires_on is null or p.expires_on >= ${today}::date)
          order by p.expires_on asc nulls last limit 1) soon on true
        where c.org_id = ${orgId} and not c.archived ${only}
        order by c.id`);
      return (result.rows as unknown as FactsRow[]).map((r) => ({
        id: r.id,
        name: r.name,
        sessionsLeft: Number(r.sessions_left),
        packageCount: Number(r.package_count),
        packageName: r.package_name,
        expiresOn: r.expires_on,
        lastActiveAt: new Date(r.last_active_at),
      }));
    },

    async packageOf(
      orgId: string,
      packageId: string,
    ): Promise<{ name: string; expiresOn: string | null; sessionsRemaining: number } | undefined> {
      const result = await db.execute(
        sql`select name, expires_on::text as expires_on, sessions_remaining from client_packages where org_id = ${orgId} and id = ${packageId}`,
      );
      const row = result.rows[0] as { name: string; expires_on: string | null; sessions_remaining: number } | undefined;
      return row ? { name: row.name, expiresOn: row.expires_on, sessionsRemaining: Number(row.sessions_remaining) } : undefined;
    },

    /** Active packages with sessions left that expire within [from, until] (local dates). */
    async expiringPackages(orgId: string, from: string, until: string): Promise<{ id: string; clientId: string; expiresOn: string }[]> {
      const result = await db.execute(sql`
        select p.id, p.client_id, p.expires_on::text as expires_on from client_packages p
        join clients c on c.id = p.client_id and not c.archived
        where p.org_id = ${orgId} and p.status = 'active' and p.sessions_remaining > 0
          and p.expires_on between ${from}::date and ${until}::date`);
      return (result.rows as { id: string; client_id: string; expires_on: string }[]).map((r) => ({
        id: r.id,
        clientId: r.client_id,
        expiresOn: r.expires_on,
      }));
    },

    /** Who gets the coach's email: the automation's author while they are in the org, else the owner. */
    async coachRecipient(orgId: string, preferredUserId: string | null): Promise<{ userId: string; email: string } | undefined> {
      const result = await db.execute(sql`
        select u.id, u.email from org_members m join users u on u.id = m.user_id
        where m.org_id = ${orgId}
        order by (u.id = ${preferredUserId ?? '00000000-0000-0000-0000-000000000000'}::uuid) desc, (m.role = 'owner') desc, m.created_at asc limit 1`);
      const row = result.rows[0] as { id: string; email: string } | undefined;
      return row ? { userId: row.id, email: row.email } : undefined;
    },
  };
}

export type AutomationClientsRepo = ReturnType<typeof createAutomationClientsRepo>;
