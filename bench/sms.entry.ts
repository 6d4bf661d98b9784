// Bundled by sms.bench.ts (esbuild) so Node runs the worker's own SMS planner against the stack's
// Postgres through the same driver and proxy: the figures are for the production code path.
import { sql } from 'drizzle-orm';
import { createDb } from '../worker/db/client';
import { createSmsPlanner, PLAN_GRACE_MINUTES, PLAN_HORIZON_MINUTES } from '../worker/features/coach-os/sms/sms-planner';
import { createSmsRepo } from '../worker/features/coach-os/sms/sms.repo';
import { createLogger } from '../worker/lib/logger';

export function connect(databaseUrl: string, wsProxy: string, now: Date) {
  const handle = createDb({ DATABASE_URL: databaseUrl, DB_WS_PROXY: wsProxy }, createLogger('warn'));
  const planner = createSmsPlanner({ db: handle.db, clock: { now: () => now } });
  return {
    close: handle.close,
    /** The tick's preparation step: find missing reminders, word them, apply quiet hours, insert. */
    plan: () => planner.planMissingReminders(),
    /** Reference: the same bookings read bare through the same driver. */
    bareSelect: async () =>
      (await handle.db.execute(sql`select b.* from bookings b where b.status in ('scheduled', 'confirmed') and b.starts_at > ${now}`)).rows
        .length,
    /** The planner's read alone (the missing-reminder query, every row at once). */
    query: async () =>
      (await createSmsRepo(handle.db).missingReminders(now, PLAN_GRACE_MINUTES, PLAN_HORIZON_MINUTES, 100_000)).rows.length,
    reset: () => handle.db.execute(sql`delete from sms_messages`),
  };
}
