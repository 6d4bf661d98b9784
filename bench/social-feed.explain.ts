// The social feed's query planned on a seeded table (issue 42, posts slice): a viewer following 500 athletes,
// 200k posts over a year, the page statement of worker/features/social/posts/posts.repo.ts (feed(), captured through
// social-feed.entry.ts), first page and a deep page, with EXPLAIN (ANALYZE, BUFFERS). No test: it prints the plans and
// the timings. `npm run bench -- social-feed` measures the feed under load.
//
//   node bench/social-feed.explain.ts [follows=500] [posts=200000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { applyMigrations } from '../scripts/lib/migrate.ts';
import { freePort } from '../scripts/lib/ports.ts';
import { startPostgres } from '../scripts/lib/postgres.ts';
import { loadEntry } from './lib.ts';

const FOLLOWS = Number(process.argv[2] ?? 500);
const POSTS = Number(process.argv[3] ?? 200_000);
const AUTHORS = FOLLOWS * 2; // half of the table's authors are followed
const PAGE = 20;

type Entry = typeof import('./social-feed.entry.ts');

const dir = mkdtempSync(join(tmpdir(), 'feed-explain-'));
const { mod, cleanup } = await loadEntry<Entry>(new URL('./social-feed.entry.ts', import.meta.url));
const db = await startPostgres({ dataDir: dir, port: await freePort(), database: 'feed', persistent: false });
try {
  await applyMigrations(db.url);
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  const t0 = Date.now();
  await c.query(`insert into users (email, password_hash, display_name)
    select 'u' || g || '@feed.test', 'x', 'User ' || g from generate_series(1, ${AUTHORS + 1}) g`);
  const ids = (await c.query<{ id: string }>('select id from users order by email')).rows.map((r) => r.id);
  const viewer = ids[0]!;
  const followed = ids.slice(1, FOLLOWS + 1);
  await c.query(`insert into follows (follower_id, followee_id, status, accepted_at) select $1, unnest($2::uuid[]), 'accepted', now()`, [
    viewer,
    followed,
  ]);
  await c.query(
    `insert into posts (author_id, kind, title, visibility, day_at, created_at)
     select ($1::uuid[])[1 + (g % $2)], 'entry', 'Run ' || g,
       (array['public','followers','private'])[1 + (g % 3)],
       now() - (random() * interval '365 days'), now() - (random() * interval '365 days')
     from generate_series(1, $3) g`,
    [ids.slice(1), AUTHORS, POSTS],
  );
  await c.query('analyze');
  console.log(`seeded ${AUTHORS} authors, ${FOLLOWS} follows, ${POSTS} posts in ${Date.now() - t0} ms`);

  const authors = [viewer, ...followed];
  type Key = { dayAt: string; createdAt: string; id: string };
  const key = (r: { dayKey: string; createdKey: string; id: string } | undefined): Key | null =>
    r ? { dayAt: r.dayKey, createdAt: r.createdKey, id: r.id } : null;
  const page = async (after: Key | null) => {
    const q = await mod.feedStatement(viewer, authors, after, PAGE);
    return (await c.query(q.sql, q.params)).rows.at(-1);
  };
  const explain = async (label: string, after: Key | null) => {
    const q = await mod.feedStatement(viewer, authors, after, PAGE);
    const plan = await c.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${q.sql}`, q.params);
    console.log(`\n--- ${label}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    const runs: number[] = [];
    let last: Key | null = null;
    for (let i = 0; i < 10; i++) {
      const s = performance.now();
      last = key(await page(after));
      runs.push(performance.now() - s);
    }
    runs.sort((a, b) => a - b);
    console.log(`${label}: median ${runs[5]!.toFixed(1)} ms, max ${runs[9]!.toFixed(1)} ms over 10 runs`);
    return last;
  };
  let cursor = await explain('first page', null);
  // Fifty pages down (1,000 posts back): the same shape of plan, the cursor a deep keyset.
  for (let i = 0; i < 49 && cursor; i++) cursor = key(await page(cursor));
  if (cursor) await explain('page 51', cursor);
  await c.end();
} finally {
  await db.stop();
  rmSync(dir, { recursive: true, force: true });
  cleanup();
}
