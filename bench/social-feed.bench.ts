// The social feed under load (issue 42): an athlete following 500 people, 200,000 posts in the table (1,000 authors,
// a year of days, kudos and comments on the recent ones), seeded set-based in SQL. 20 clients each walk the feed —
// the first page, then the keyset next pages to DEPTH, then again from the top — through `GET /api/v1/social/feed`,
// interleaved with the health route (the same-run reference) in ROUNDS rounds after a warm-up. Reported: page
// p50/p95 (first and next pages apart), health p95, `feed_to_health_p95_ratio` (target ≤ 3), and Postgres's
// EXPLAIN (ANALYZE, BUFFERS) of the page statement as the posts repo writes it, first page and a deep one: rows
// the index scans read per page and the buffers they touched.
import { loadavg } from 'node:os';
import pg from 'pg';
import type { Stack } from '../scripts/lib/stack.ts';
import { assertLoopback, fmt, load, loadEntry, type Sample, summarize } from './lib.ts';
import { createUsers, login } from './users.ts';

const FOLLOWS = 500;
const AUTHORS = 1000; // half of the table's authors are followed
const POSTS = 200_000;
const OWN_POSTS = 200; // the viewer's own, in the feed too
const PAGE = 20; // the service's FEED_PAGE
const CLIENTS = 20;
const ROUNDS = 3;
const SECONDS = 8;
const DEPTH = 10; // pages per walk before a client starts again from the top
const SINGLE = 30;

type Entry = typeof import('./social-feed.entry.ts');
interface FeedAnswer {
  days: { day: string; posts: { id: string; dayAt: string }[] }[];
  nextCursor: string | null;
}

async function seed(c: pg.Client, viewerId: string): Promise<string[]> {
  const tag = String(Date.now());
  await c.query('begin');
  const authors = (
    await c.query<{ id: string }>(
      `insert into users (email, password_hash, display_name)
       select 'feed-author-' || $2 || '-' || g || '@bench.cadence.test', 'x', 'Author ' || g from generate_series(1, $1) g
       returning id`,
      [AUTHORS, tag],
    )
  ).rows.map((r) => r.id);
  const followed = authors.slice(0, FOLLOWS);
  await c.query(`insert into follows (follower_id, followee_id, status, accepted_at) select $1, unnest($2::uuid[]), 'accepted', now()`, [
    viewerId,
    followed,
  ]);
  // A third of the authors chose a public profile; the rest never opened the settings (private, followers at most).
  await c.query(
    `insert into social_profiles (user_id, profile_visibility, default_post_visibility)
     select id, 'public', 'public' from unnest($1::uuid[]) with ordinality as a(id, n) where n % 3 = 0`,
    [authors],
  );
  // Posts over the last year; uploaded up to two days after the day trained (late uploads land in their day);
  // a third of each visibility; one in 200 hidden by a moderator.
  await c.query(
    `insert into posts (author_id, kind, title, body, sport, duration_s, distance_m, rpe, visibility, day_at, created_at, hidden_at, hidden_reason)
     select ($1::uuid[])[1 + (g % $2)], 'entry', 'Run ' || g, 'Easy aerobic miles, legs fine. #' || g,
       (array['run','ride','swim'])[1 + (g % 3)], 1800 + (g % 5400), 5000 + (g % 40000), 1 + (g % 10),
       (array['public','followers','private'])[1 + ((g / 7) % 3)],
       d.day_at, d.day_at + random() * interval '2 days',
       case when g % 200 = 0 then now() end, case when g % 200 = 0 then 'spam' end
     from (select g, now() - random() * interval '365 days' as day_at from generate_series(1, $3) g) d`,
    [authors, AUTHORS, POSTS],
  );
  await c.query(
    `insert into posts (author_id, kind, title, sport, duration_s, visibility, day_at, created_at)
     select $1, 'entry', 'My run ' || g, 'run', 3600, 'private', d, d + interval '1 hour'
     from (select g, now() - random() * interval '365 days' as d from generate_series(1, $2) g) x`,
    [viewerId, OWN_POSTS],
  );
  // Kudos from three authors on each of the last 60 days' posts, a comment on each of the last 30 days'.
  await c.query(
    `insert into post_kudos (post_id, user_id)
     select p.id, ($1::uuid[])[1 + abs(hashtext(p.id::text || k)) % $2]
     from posts p cross join generate_series(1, 3) k where p.day_at > now() - interval '60 days'
     on conflict do nothing`,
    [authors, AUTHORS],
  );
  await c.query(
    `insert into post_comments (post_id, author_id, body)
     select p.id, ($1::uuid[])[1 + abs(hashtext(p.id::text)) % $2], 'Nice one!'
     from posts p where p.day_at > now() - interval '30 days'`,
    [authors, AUTHORS],
  );
  await c.query('commit');
  // Steady state, as autovacuum leaves the tables.
  await c.query('vacuum analyze posts, post_kudos, post_comments, follows, social_profiles, users');
  return followed;
}

