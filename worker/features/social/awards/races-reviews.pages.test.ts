// The race mark on the activity page and the review decisions in the console, as a browser without JavaScript gets
// them: plain forms through the same schemas and services as the API (ADR 084). Athlete text is escaped.
import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { boardActivity } from '../board-activities.testing';
import { inputOf, servicesAt } from './awards.testing';

const run = { sport: 'run' as const, speed: 3, durationS: 2000, every: 1 as const };
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe('race mark and review decision pages', () => {
  it('marks an activity a race with a place from its page, refuses a place beyond the field, and takes the mark off', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const { id } = await servicesAt(h, new Date()).activities.ingest(
      a.user.id,
      inputOf(boardActivity(a.user.id, new Date('2026-11-02T07:00:00Z'), run)),
    );
    const page = `/activities/${id}`;
    expect(await (await h.call(page, { cookie: a.cookie })).text()).toContain('Mark as a race');

    const bad = await h.call(page, { cookie: a.cookie, body: form({ intent: 'race', place: '5', fieldSize: '3' }) });
    expect(await bad.text()).toContain('beyond the number of finishers');
    const ok = await h.call(page, { cookie: a.cookie, body: form({ intent: 'race', place: '2', fieldSize: '30' }) });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Marked as a race');
    expect(
      (await h.json<{ race: { place: number } }>(`/api/v1/social/activities/${id}/race`, { cookie: a.cookie })).body.race,
    ).toMatchObject({
      place: 2,
      fieldSize: 30,
    });
    await servicesAt(h, new Date()).awardsEvaluation.drain(1000);
    const ach = await (await h.call('/achievements', { cookie: a.cookie })).text();
    expect(ach).toMatch(/id="achievement-first_podium"[\s\S]*First podium/);

    const off = await h.call(page, { cookie: a.cookie, body: form({ intent: 'race', race: 'off' }) });
    expect(await off.text()).toContain('No longer marked as a race');
    expect((await h.json<{ race: null }>(`/api/v1/social/activities/${id}/race`, { cookie: a.cookie })).body.race).toBeNull();
  });

  it('the console lists a review with its note (escaped) and decides it with a reason; the athlete reads a decline', async () => {
    const h = Harness.init();
    const a = await h.signup({ displayName: 'Rae Racer' });
    const mod = await h.userWithRole('admin', ['moderation']);
    const s = servicesAt(h, new Date());
    const manual = await s.activities.ingest(a.user.id, {
      ...inputOf({ ...boardActivity(a.user.id, new Date(), run), source: 'manual', samples: null }),
    });
    await s.awardsEvaluation.drain(1000);
    const asked = await h.json<{ id: string }>('/api/v1/social/leaderboards/reviews', {
      cookie: a.cookie,
      body: { activityId: manual.id, note: 'My watch died <script>x</script>' },
    });
    expect(asked.status).toBe(201);

    const page = await (await h.call('/admin/moderation', { cookie: mod.cookie })).text();
    expect(page).toContain('Leaderboard reviews');
    expect(page).toContain('My watch died &lt;script&gt;x&lt;/script&gt;');
    expect(page).not.toContain('<script>x</script>');
    expect(page).toContain('left out: manual');

    const noReason = await h.call('/admin/moderation', {
      cookie: mod.cookie,
      body: form({ intent: 'review', reviewId: asked.body.id, decision: 'declined', reason: '' }),
    });
    expect(noReason.status).toBe(400);
    const done = await h.call('/admin/moderation', {
      cookie: mod.cookie,
      body: form({ intent: 'review', reviewId: asked.body.id, decision: 'declined', reason: 'Only recordings count on the boards.' }),
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Declined: the athlete reads your reason');
    const board = await (await h.call('/leaderboards?sport=run', { cookie: a.cookie })).text();
    expect(board).toMatch(/Review (<!-- -->)?declined/);
    expect(board).toContain('Only recordings count on the boards.');
  });
});
