// Bundled by awards-reevaluate.bench.ts (esbuild) so Node runs the worker's own re-evaluation against the stack's
// Postgres through the same driver and proxy: the figures are for the production code path (ADR 084).
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
    reevaluate: (userId: string) => evaluation.reevaluate(userId),
    /** As before ADR 084: no stored verdict, so every stream of the history is read. */
    forget: (userId: string) => handle.db.execute(sql`delete from activity_social_judgments where user_id = ${userId}`),
    /** One activity changed (a late doubt): its verdict goes stale. */
    touchOne: (userId: string) =>
      handle.db.execute(sql`
        update activities set data_quality = data_quality || '[]'::jsonb, content_hash = md5(random()::text)
        where id = (select id from activities where user_id = ${userId} order by start_time desc limit 1)`),
  };
}