/** The opaque cursor back to the repo's key (base64url of "day|created|id"). */
function keyOf(cursor: string) {
  const [dayAt, createdAt, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  return { dayAt: dayAt!, createdAt: createdAt!, id: id! };
}

/** Each client walks the feed: first page, then next pages to DEPTH, then from the top; first and next timed apart. */
async function walk(clients: number, seconds: number, page: (cursor: string | null) => Promise<Response>) {
  const first: number[] = [];
  const next: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const loop = async () => {
    let cursor: string | null = null;
    let depth = 0;
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        const res = await page(cursor);
        const body = (await res.json()) as FeedAnswer;
        if (!res.ok) throw new Error(String(res.status));
        (cursor ? next : first).push(performance.now() - t0);
        depth++;
        cursor = depth < DEPTH ? body.nextCursor : null;
        if (!cursor) depth = 0;
      } catch {
        errors++;
        cursor = null;
        depth = 0;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  const elapsed = (performance.now() - started) / 1000;
  return {
    all: { latenciesMs: [...first, ...next], errors, seconds: elapsed } as Sample,
    first: { latenciesMs: first, errors: 0, seconds: elapsed } as Sample,
    next: { latenciesMs: next, errors: 0, seconds: elapsed } as Sample,
  };
}

/** Rows the plan's index scans read (returned and filtered out, times loops) and the statement's shared buffers. */
function planFigures(lines: string[]) {
  let scanned = 0;
  let loops = 0; // of the index scan node being read, 0 elsewhere
  for (const l of lines) {
    if (l.includes('->') || l.startsWith('Limit')) {
      loops = 0;
      const m = /Index (Only )?Scan/.test(l) && l.match(/actual time=[\d.]+\.\.[\d.]+ rows=([\d.]+) loops=(\d+)/);
      if (m) {
        loops = Number(m[2]);
        scanned += Number(m[1]) * loops;
      }
    }
    const removed = loops && l.match(/Rows Removed by Filter: ([\d.]+)/);
    if (removed) scanned += Number(removed[1]) * loops;
  }
  const buffers = lines.find((l) => l.includes('Buffers:'))?.match(/shared hit=(\d+)(?: read=(\d+))?/);
  const time = lines.find((l) => l.startsWith('Execution Time'))?.match(/([\d.]+) ms/);
  return { scanned: Math.round(scanned), hit: Number(buffers?.[1] ?? 0), read: Number(buffers?.[2] ?? 0), ms: Number(time?.[1] ?? NaN) };
}

export async function socialFeedBench(stack: Stack): Promise<string> {
  const base = stack.workerUrl;
  assertLoopback(base);
  if (!stack.dbWsProxy) throw new Error('the social-feed bench needs the local WebSocket proxy');
  const loadBefore = loadavg()[0]!;
  const { mod, cleanup } = await loadEntry<Entry>(new URL('./social-feed.entry.ts', import.meta.url));
  const c = new pg.Client({ connectionString: stack.databaseUrl });
  c.on('error', () => {});
  await c.connect();
  try {
    const [email] = await createUsers(stack.databaseUrl, 1, 'feed');
    const viewerId = (await c.query<{ id: string }>('select id from users where email = $1', [email])).rows[0]!.id;
    const t0 = performance.now();
    const followed = await seed(c, viewerId);
    const count = Number((await c.query<{ n: string }>('select count(*) as n from posts')).rows[0]!.n);
    console.log(
      `seeded ${AUTHORS} authors (${FOLLOWS} followed), ${count} posts, kudos and comments in ${fmt((performance.now() - t0) / 1000)} s`,
    );

    const cookie = await login(base, stack.appUrl, email!);
    const page = (cursor: string | null) =>
      fetch(`${base}/api/v1/social/feed${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: { cookie } });

    // The walk checked once: full pages, newest first across pages, nothing twice.
    const seen = new Set<string>();
    let cursor: string | null = null;
    let previous = Number.POSITIVE_INFINITY;
    let deepCursor: string | null = null;
    for (let i = 0; i < DEPTH; i++) {
      const res = await page(cursor);
      if (!res.ok) throw new Error(`feed answered ${res.status}: ${await res.text()}`);
      const body = (await res.json()) as FeedAnswer;
      const posts = body.days.flatMap((d) => d.posts);
      for (const p of posts) {
        if (seen.has(p.id)) throw new Error(`post ${p.id} came twice`);
        seen.add(p.id);
        const at = Date.parse(p.dayAt);
        if (at > previous) throw new Error('the feed went back up in time');
        previous = at;
      }
      if (!body.nextCursor) throw new Error(`page ${i + 1} has no next cursor`);
      if (i === DEPTH - 2) deepCursor = body.nextCursor;
      cursor = body.nextCursor;
    }
    console.log(`walk checked: ${DEPTH} pages, ${seen.size} posts (pages of ${PAGE} before the serializer; some rows it drops)`);

    // Postgres's plan of the repo's statement: the first page, and page DEPTH (a deep keyset).
    const authors = [viewerId, ...followed];
    const explain = async (label: string, after: ReturnType<typeof keyOf> | null) => {
      const q = await mod.feedStatement(viewerId, authors, after, PAGE);
      const plan = (await c.query(`explain (analyze, buffers) ${q.sql}`, q.params)).rows.map(
        (r: Record<string, string>) => r['QUERY PLAN']!,
      );
      console.log(`\n--- plan, ${label}\n  ${plan.join('\n  ')}`);
      return planFigures(plan);
    };
    const planFirst = await explain('first page', null);
    const planDeep = await explain(`page ${DEPTH}`, deepCursor ? keyOf(deepCursor) : null);

    // One caller, interleaved (health, /me, first page, a next page …): each without a queue in front of it. `/me`
    // is the session lookup and one statement, the floor of any signed-in read.
    const single: Record<string, number[]> = { health: [], me: [], first: [], next: [] };
    const once: Record<string, () => Promise<Response>> = {
      health: () => fetch(`${base}/api/health`),
      me: () => fetch(`${base}/api/v1/me`, { headers: { cookie } }),
      first: () => page(null),
      next: () => page(deepCursor),
    };
    for (let i = 0; i < SINGLE + 5; i++)
      for (const [name, req] of Object.entries(once)) {
        const s = performance.now();
        await (await req()).arrayBuffer();
        if (i >= 5) single[name]!.push(performance.now() - s);
      }
    const singleP50 = Object.fromEntries(
      Object.entries(single).map(([k, v]) => [k, summarize({ latenciesMs: v, errors: 0, seconds: 1 }).p50]),
    );
    console.log(
      `single caller, p50 of ${SINGLE} each (interleaved): ${Object.entries(singleP50)
        .map(([k, v]) => `${k} ${fmt(v)} ms`)
        .join(', ')}`,
    );

    const parts = await mod.feedBreakdown(stack.databaseUrl, stack.dbWsProxy, { id: viewerId, timeZone: 'UTC' }, SINGLE);
    console.log(
      `in Node on the production service, median of ${SINGLE}: ${Object.entries(parts)
        .map(([k, v]) => `${k} ${fmt(v)} ms`)
        .join(', ')}`,
    );

    // Warm-up, then rounds: A B, B A, A B (the order alternates so neither side always runs on a warmer machine).
    await load(CLIENTS, 2, () => fetch(`${base}/api/health`));
    await walk(CLIENTS, 3, page);
    const health: Sample[] = [];
    const feed: Awaited<ReturnType<typeof walk>>[] = [];
    const ratios: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const runHealth = async () => {
        const s = await load(CLIENTS, SECONDS, () => fetch(`${base}/api/health`));
        health.push(s);
        return s;
      };
      const runFeed = async () => {
        const s = await walk(CLIENTS, SECONDS, page);
        feed.push(s);
        return s;
      };
      let h: Sample;
      let f: Awaited<ReturnType<typeof walk>>;
      if (round % 2) {
        h = await runHealth();
        f = await runFeed();
      } else {
        f = await runFeed();
        h = await runHealth();
      }
      const hs = summarize(h);
      const fs = summarize(f.all);
      ratios.push(fs.p95 / hs.p95);
      console.log(
        `round ${round}: health n=${hs.n} p50=${fmt(hs.p50)}ms p95=${fmt(hs.p95)}ms errors=${hs.errors}; feed n=${fs.n} p50=${fmt(fs.p50)}ms p95=${fmt(fs.p95)}ms (first ${fmt(summarize(f.first).p95)}, next ${fmt(summarize(f.next).p95)}) errors=${fs.errors}; ratio ${fmt(ratios.at(-1)!, 2)}`,
      );
    }
    const merge = (list: Sample[]): Sample => ({
      latenciesMs: list.flatMap((s) => s.latenciesMs),
      errors: list.reduce((n, s) => n + s.errors, 0),
      seconds: list.reduce((n, s) => n + s.seconds, 0),
    });
    const hAll = summarize(merge(health));
    const fAll = summarize(merge(feed.map((f) => f.all)));
    const fFirst = summarize(merge(feed.map((f) => f.first)));
    const fNext = summarize(merge(feed.map((f) => f.next)));
    const loadAfter = loadavg()[0]!;
    console.log(
      `\nfeed pages p50/p95 ${fmt(fAll.p50)}/${fmt(fAll.p95)} ms (first ${fmt(fFirst.p50)}/${fmt(fFirst.p95)}, next ${fmt(fNext.p50)}/${fmt(fNext.p95)}), ${fmt(fAll.rps)} pages/s; health p95 ${fmt(hAll.p95)} ms`,
    );
    console.log(
      `per-round feed/health p95 ratios: ${ratios.map((r) => fmt(r, 2)).join(', ')} (target ≤ 3); load average ${fmt(loadBefore)} → ${fmt(loadAfter)}`,
    );
    return [
      `bench=social-feed follows=${FOLLOWS} posts=${count} clients=${CLIENTS}`,
      `page_p50_ms=${fmt(fAll.p50)} page_p95_ms=${fmt(fAll.p95)} first_page_p95_ms=${fmt(fFirst.p95)} next_page_p95_ms=${fmt(fNext.p95)} health_p95_ms=${fmt(hAll.p95)}`,
      `feed_to_health_p95_ratio=${fmt(fAll.p95 / hAll.p95, 2)} round_ratios=${ratios.map((r) => fmt(r, 2)).join('/')}`,
      `rows_scanned_first=${planFirst.scanned} buffers_first=${planFirst.hit + planFirst.read} sql_first_ms=${fmt(planFirst.ms)}`,
      `rows_scanned_deep=${planDeep.scanned} buffers_deep=${planDeep.hit + planDeep.read} sql_deep_ms=${fmt(planDeep.ms)}`,
      `single_health_p50_ms=${fmt(singleP50.health!)} single_me_p50_ms=${fmt(singleP50.me!)} single_first_p50_ms=${fmt(singleP50.first!)} single_next_p50_ms=${fmt(singleP50.next!)}`,
      `node_page_ms=${fmt(parts.wholePage!)} node_statement_ms=${fmt(parts.page!)} node_select1_ms=${fmt(parts.select1!)}`,
      `load_avg=${fmt(loadBefore)}-${fmt(loadAfter)} errors=${hAll.errors + fAll.errors}`,
    ].join(' ');
  } finally {
    await c.end();
    cleanup();
  }
}
