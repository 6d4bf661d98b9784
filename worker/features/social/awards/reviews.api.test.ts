// Leaderboard reviews decided (ADR 084): the athlete asks, an operator with the moderation permission accepts or
// declines once with a reason (audited); accepted, the activity counts from the next evaluation on and the close makes
// that final; declined, the athlete reads why. No review lifts a provider's terms.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { leaderboardReviews, leaderboardWeeks } from '../../../db/schema';
import { Harness } from '../../../testing/harness';
import { boardActivity } from '../board-activities.testing';
import type { BoardActivity } from '../leaderboard-eligibility';
import { inputOf, optIn, servicesAt } from './awards.testing';

const WEEK = '2026-11-16';
const NOW = new Date('2026-11-18T12:00:00Z');
const at = (day: number, hour: number) => new Date(Date.UTC(2026, 10, 16 + day, hour));
const run = { sport: 'run' as const, speed: 3, durationS: 1800, every: 1 as const };
const QUEUE = '/api/v1/admin/moderation/leaderboard-reviews';
const decide = (id: string) => `${QUEUE}/${id}/decide`;

async function store(h: Harness, userId: string, list: BoardActivity[]): Promise<string[]> {
  const ids: string[] = [];
  for (const a of list) ids.push((await servicesAt(h, NOW).activities.ingest(userId, inputOf(a))).id);
  return ids;
}
const tick = (h: Harness) => servicesAt(h, NOW).awardsEvaluation.drain(1000);
const counted = async (h: Harness, userId: string) =>
  (
    await h.db
      .select()
      .from(leaderboardWeeks)
      .where(and(eq(leaderboardWeeks.userId, userId), eq(leaderboardWeeks.weekStart, WEEK)))
  ).flatMap((w) => w.countedActivityIds);

interface Exclusions {
  yourExclusions: { activityId: string; code: string; review: { status: string; decisionReason: string | null } | null }[];
}
interface Queue {
  reviews: { id: string; status: string; note: string; activity: { id: string; exclusion: string | null }; athlete: { id: string } }[];
}

describe('leaderboard review decisions', () => {
  it('open → accepted once (audited): the activity counts from the next evaluation and the close keeps it', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const other = await h.signup();
    const mod = await h.userWithRole('admin', ['moderation']);
    await optIn(h, a.user.id);
    const [clean, sparse] = await store(h, a.user.id, [
      boardActivity(a.user.id, at(0, 7), run),
      boardActivity(a.user.id, at(1, 7), { ...run, every: 10 }),
    ]);
    await tick(h);
    expect(await counted(h, a.user.id)).toEqual([clean]);

    const asked = await h.json<{ id: string }>('/api/v1/social/leaderboards/reviews', {
      cookie: a.cookie,
      body: { activityId: sparse, note: 'My old watch samples every 10 s.' },
    });
    expect(asked.status).toBe(201);
    const id = asked.body.id;

    // Only the moderation permission reads the queue and decides.
    expect((await h.json(QUEUE, { cookie: other.cookie })).status).toBe(403);
    expect((await h.json(decide(id), { cookie: other.cookie, body: { decision: 'accepted', reason: 'x' } })).status).toBe(403);
    const queue = await h.json<Queue>(QUEUE, { cookie: mod.cookie });
    expect(queue.status).toBe(200);
    expect(queue.body.reviews.find((r) => r.id === id)).toMatchObject({
      status: 'open',
      note: 'My old watch samples every 10 s.',
      athlete: { id: a.user.id },
      activity: { id: sparse, exclusion: 'sparse_samples' },
    });

    expect((await h.json(decide(id), { cookie: mod.cookie, body: { decision: 'accepted', reason: '' } })).status).toBe(400);
    const ok = await h.json<{ status: string }>(decide(id), {
      cookie: mod.cookie,
      body: { decision: 'accepted', reason: 'Checked against the race results: real.' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('accepted');
    // Once: a second decision either way is a conflict; an unknown review is 404.
    expect((await h.json(decide(id), { cookie: mod.cookie, body: { decision: 'declined', reason: 'No' } })).status).toBe(409);
    expect((await h.json(decide(crypto.randomUUID()), { cookie: mod.cookie, body: { decision: 'declined', reason: 'No' } })).status).toBe(
      404,
    );
    const audit = (await h.auditFor('user', a.user.id)).filter((r) => r.action.startsWith('leaderboard.'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'leaderboard.review_accepted', actorId: mod.id });
    expect(audit[0]!.payload).toMatchObject({ reason: 'Checked against the race results: real.', activityId: sparse });

    // The next evaluation counts it (the decision put the athlete back in the queue), and it is no longer an exclusion.
    await tick(h);
    expect(await counted(h, a.user.id)).toEqual([clean, sparse]);
    const board = await h.json<Exclusions>(`/api/v1/social/leaderboards?sport=run&week=${WEEK}`, { cookie: a.cookie });
    expect(board.body.yourExclusions.map((e) => e.activityId)).not.toContain(sparse);
    // The close makes the week final with it.
    await servicesAt(h, new Date('2026-11-23T00:05:00Z')).awardsEvaluation.closeWeeks(new Date('2026-11-23T00:05:00Z'));
    const [row] = await h.db.select().from(leaderboardWeeks).where(eq(leaderboardWeeks.userId, a.user.id));
    expect(row).toMatchObject({ final: true, countedActivityIds: [clean, sparse] });
  });

  it('declined: the athlete reads the reason beside the exclusion; a provider’s terms are never lifted by a review', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const mod = await h.userWithRole('admin', ['moderation']);
    await optIn(h, a.user.id);
    const [manual, strava] = await store(h, a.user.id, [
      { ...boardActivity(a.user.id, at(0, 7), run), source: 'manual', samples: null },
      boardActivity(a.user.id, at(1, 7), run, { source: 'strava' }),
    ]);
    await tick(h);
    const ask = async (activityId: string) =>
      (await h.json<{ id: string }>('/api/v1/social/leaderboards/reviews', { cookie: a.cookie, body: { activityId, note: 'Please' } })).body
        .id;
    const r1 = await ask(manual!);
    expect(
      (await h.json(decide(r1), { cookie: mod.cookie, body: { decision: 'declined', reason: 'Only recordings count.' } })).status,
    ).toBe(200);
    // Asking about Strava's terms is refused with the reason; and a review accepted anyway (one decided before the
    // policy table said so) still lifts nothing: the provider clause is judged before any review.
    const refused = await h.json('/api/v1/social/leaderboards/reviews', { cookie: a.cookie, body: { activityId: strava, note: 'Please' } });
    expect(refused.status).toBe(409);
    await h.db.insert(leaderboardReviews).values({
      userId: a.user.id,
      activityId: strava!,
      note: 'Please',
      status: 'accepted',
      decidedAt: new Date(),
      decisionReason: 'Looks real.',
    });
    await tick(h);

    const board = await h.json<Exclusions>(`/api/v1/social/leaderboards?sport=run&week=${WEEK}`, { cookie: a.cookie });
    const byId = new Map(board.body.yourExclusions.map((e) => [e.activityId, e]));
    expect(byId.get(manual!)).toMatchObject({ code: 'manual', review: { status: 'declined', decisionReason: 'Only recordings count.' } });
    expect(byId.get(strava!)).toMatchObject({ code: 'provider_terms', review: { status: 'accepted' } });
    expect(await counted(h, a.user.id)).toEqual([]);
    // A new request after a decline opens again.
    expect(
      (await h.json('/api/v1/social/leaderboards/reviews', { cookie: a.cookie, body: { activityId: manual, note: 'Again' } })).status,
    ).toBe(201);
  });
});
