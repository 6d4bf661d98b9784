// Issue 55, "one judgement, computed once, shown everywhere": the lists that show a done workout beside the
// activity page — Home's Today and the coach's list of a client's plan — say what the activity page says of it.
// A brand-new athlete, linked to a coach, runs the issue's 5 × 1 km today with rep 3 off its target: its time
// was done (the ratio is green, "On target"), its steps were not.
import { describe, expect, it } from 'vitest';
import { todayIn } from '../../lib/dates';
import type { Body } from '../../testing/bodies';
import { Harness } from '../../testing/harness';
import { coachOrg } from '../../testing/scenarios';
import type { JudgedWorkout } from '../plans';
import type { ActivityIntervals } from './intervals.schema';
import { issueWorkout } from './verdict.testing';

/** A zone where "now" is past 1 am, so the morning's run is over; mid-day elsewhere. */
const pastOneAm = () => {
  const hour = new Date().getUTCHours();
  return hour >= 1 && hour <= 21 ? 'UTC' : 'Pacific/Honolulu';
};

describe('the lists read the workout’s one verdict (issue 55)', () => {
  it('Home’s Today and the coach’s plan list say “Partly by its steps”, as the activity page does', async () => {
    const h = Harness.init();
    const now = new Date();
    const timeZone = pastOneAm();
    const today = todayIn(timeZone, now);
    const coach = await coachOrg(h, { name: 'Summit Coaching', plan: 'team' });
    const client = await coach.addClient('Casey Client');
    const athlete = await h.signup({ displayName: 'Casey Runner' });
    const { row, activity } = await issueWorkout(h, { now, day: today, timeZone, athlete });
    await coach.linkAthlete(client.id, athlete);

    // The activity page's (and the drawer's) judgement: rep 3 off, so at best "Partly" by its steps (intervals'
    // rule: a work step off keeps the set from green; its score alone, 0.91, would be green), though the time was done.
    const page = await h.json<ActivityIntervals>(`/api/v1/activities/${activity.id}/intervals`, { cookie: athlete.cookie });
    expect(page.status).toBe(200);
    expect(page.body.workout?.id).toBe(row.id);
    expect(page.body.workout?.compliance.band).toBe('green');
    expect(page.body.workout?.verdict).toMatchObject({ band: 'yellow', by: 'steps' });

    // Home's Today: the verdict's words and colour, not the ratio's "On target".
    const home = await h.call('/home', { cookie: athlete.cookie });
    expect(home.status).toBe(200);
    const html = await home.text();
    const card = html.slice(html.indexOf('id="today"'), html.indexOf('</ul>', html.indexOf('id="today"')));
    expect(card).toContain('5 × 1 km');
    expect(card).toContain('Done · Partly by its steps');
    expect(card).toContain('plan-band-yellow');
    expect(card).not.toContain('On target');

    // The coach's list of the client's plan: the same verdict, read as a coach may read the activity.
    const cal = await coach.api<{ workouts: Body<typeof JudgedWorkout>[] }>(
      `/clients/${client.id}/plan/calendar?from=${today}&to=${today}`,
    );
    expect(cal.status).toBe(200);
    const seen = cal.body.workouts.find((x) => x.id === row.id);
    expect(seen).toMatchObject({ status: 'completed', compliance: { band: 'green' }, activityId: activity.id });
    expect(seen?.verdict).toEqual(page.body.workout?.verdict);
  });
});
