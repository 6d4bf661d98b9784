// Issue 55: a coach's library workout on a client's plan reads the coach's reason (or nothing) under "why", never the
// plan's "Added by hand in week 1"; and the coach's own page for that workout shows its steps, targets and load.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import type { Body } from '../../../testing/bodies';
import { Harness } from '../../../testing/harness';
import { coachOrg } from '../../../testing/scenarios';
import { athleteWithPlan, type ChangeBody } from '../../library/library.testing';
import type { LibraryWorkout } from '../../library/library.schema';
import { THRESHOLD_WORKOUT } from './training.testing';

type Lib = Body<typeof LibraryWorkout>;

describe('a coach’s library workout on a client’s plan', () => {
  it('reads the coach’s why or none to the athlete, and the coach’s page shows its steps, targets and load', async () => {
    const h = Harness.init();
    const w = await coachOrg(h, { name: 'Why Coaching', plan: 'team' });
    const client = await w.addClient('Wren Client');
    const p = await athleteWithPlan(h);
    const link = await w.linkAthlete(client.id, p.athlete);
    await h.json(`/api/v1/me/coach-links/${link.id}/plan-edit`, { method: 'PUT', cookie: p.athlete.cookie });
    const lib = await w.api<Lib>('/library/workouts', { body: THRESHOLD_WORKOUT });
    expect(lib.status, JSON.stringify(lib.body)).toBe(201);

    const day1 = addDays(p.today, 2);
    const day2 = addDays(p.today, 3);
    const put = (date: string, reason?: string) =>
      w.api<ChangeBody>(`/clients/${client.id}/plan/workouts`, {
        body: { libraryWorkoutId: lib.body.id, date, ...(reason ? { reason } : {}) },
      });
    expect((await put(day1)).status).toBe(200);
    expect((await put(day2, 'Threshold before the race block')).status).toBe(200);
    const mine = async (date: string) => (await p.calendar(date, date)).find((x) => x.title === THRESHOLD_WORKOUT.title)!;
    const plain = await mine(day1);
    const reasoned = await mine(day2);
    expect(plain.why).toBe('');
    expect(reasoned.why).toBe('Threshold before the race block');

    // The coach's page for the workout: the steps as written, their targets, the time and the planned load.
    const res = await h.call(`/coach/clients/${client.id}/workouts/${reasoned.id}`, { cookie: w.coach.cookie });
    expect(res.status).toBe(200);
    const html = (await res.text()).replaceAll('<!-- -->', '');
    expect(html).toContain('id="workout"');
    expect(html).toContain('Intensity profile of 3 × 10 min threshold');
    // The repeat's steps on their own lines, each with its target.
    for (const line of ['- warmup 10m Z1', '<code>3x</code>', '- 10m 95-105%', '- 3m Z1', '- cooldown 10m Z1'])
      expect(html).toContain(line);
    expect(html).toContain('59 min');
    expect(html).toContain(`planned load ${Math.round(reasoned.targetLoad)}`);
    expect(html).toContain('Why this workout:</strong> Threshold before the race block');
    expect(html).not.toContain('Added by hand');
  });
});
