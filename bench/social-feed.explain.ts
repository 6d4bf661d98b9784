// The social feed's query planned on a seeded table (issue 42, posts slice): a viewer following 500 athletes,
// 200k posts over a year, the page query of worker/features/social/posts/posts.repo.ts (feed()), first page and a
// deep page, with EXPLAIN (ANALYZE, BUFFERS). No test: it prints the plans and the timings.
//
//   node bench/social-feed.explain.ts [follows=500] [posts=200000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { applyMigrations } from '../scripts/lib/migrate.ts';
import { freePort } from '../scripts/lib/ports.ts';
import { startPostgres } from '../scripts/lib/postgres.ts';

const FOLLOWS = Number(process.argv[2] ?? 500);
const POSTS = Number(process.argv[3] ?? 200_000);
const AUTHORS = FOLLOWS * 2; // half of the table's authors are followed
const PAGE = 20;

// The repo's statement, with its parameters inlined as the driver would bind them.
const feedSql = (viewer: string, _authors: string[], after: { day: string; created: string; id: string } | null) => `
  select q.* from unnest($1::uuid[]) as a(id)
  cross join lateral (
    select p.id, p.author_id, p.visibility, p.day_at, p.created_at,
      to_char(p.day_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as day_key,
      to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_key
    from posts p
    where p.author_id = a.id
      ${after ? `and (p.day_at, p.created_at, p.id) < ('${after.day}'::timestamptz, '${after.created}'::timestamptz, '${after.id}'::uuid)` : ''}
      and (a.id = '${viewer}'::uuid or (p.visibility <> 'private' and p.hidden_at is null))
    order by p.day_at desc, p.created_at desc, p.id desc
    limit ${PAGE}
  ) q
  order by q.day_at desc, q.created_at desc, q.id desc
  limit ${PAGE}`;

const dir = mkdtempSync(join(tmpdir(), 'feed-explain-'));
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
  const explain = async (label: string, after: Parameters<typeof feedSql>[2]) => {
    const plan = await c.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${feedSql(viewer, authors, after)}`, [authors]);
    console.log(`\n--- ${label}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    const runs: number[] = [];
    let last: { day_key: string; created_key: string; id: string } | undefined;
    for (let i = 0; i < 10; i++) {
      const s = performance.now();
      const r = await c.query(feedSql(viewer, authors, after), [authors]);
      runs.push(performance.now() - s);
      last = r.rows.at(-1);
    }
    runs.sort((a, b) => a - b);
    console.log(`${label}: median ${runs[5]!.toFixed(1)} ms, max ${runs[9]!.toFixed(1)} ms over 10 runs`);
    return last ? { day: last.day_key, created: last.created_key, id: last.id } : null;
  };
  const key = (r: { day_key: string; created_key: string; id: string } | undefined) =>
    r ? { day: r.day_key, created: r.created_key, id: r.id } : null;
  let cursor = await explain('first page', null);
  // Fifty pages down (1,000 posts back): the same shape of plan, the cursor a deep keyset.
  for (let i = 0; i < 49 && cursor; i++) cursor = key((await c.query(feedSql(viewer, authors, cursor), [authors])).rows.at(-1));
  if (cursor) await explain('page 51', cursor);
  await c.end();
} finally {
  await db.stop();
  rmSync(dir, { recursive: true, force: true });
}
