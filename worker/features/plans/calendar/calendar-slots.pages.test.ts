// The training calendar with two sessions on one day (ADR 104): both drawn, morning first, each labelled AM or PM
// in text (with "morning session" / "evening session" for a screen reader), and the drawer says which it is.
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../lib/dates';
import { Harness } from '../../../testing/harness';
import { giveTier } from '../../../testing/scenarios';

describe('the training calendar page', () => {
  it('draws a day’s morning and evening sessions, labelled, AM first', async () => {
    const h = Harness.init();
    const a = await h.signup();
    await giveTier(h, a.user.id, 'pro');
    const today = todayIn('UTC', new Date());
    const plan = (
      await h.json<{ id: string }>('/api/v1/plans', {
        body: {
          goal: { kind: 'run_10k', eventDate: addDays(today, 60), eventName: 'Slots 10K' },
          availableDays: [0, 2, 4, 6],
          longDay: 6,
          hoursPerWeek: 5,
        },
        cookie: a.cookie,
      })
    ).body;
    const day = addDays(today, 8);
    const add = (title: string, slot: 'am' | 'pm') =>
      h.json(`/api/v1/plans/${plan.id}/workouts`, {
        body: { date: day, sport: 'run', type: 'easy', title, durationSec: 1800, slot },
        cookie: a.cookie,
      });
    expect((await add('Evening shakeout', 'pm')).status).toBe(201);
    expect((await add('Dawn jog', 'am')).status).toBe(201);

    const html = await (await h.call(`/training?view=week&date=${day}`, { cookie: a.cookie })).text();
    const am = html.indexOf('Dawn jog');
    const pm = html.indexOf('Evening shakeout');
    expect(am).toBeGreaterThan(0);
    expect(pm).toBeGreaterThan(am);
    // Each card's label sits just before its title, in words as well as letters.
    expect(html.slice(0, am)).toMatch(
      /data-slot="am">AM<span class="visually-hidden"> \(morning session\) <\/span><\/span><span class="plan-workout-title">$/,
    );
    expect(html.slice(0, pm)).toMatch(
      /data-slot="pm">PM<span class="visually-hidden"> \(evening session\) <\/span><\/span><span class="plan-workout-title">$/,
    );

    // The drawer of the evening one says so.
    const list = (
      await h.json<{ workouts: { id: string; title: string }[] }>(`/api/v1/plans/${plan.id}/calendar?from=${day}&to=${day}`, {
        cookie: a.cookie,
      })
    ).body.workouts;
    const evening = list.find((w) => w.title === 'Evening shakeout')!;
    const drawer = await (await h.call(`/training?view=week&date=${day}&workout=${evening.id}`, { cookie: a.cookie })).text();
    expect(drawer).toContain('Evening session');
  });
});
