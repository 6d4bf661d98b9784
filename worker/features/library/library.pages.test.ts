// The athlete's Library page (/training/library): the list and its search, and "Add to calendar" as a plain
// form post with a date field (the keyboard's way onto a day), landing through workout control.
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../lib/dates';
import { Harness } from '../../testing/harness';
import { giveTier } from '../../testing/scenarios';
import { LIBRARY_WORKOUT } from './library.fuzz.testing';

describe('the Library page', () => {
  it('lists and searches the athlete’s workouts, and puts one on a day of the plan', async () => {
    const h = Harness.init();
    const a = await h.signup();
    await giveTier(h, a.user.id, 'pro');
    const today = todayIn('UTC', new Date());
    const plan = await h.json<{ id: string }>('/api/v1/plans', {
      body: {
        goal: { kind: 'run_10k', eventDate: addDays(today, 60), eventName: 'Page 10K' },
        startDate: today,
        availableDays: [0, 1, 2, 3, 4, 5, 6],
        longDay: 6,
        hoursPerWeek: 5,
      },
      cookie: a.cookie,
    });
    const made = await h.json<{ id: string }>('/api/v1/library/workouts', { body: LIBRARY_WORKOUT, cookie: a.cookie });
    await h.json('/api/v1/library/workouts', {
      body: { sport: 'bike', type: 'easy', title: 'Easy spin', durationSec: 3600 },
      cookie: a.cookie,
    });

    const html = await (await h.call('/training/library', { cookie: a.cookie })).text();
    expect(html).toContain('Workout library');
    expect(html).toContain('Fuzz 3 × 10 min threshold');
    expect(html).toContain('Easy spin');
    expect(html).not.toMatch(/style="/);
    const searched = await (await h.call('/training/library?q=spin', { cookie: a.cookie })).text();
    expect(searched).toContain('Easy spin');
    expect(searched).not.toContain('Fuzz 3 × 10 min threshold');

    const day = addDays(today, 4);
    const posted = await h.call('/training/library', {
      method: 'POST',
      body: new URLSearchParams({ intent: 'schedule', id: made.body.id, date: day }).toString(),
      cookie: a.cookie,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(posted.status).toBe(200);
    const cal = await h.json<{ workouts: { title: string }[] }>(`/api/v1/plans/${plan.body.id}/calendar?from=${day}&to=${day}`, {
      cookie: a.cookie,
    });
    expect(cal.body.workouts.map((w) => w.title)).toContain(LIBRARY_WORKOUT.title);
  });
});

describe('the training page’s library panel', () => {
  it('carries the athlete’s own library workouts, never another’s', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const b = await h.signup();
    await h.json('/api/v1/library/workouts', { body: { ...LIBRARY_WORKOUT, folder: 'Build' }, cookie: a.cookie });
    await h.json('/api/v1/library/workouts', {
      body: { sport: 'bike', type: 'easy', title: 'Someone else’s spin', durationSec: 3600 },
      cookie: b.cookie,
    });
    // The page's data, as the browser reads it after each change.
    const data = await (await h.call('/training.data', { cookie: a.cookie })).text();
    expect(data).toContain('Fuzz 3 × 10 min threshold');
    expect(data).toContain('Build');
    expect(data).not.toContain('Someone else’s spin');
    const html = await (await h.call('/training', { cookie: a.cookie })).text();
    expect(html).toContain('Library (1)');
  });
});
