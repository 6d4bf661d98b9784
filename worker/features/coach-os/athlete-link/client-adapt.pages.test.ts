// The coach's client page, "Plan changes awaiting you" (issue 58): shown only when the coach may change the plan (the
// athlete's "may edit" and Team); each change waiting with its reason and ticked steps; Approve with only some steps
// applies those; Refuse leaves the plan; both land under "Recently decided". The athlete's Home says it waits.
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../lib/dates';
import type { Body } from '../../../testing/bodies';
import { Harness } from '../../../testing/harness';
import { coachOrg } from '../../../testing/scenarios';
import type { AdaptationList, HealthNoteAnswer } from '../../plans/adapt/adapt.schema';
import type { Plan } from '../../plans/plans.schema';

const form = { 'content-type': 'application/x-www-form-urlencoded' };

async function coachedWithPlan(h: Harness) {
  const w = await coachOrg(h, { name: 'Summit Coaching', plan: 'team' });
  const client = await w.addClient('Casey Client');
  const athlete = await h.signup({ displayName: 'Casey Runner' });
  const today = todayIn('UTC', new Date());
  const request = {
    goal: { kind: 'run_half', eventDate: addDays(today, 84), eventName: 'River Half' },
    availableDays: [0, 1, 2, 3, 4, 5, 6],
    longDay: 6,
    hoursPerWeek: 6,
    includeStrength: false,
  };
  const plan = (await h.json<Body<typeof Plan>>('/api/v1/plans', { body: request, cookie: athlete.cookie })).body;
  const link = await w.linkAthlete(client.id, athlete);
  const path = `/coach/clients/${client.id}`;
  const page = async () => (await h.call(path, { cookie: w.coach.cookie })).text();
  const post = async (fields: [string, string][]) => {
    const res = await h.call(path, { method: 'POST', body: new URLSearchParams(fields).toString(), cookie: w.coach.cookie, headers: form });
    return { status: res.status, html: await res.text() };
  };
  const ill = async (from: string, to: string) =>
    (
      await h.json<Body<typeof HealthNoteAnswer>>(`/api/v1/plans/${plan.id}/health-notes`, {
        method: 'POST',
        body: { kind: 'illness', from, to },
        cookie: athlete.cookie,
      })
    ).body.proposals;
  const list = async () =>
    (await h.json<Body<typeof AdaptationList>>(`/api/v1/plans/${plan.id}/adaptations`, { cookie: athlete.cookie })).body;
  const grant = () => h.json(`/api/v1/me/coach-links/${link.id}/plan-edit`, { method: 'PUT', cookie: athlete.cookie });
  return { w, athlete, plan, today, page, post, ill, list, grant };
}

describe('plan changes awaiting the coach', () => {
  it('approves a change with only some of its steps, refuses another, and shows both as decided', async () => {
    const h = Harness.init();
    const c = await coachedWithPlan(h);
    // Without the athlete's "may edit" the coach decides nothing: no section.
    expect(await c.page()).not.toContain('Plan changes awaiting you');
    expect((await c.grant()).status).toBe(200);
    expect(await c.page()).toContain('Nothing waits for you.');

    const [p] = await c.ill(addDays(c.today, 2), addDays(c.today, 5));
    expect(p!.status).toBe('awaiting_coach');
    expect(p!.changes.length).toBeGreaterThan(1);
    // The athlete's Home says it waits for the coach, with no buttons.
    const home = await (await h.call('/home', { cookie: c.athlete.cookie })).text();
    expect(home).toContain('Waiting for your coach');
    expect(home).not.toContain('value="adapt-confirm"');

    const html = await c.page();
    expect(html).toContain('Plan changes awaiting you');
    expect(html).toContain('value="adapt-approve"');
    expect(html).toContain('value="adapt-refuse"');
    expect(html.match(/name="step"/g)?.length).toBe(p!.changes.length);

    // Nothing ticked is refused on the card, not applied.
    const none = await c.post([
      ['intent', 'adapt-approve'],
      ['id', p!.id],
    ]);
    expect(none.html).toContain('Tick at least one step to approve');
    const approved = await c.post([
      ['intent', 'adapt-approve'],
      ['id', p!.id],
      ['step', '0'],
    ]);
    expect(approved.status).toBe(200);
    expect(approved.html).toContain(`Approved with 1 of its ${p!.changes.length} steps`);
    const applied = (await c.list()).items.find((x) => x.id === p!.id)!;
    expect(applied.status).toBe('applied');
    expect(applied.changes.map((x) => x.step)).toEqual([p!.changes[0]!.step]);

    const [q] = await c.ill(addDays(c.today, 9), addDays(c.today, 12));
    const refused = await c.post([
      ['intent', 'adapt-refuse'],
      ['id', q!.id],
    ]);
    expect(refused.html).toContain('Refused: their plan stays as it is.');
    expect((await c.list()).items.find((x) => x.id === q!.id)!.status).toBe('refused');
    const after = await c.page();
    expect(after).toContain('Recently decided');
    expect(after).toContain('Refused');
    expect(after).not.toContain('value="adapt-approve"');
  });

  it('another org’s coach cannot decide the client’s change', async () => {
    const h = Harness.init();
    const c = await coachedWithPlan(h);
    await c.grant();
    const [p] = await c.ill(addDays(c.today, 2), addDays(c.today, 4));
    const other = await coachOrg(h, { name: 'Other Coaching', plan: 'team' });
    const res = await h.call(`/coach/clients/${(await other.addClient('Nobody')).id}`, {
      method: 'POST',
      body: new URLSearchParams({ intent: 'adapt-approve', id: p!.id, step: '0' }).toString(),
      cookie: other.coach.cookie,
      headers: form,
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect((await c.list()).items.find((x) => x.id === p!.id)!.status).toBe('awaiting_coach');
  });
});
