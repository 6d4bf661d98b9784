// Bundled by social-feed.bench.ts (esbuild): the feed's page statement exactly as the posts repo writes it, so the
// bench's EXPLAIN plans the production SQL rather than a copy of it; and where a page's time goes in Node, on the
// production service through the stack's driver and proxy (each statement the page sends, then the whole page).
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { createDb } from '../worker/db/client';
import type { Executor } from '../worker/db/executor';
import { fixedPolicy } from '../worker/features/activities';
import { createPostsService, createRelations } from '../worker/features/social';
import { type FeedKey, createPostsRepo } from '../worker/features/social/posts/posts.repo';
import { createLogger } from '../worker/lib/logger';

export async function feedStatement(viewerId: string, authorIds: string[], after: FeedKey | null, limit: number) {
  let query: { sql: string; params: unknown[] } | null = null;
  const capture = {
    execute: async (q: SQL) => {
      query = new PgDialect().sqlToQuery(q);
      return { rows: [] };
    },
  } as unknown as Executor;
  await createPostsRepo(capture).feed(viewerId, authorIds, after, limit);
  if (!query) throw new Error('the feed wrote no statement');
  return query as { sql: string; params: unknown[] };
}

/** Median ms of each statement a first page sends (as the service sends them, one after another) and of the page. */
export async function feedBreakdown(databaseUrl: string, wsProxy: string, viewer: { id: string; timeZone: string }, rounds: number) {
  const handle = createDb({ DATABASE_URL: databaseUrl, DB_WS_PROXY: wsProxy }, createLogger('warn'));
  const relations = createRelations(handle.db);
  const repo = createPostsRepo(handle.db);
  const service = createPostsService({
    db: handle.db,
    clock: { now: () => new Date() },
    relations,
    policy: fixedPolicy(),
    notify: { notify: async () => {} },
    zoneSecret: 'bench-zone-secret-bench-zone-secret',
  });
  const ms: Record<string, number[]> = { select1: [], followees: [], page: [], names: [], settings: [], counts: [], wholePage: [] };
  const time = async <T>(k: string, f: () => Promise<T>) => {
    const t0 = performance.now();
    const r = await f();
    ms[k]!.push(performance.now() - t0);
    return r;
  };
  try {
    for (let i = 0; i < rounds + 2; i++) {
      await time('select1', () => handle.db.execute(sql`select 1`));
      const authors = [viewer.id, ...(await time('followees', () => relations.followees(viewer.id)))];
      const rows = await time('page', () => repo.feed(viewer.id, authors, null, 20));
      const ids = [...new Set(rows.map((r) => r.authorId))];
      await time('names', () => repo.names(ids));
      await time('settings', () => relations.settingsOf(ids));
      await time('counts', () =>
        repo.counts(
          rows.map((r) => r.id),
          viewer.id,
        ),
      );
      await time('wholePage', () => service.feed({ ...viewer, displayName: 'Bench' }, undefined));
      if (i < 2) for (const v of Object.values(ms)) v.length = 0; // warm-up
    }
  } finally {
    await handle.close();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, median(v)]));
}
