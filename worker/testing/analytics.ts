import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { createActivitiesService } from '../features/activities';
import { createAnalyticsService, createTrainingLoadService } from '../features/analytics';
import type { Athlete } from '../features/analytics';
import { createAuditService } from '../features/audit/audit.service';
import { uniqueEmail } from './harness';

/** The analytics services wired as in production (activity writes maintain load and daily totals), on a fixed clock. */
export function analyticsWorld(db: Db, now: Date = new Date()) {
  const clock = { now: () => now };
  const trainingLoad = createTrainingLoadService({ db, clock, audit: createAuditService(db, null) });
  return {
    clock,
    trainingLoad,
    activities: createActivitiesService({ db, onChange: trainingLoad.applyChange }),
    analytics: createAnalyticsService({ db, clock }),
  };
}

/** An athlete row inserted directly (no password hashing): for service-level tests that need many. */
export async function insertAthlete(db: Db, fields: Partial<Omit<Athlete, 'id' | 'version'>> = {}): Promise<Athlete> {
  const [row] = await db
    .insert(users)
    .values({
      email: uniqueEmail('athlete'),
      passwordHash: 'x',
      displayName: 'Analytics Athlete',
      units: fields.units ?? 'km',
      timeZone: fields.timeZone ?? 'UTC',
      birthDate: fields.birthDate ?? null,
      sex: fields.sex ?? null,
    })
    .returning({ id: users.id });
  if (!row) throw new Error('insert user failed');
  return {
    id: row.id,
    units: fields.units ?? 'km',
    timeZone: fields.timeZone ?? 'UTC',
    birthDate: fields.birthDate ?? null,
    sex: fields.sex ?? null,
    version: 0,
  };
}

/** Everything derived for an athlete, in a stable order: equal snapshots mean equal analytics state. */
export async function derivedSnapshot(db: Db, userId: string) {
  const days = await db.execute(
    sql`select day::text, sport, source, round(load::numeric, 6)::text as load, moving_s, round(distance_m::numeric, 3)::text as distance_m, count
        from training_days where user_id = ${userId} order by day, sport, source`,
  );
  const loads = await db.execute(
    sql`select m.activity_id, round(m.load::numeric, 6)::text as load, m.load_method from activity_metrics m where m.user_id = ${userId} order by m.activity_id`,
  );
  return { days: days.rows, loads: loads.rows };
}

export const actorFor = (a: { id: string }) => ({ id: a.id, role: 'athlete' as const });
