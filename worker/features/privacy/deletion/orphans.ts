// The orphan sweep: rows and R2 objects that still name someone who no longer exists. Foreign keys already
// make that impossible for most columns; the sweep checks the rest, read from the data map (person columns with
// no key: 'delete' and 'clear' rules) and from the bucket's `<area>/<userId>/` keys. Counts only, for Ops Pulse.
import { desc, sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type { Executor } from '../../../db/executor';
import { clients, orgs, orphanSweeps, users } from '../../../db/schema';
import { PERSONAL_TABLES } from '../data-map';
import { ownersInBucket } from './files';

export async function sweepOrphans(db: Executor, bucket: R2Bucket): Promise<{ counts: Record<string, number>; total: number }> {
  const counts: Record<string, number> = {};
  for (const entry of PERSONAL_TABLES) {
    const config = getTableConfig(entry.table);
    for (const [name, rule] of Object.entries(entry.erase)) {
      if (rule !== 'delete' && rule !== 'clear') continue;
      const column = config.columns.find((c) => c.name === name);
      if (!column || column.columnType !== 'PgUUID') continue;
      const r = await db.execute<{ n: string }>(sql`
        select count(*)::text as n from ${entry.table} t
         where ${sql.identifier(name)} is not null
           and not exists (select 1 from ${users} where ${users.id} = t.${sql.identifier(name)})
           and not exists (select 1 from ${orgs} where ${orgs.id} = t.${sql.identifier(name)})
           and not exists (select 1 from ${clients} where ${clients.id} = t.${sql.identifier(name)})`);
      const n = Number(r.rows[0]?.n ?? 0);
      if (n) counts[`${config.name}.${name}`] = n;
    }
  }
  for (const [area, owners] of await ownersInBucket(bucket)) {
    const ids = [...owners.keys()].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (!ids.length) continue;
    const known = await db.execute<{ id: string }>(
      sql`select id::text as id from ${users} where id = any(${sql.raw(`ARRAY[${ids.map((i) => `'${i}'`).join(',')}]`)}::uuid[])`,
    );
    const live = new Set(known.rows.map((r) => r.id));
    const n = ids.filter((id) => !live.has(id)).reduce((s, id) => s + (owners.get(id) ?? 0), 0);
    if (n) counts[`r2:${area}`] = n;
  }
  const total = Object.values(counts).reduce((s, n) => s + n, 0);
  await db.insert(orphanSweeps).values({ counts, total });
  return { counts, total };
}

export async function lastSweep(db: Executor): Promise<{ ranAt: Date; counts: Record<string, number>; total: number } | null> {
  const [row] = await db.select().from(orphanSweeps).orderBy(desc(orphanSweeps.ranAt)).limit(1);
  return row ?? null;
}

/** What Ops Pulse shows of privacy: the last orphan sweep and the deletion requests by state. */
export async function privacyPulse(db: Executor) {
  const [sweep, states] = await Promise.all([
    lastSweep(db),
    db.execute<{ status: string; n: string }>(
      sql`select status, count(*)::text as n from privacy_requests where kind in ('deletion', 'org_deletion') and status in ('queued', 'running', 'failed') group by status`,
    ),
  ]);
  const by = Object.fromEntries(states.rows.map((r) => [r.status, Number(r.n)]));
  return { sweep, scheduled: by.queued ?? 0, running: by.running ?? 0, failed: by.failed ?? 0 };
}
export type PrivacyPulse = Awaited<ReturnType<typeof privacyPulse>>;
