// The feed's page statement (posts.repo feed()): a keyset walk returns every row the viewer may read exactly once,
// newest first, ties in day and upload broken by id, at any page size — checked against a plain ORDER BY over the
// same rows — and a page reads about one row per author plus a page, not a page per author (Postgres's own count of
// the rows its scans of posts read: the issue 42 benchmark's cost, 500 follows × 20 rows, was this).
import { type SQL, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Executor } from '../../../db/executor';
import { posts, users } from '../../../db/schema';
import { Harness } from '../../../testing/harness';
import { createPostsRepo, type FeedKey } from './posts.repo';
import { mulberry32 } from '../../../lib/random';

type NewRow = typeof posts.$inferInsert;

async function people(h: Harness, n: number): Promise<string[]> {
  const rows = await h.db
    .insert(users)
    .values(
      Array.from({ length: n }, (_, i) => ({ email: `feed-${crypto.randomUUID()}@test.cadence`, passwordHash: 'x', displayName: `P${i}` })),
    )
    .returning({ id: users.id });
  return rows.map((r) => r.id);
}

async function walk(h: Harness, viewer: string, authors: string[], limit: number): Promise<string[]> {
  const repo = createPostsRepo(h.db);
  const ids: string[] = [];
  let after: FeedKey | null = null;
  for (let pages = 0; pages < 500; pages++) {
    const rows = await repo.feed(viewer, authors, after, limit);
    ids.push(...rows.map((r) => r.id));
    if (rows.length < limit) return ids;
    after = rows.at(-1)!.key;
  }
  throw new Error('the walk did not end');
}

/** The statement the repo sends for one page, unsent. */
async function statement(viewer: string, authors: string[], after: FeedKey | null, limit: number): Promise<SQL> {
  let captured: SQL | undefined;
  const capture = {
    execute: async (q: SQL) => {
      captured = q;
      return { rows: [] };
    },
  } as unknown as Executor;
  await createPostsRepo(capture).feed(viewer, authors, after, limit);
  return captured!;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

/** Rows Postgres's scans of posts read for the statement (returned and filtered out, over every loop). */
async function rowsRead(h: Harness, q: SQL): Promise<number> {
  const res = await h.db.execute<{ 'QUERY PLAN': unknown }>(sql`explain (analyze, format json) ${q}`);
  const raw = res.rows[0]!['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  const count = (n: PlanNode): number =>
    (n['Relation Name'] === 'posts' ? (n['Actual Rows'] + (n['Rows Removed by Filter'] ?? 0)) * n['Actual Loops'] : 0) +
    (n.Plans ?? []).reduce((s, c) => s + count(c), 0);
  return Math.round(count(plan[0]!.Plan));
}

describe('the feed page statement', () => {
  it('walks every readable row once, newest first, at any page size (against a plain ORDER BY)', async () => {
    const h = Harness.init();
    const [viewer, ...others] = await people(h, 26);
    const followed = others.slice(0, 20);
    const rnd = mulberry32(42);
    // Few distinct days and upload instants, so ties in both are common and only the id breaks them.
    const days = Array.from({ length: 6 }, (_, i) => new Date(Date.UTC(2026, 10, 20 - i, 12)));
    const rows: NewRow[] = [];
    for (const author of [viewer!, ...others]) {
      const n = Math.floor(rnd() * 14);
      for (let j = 0; j < n; j++) {
        const dayAt = days[Math.floor(rnd() * days.length)]!;
        rows.push({
          authorId: author,
          kind: 'entry',
          title: `Post ${j}`,
          visibility: (['public', 'followers', 'private'] as const)[Math.floor(rnd() * 3)]!,
          dayAt,
          createdAt: new Date(dayAt.getTime() + Math.floor(rnd() * 3) * 3_600_000),
          hiddenAt: rnd() < 0.1 ? new Date() : null,
        });
      }
    }
    await h.db.insert(posts).values(rows);
    const authors = [viewer!, ...followed];
    const expected = (
      await h.db.execute<{ id: string }>(sql`
        select id from posts
        where author_id = any(${`{${authors.join(',')}}`}::uuid[])
          and (author_id = ${viewer}::uuid or (visibility <> 'private' and hidden_at is null))
        order by day_at desc, created_at desc, id desc`)
    ).rows.map((r) => r.id);
    expect(expected.length).toBeGreaterThan(60);
    for (const limit of [1, 3, 7, 20, 500]) expect(await walk(h, viewer!, authors, limit), `pages of ${limit}`).toEqual(expected);
  });

  it('a page reads about one row per author and a page, not a page per author', async () => {
    const h = Harness.init();
    const [viewer, ...authors] = await people(h, 41);
    // 40 authors, 30 public posts each, interleaved: the newest page holds one post of each of the 5 newest authors.
    const start = Date.UTC(2026, 10, 20, 12);
    const rows: NewRow[] = authors.flatMap((authorId, i) =>
      Array.from({ length: 30 }, (_, j) => {
        const at = new Date(start - (j * 40 + i) * 60_000);
        return { authorId, kind: 'entry', title: `Post ${j}`, visibility: 'public' as const, dayAt: at, createdAt: at };
      }),
    );
    await h.db.insert(posts).values(rows);
    await h.db.execute(sql`analyze posts`);
    const repo = createPostsRepo(h.db);
    const first = await repo.feed(viewer!, authors, null, 5);
    expect(first.map((r) => r.authorId)).toEqual(authors.slice(0, 5));
    const deep = await repo.feed(viewer!, authors, first.at(-1)!.key, 5);
    expect(deep.map((r) => r.authorId)).toEqual(authors.slice(5, 10));
    // Per page: 40 heads and the 5 rows of the page; reading 5 rows of each author would be 200.
    expect(await rowsRead(h, await statement(viewer!, authors, null, 5))).toBeLessThanOrEqual(40 + 2 * 5);
    expect(await rowsRead(h, await statement(viewer!, authors, first.at(-1)!.key, 5))).toBeLessThanOrEqual(40 + 2 * 5);
  });
});
