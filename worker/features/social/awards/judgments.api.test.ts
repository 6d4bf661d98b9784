// Stored per-activity verdicts (ADR 084): the first evaluation judges every activity from its streams and keeps the
// verdict; later ones read no stream unless an activity is new or changed (linked as a duplicate, its data doubted).
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activities, activitySocialJudgments, leaderboardWeeks } from '../../../db/schema';
import { Harness } from '../../../testing/harness';
import { boardActivity } from '../board-activities.testing';
import type { BoardActivity } from '../leaderboard-eligibility';
import { inputOf, servicesAt } from './awards.testing';

const NOW = new Date('2026-11-18T12:00:00Z');
const at = (day: number, hour: number) => new Date(Date.UTC(2026, 10, 16 + day, hour));
const run = { sport: 'run' as const, speed: 3, durationS: 1800, every: 1 as const };

async function store(h: Harness, userId: string, list: BoardActivity[]): Promise<string[]> {
  const ids: string[] = [];
  for (const a of list) ids.push((await servicesAt(h, NOW).activities.ingest(userId, inputOf(a))).id);
  return ids;
}
const reevaluate = (h: Harness, userId: string) => servicesAt(h, NOW).awardsEvaluation.reevaluate(userId);
const counted = async (h: Harness, userId: string) =>
  (await h.db.select().from(leaderboardWeeks).where(eq(leaderboardWeeks.userId, userId))).flatMap((w) => w.countedActivityIds);

describe('stored per-activity judgments', () => {
  it('a re-evaluation reads streams only for activities new or changed since they were judged', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const id = a.user.id;
    const [r1, r2, sparse] = await store(h, id, [
      boardActivity(id, at(0, 7), run),
      boardActivity(id, at(1, 7), run),
      boardActivity(id, at(2, 7), { ...run, every: 10 }),
    ]);

    const first = await reevaluate(h, id);
    expect(first.streamsRead).toBe(3);
    const stored = new Map((await h.db.select().from(activitySocialJudgments)).map((j) => [j.activityId, j]));
    expect(stored.get(r1!)).toMatchObject({ userId: id, eligible: true, reason: null });
    expect(stored.get(sparse!)).toMatchObject({ eligible: false, reason: 'sparse_samples' });
    expect(await counted(h, id)).toEqual([r1, r2]);

    // Nothing changed: no stream read, the same outcome.
    expect((await reevaluate(h, id)).streamsRead).toBe(0);
    expect(await counted(h, id)).toEqual([r1, r2]);

    // A new activity: only it is judged.
    const [r3] = await store(h, id, [boardActivity(id, at(2, 17), run)]);
    expect((await reevaluate(h, id)).streamsRead).toBe(1);
    expect(await counted(h, id)).toEqual([r1, r2, r3]);

    // r2 linked as a duplicate of r1 (the activities slice's link): re-judged, and no longer counted.
    await h.db.update(activities).set({ duplicateOf: r1! }).where(eq(activities.id, r2!));
    expect((await reevaluate(h, id)).streamsRead).toBe(1);
    const [j2] = await h.db.select().from(activitySocialJudgments).where(eq(activitySocialJudgments.activityId, r2!));
    expect(j2).toMatchObject({ eligible: false, reason: 'linked_duplicate' });
    expect(await counted(h, id)).toEqual([r1, r3]);

    // The plausibility layer doubts r3 afterwards: re-judged too.
    await h.db
      .update(activities)
      .set({ dataQuality: [{ code: 'totals_disagree', message: 'x' }] as never })
      .where(eq(activities.id, r3!));
    expect((await reevaluate(h, id)).streamsRead).toBe(1);
    expect(await counted(h, id)).toEqual([r1]);

    // Deleting the activity takes its verdict with it.
    await h.db.delete(activities).where(eq(activities.id, r1!));
    expect(await h.db.select().from(activitySocialJudgments).where(eq(activitySocialJudgments.activityId, r1!))).toEqual([]);
  });
});
