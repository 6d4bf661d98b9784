// Bundled by leaderboards.bench.ts (esbuild) so Node runs the worker's own weekly close against the stack's
// Postgres through the same driver and proxy: the figures are for the production code path.
import { sql } from 'drizzle-orm';
import { createDb } from '../worker/db/client';
import { fixedPolicy } from '../worker/features/activities';
import { createAwardsEvaluation } from '../worker/features/social';
import { createLogger } from '../worker/lib/logger';

export function connect(databaseUrl: string, wsProxy: string, now: Date) {
  const handle = createDb({ DATABASE_URL: databaseUrl, DB_WS_PROXY: wsProxy }, createLogger('warn'));
  const evaluation = createAwardsEvaluation({
    db: handle.db,
    policy: fixedPolicy(),
    notify: { notify: async () => {} },
    clock: { now: () => now },
  });
  return {
    close: handle.close,
    /** The cron's close: one statement per zone with open weeks. */
    closeWeeks: () => evaluation.closeWeeks(now),
    /** Reference: the same open rows read bare through the same driver. */
    bareSelect: async () => (await handle.db.execute(sql`select * from leaderboard_weeks where not final`)).rows.length,
    /** Opens the ended weeks again for the next round. */
    reopen: (week: string) =>
      handle.db.execute(sql`update leaderboard_weeks set final = false, closed_at = null where week_start = ${week}::date`),
    finalCount: async (week: string) =>
      Number(
        (
          (await handle.db.execute(sql`select count(*)::int as n from leaderboard_weeks where final and week_start = ${week}::date`))
            .rows[0] as { n: number }
        ).n,
      ),
  };
}
