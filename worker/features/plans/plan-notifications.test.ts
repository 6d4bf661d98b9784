// "Your new plan is ready" and "…was rebuilt" through the plans API: one notification per plan, linking to
// the plan's first week; a second or concurrent confirm of the same rebuild tells nothing new; and a notify
// queue that refuses the message never fails the plan the athlete just made.
import { env } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import { addDays } from '../../lib/dates';
import { formatDay } from '../../lib/format';
import { analyticsWorld } from '../../testing/analytics';
import type { Body } from '../../testing/bodies';
import { buildActivity } from '../../testing/factories/activity';
import { Harness } from '../../testing/harness';
import { inbox, inboxOfType, watchFanOut } from '../notifications/triggers.testing';
import type { Plan } from './plans.schema';

const today = () => new Date().toISOString().slice(0, 10);
const request = () => ({
  goal: { kind: 'run_10k', eventName: 'River 10K', eventDate: addDays(today(), 70) },
  availableDays: [1, 3, 5, 6],
  longDay: 6,
  hoursPerWeek: 5,
  includeStrength: false,
});

describe('plan notifications', () => {
  it('a plan made through the API is announced once, linking to its first week', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const made = await h.json<Body<typeof Plan>>('/api/v1/plans', { body: request(), cookie: a.cookie });
    expect(made.status).toBe(201);
    const plan = made.body;

    const [n] = await inboxOfType(h, a.cookie, 'plan.created');
    expect(n).toMatchObject({
      type: 'plan.created',
      title: expect.stringMatching(/^Your new plan is ready: River 10K/),
      link: `/training?view=week&date=${plan.startDate}`,
      data: { planId: plan.id, weeks: plan.weeks.length, rebuilt: false, startsOn: plan.startDate },
    });
    expect(n!.body).toContain(`${plan.weeks.length} weeks starting ${formatDay(plan.startDate)}`);
    // A Free athlete is not promised what Pro does: skipping is theirs, moving and editing are named as Pro's.
    expect(n!.data).toMatchObject({ control: false });
    expect(n!.body).not.toContain('Move, edit');
    expect(n!.body).toContain('moving and editing sessions come with Pro');
    // The link lands on that week of the training calendar.
    const page = await h.call(n!.link!, { cookie: a.cookie });
    expect(page.status).toBe(200);
  });

  it('a rebuild confirmed twice at once, then again, is told once, with the new plan', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const fanOut = watchFanOut();
    await h.json('/api/v1/intake', {
      method: 'PUT',
      cookie: a.cookie,
      body: {
        goal: request().goal,
        availableDays: [1, 3, 5, 6],
        longDay: 6,
        hoursPerWeek: 5,
        returningFromBreak: false,
        runsPerWeek: 3,
        weeklyVolume: { unit: 'km', value: 20 },
        longestRun: { unit: 'min', value: 60 },
      },
    });
    const made = await h.json<Body<typeof Plan>>('/api/v1/plans', { body: request(), cookie: a.cookie });
    expect(made.status).toBe(201);
    // Five weeks of an hour a day arrive (straight into analytics: no notice of their own), so "Rebuild plan?" is asked.
    const { activities } = analyticsWorld(h.db);
    for (let d = 1; d <= 30; d++) {
      const start = new Date(Date.now() - d * 86_400_000);
      await activities.ingest(
        a.user.id,
        buildActivity({ startTime: start, localStartDate: start.toISOString().slice(0, 10), movingTimeS: 3600 }),
      );
    }
    const rebuild = () => h.json<Body<typeof Plan>>(`/api/v1/plans/${made.body.id}/rebuild`, { method: 'POST', cookie: a.cookie });

    const [one, two] = await Promise.all([rebuild(), rebuild()]);
    expect([one.status, two.status]).toEqual([200, 200]);
    expect(two.body.id).toBe(one.body.id);
    // Three triggers (the plan, then the rebuild from both confirms): the gate let one rebuild through.
    expect(await fanOut.handled(a.user.id, 3)).toEqual({ total: 3, duplicates: 1 });
    const again = await rebuild();
    expect(again.body.id).toBe(one.body.id);
    expect(await fanOut.handled(a.user.id, 4)).toEqual({ total: 4, duplicates: 2 });

    const plans = await inbox(h, a.cookie, 'plan.created');
    expect(plans.map((n) => n.data.planId)).toEqual([one.body.id, made.body.id]);
    expect(plans[0]).toMatchObject({
      title: expect.stringMatching(/^Your plan “River 10K.*” was rebuilt$/),
      link: `/training?view=week&date=${one.body.startDate}`,
      data: { rebuilt: true, startsOn: addDays(today(), 1), weeks: one.body.weeks.length },
    });
  });

  it('a notify queue that refuses the message fails nothing: the plan is made and the ids are logged', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const send = vi.spyOn(env.NOTIFY_QUEUE, 'send').mockRejectedValue(new Error('queue unavailable'));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const made = await h.json<Body<typeof Plan>>('/api/v1/plans', { body: request(), cookie: a.cookie });
    expect(made.status).toBe(201);
    expect(send).toHaveBeenCalled();
    const line = errors.mock.calls.map((c) => JSON.parse(String(c[0]))).find((l) => l.msg === 'notify failed');
    expect(line).toMatchObject({ userId: a.user.id, notificationType: 'plan.created', dedupeKey: `plan.created:${made.body.id}` });
    expect((await h.json<Body<typeof Plan>>('/api/v1/plans/active', { cookie: a.cookie })).body.id).toBe(made.body.id);
  });
});
