// Bundled by social-feed.bench.ts (esbuild): the feed's page statement exactly as the posts repo writes it, so the
// bench's EXPLAIN plans the production SQL rather than a copy of it.
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Executor } from '../worker/db/executor';
import { type FeedKey, createPostsRepo } from '../worker/features/social/posts/posts.repo';

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
