// "Mark done" without JavaScript (ADR 080): the drawer's form posts to /training/done, which marks the workout through
// the API's own service and goes back where it was sent from; undo; someone else's workout is 404; `back` stays on site.
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../lib/dates';
import { Harness } from '../../../testing/harness';

const form = (values: Record<string, string>) => ({
  method: 'POST',
  body: new URLSearchParams(values).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

describe('the "Mark done" form', () => {
  it('marks done and undoes as a plain form post, refusing someone else’s workout', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const b = await h.signup();
    const today = todayIn('UTC', new Date());
    const plan = (
      await h.json<{ id: string }>('/api/v1/plans', {
        body: {
          goal: { kind: 'run_10k', eventDate: addDays(today, 60), eventName: 'Form 10K' },
          startDate: today,
          availableDays: [0, 1, 2, 3, 4, 5, 6],
          longDay: 6,
          hoursPerWeek: 5,
        },
        cookie: a.cookie,
      })
    ).body;
    const calendar = async () =>
      (
        await h.json<{
          workouts: { id: string; sport: string; date: string; status: string; doneNote: string | null; doneRpe: number | null }[];
        }>(`/api/v1/plans/${plan.id}/calendar?from=${today}&to=${addDays(today, 6)}`, { cookie: a.cookie })
      ).body.workouts;
    const w = (await calendar()).find((x) => x.sport !== 'rest')!;
    const page = `/training?view=week&date=${w.date}&workout=${w.id}`;

    const html = await (await h.call(page, { cookie: a.cookie })).text();
    expect(html).toContain('action="/training/done"');
    expect(html).toContain('Mark done');

    const fields = { planId: plan.id, workoutId: w.id, back: page };
    const posted = await h.call('/training/done', {
      ...form({ ...fields, intent: 'done', note: 'Hotel gym, no watch', rpe: '4' }),
      cookie: a.cookie,
    });
    expect(posted.status).toBe(302);
    expect(posted.headers.get('location')).toBe(page);
    expect((await calendar()).find((x) => x.id === w.id)).toMatchObject({
      status: 'completed',
      doneNote: 'Hotel gym, no watch',
      doneRpe: 4,
    });
    expect(await (await h.call(page, { cookie: a.cookie })).text()).toContain('Done by you');

    // Someone else's workout: not found, and nothing changes.
    const theirs = await h.call('/training/done', { ...form({ ...fields, intent: 'undo' }), cookie: b.cookie });
    expect(theirs.status).toBe(404);
    expect((await calendar()).find((x) => x.id === w.id)!.doneNote).toBe('Hotel gym, no watch');

    const undone = await h.call('/training/done', { ...form({ ...fields, intent: 'undo', back: '//evil.test/x' }), cookie: a.cookie });
    expect(undone.status).toBe(302);
    expect(undone.headers.get('location')).toBe('/training');
    expect((await calendar()).find((x) => x.id === w.id)).toMatchObject({ doneNote: null, doneRpe: null });
    expect((await calendar()).find((x) => x.id === w.id)!.status).not.toBe('completed');
  });
});
