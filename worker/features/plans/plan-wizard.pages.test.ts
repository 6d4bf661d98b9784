// The plan wizard (/training/new) with a plan already active (issue 55): it says so up front and offers to
// open the current plan (where it is paused or cancelled), and previews without a "Create plan" that would
// only answer 409 "You already have an active plan". Without one, a preview offers "Create plan" as before.
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../lib/dates';
import { Harness } from '../../testing/harness';

const NOTICE = 'You already have an active plan';

function wizardForm(today: string, intent: 'preview' | 'create') {
  const f = new URLSearchParams({
    intent,
    goalKind: 'run_10k',
    eventName: 'Wizard 10K',
    eventDate: addDays(today, 70),
    startDate: addDays(today, 1),
    longDay: '6',
    hoursPerWeek: '5',
    includeStrength: 'no',
  });
  for (const d of ['1', '3', '5', '6']) f.append('days', d);
  return f.toString();
}

/** The wizard's form posted as the page posts it. */
const postWizard = (h: Harness, cookie: string, today: string, intent: 'preview' | 'create') =>
  h.call('/training/new', {
    method: 'POST',
    body: wizardForm(today, intent),
    cookie,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

describe('the plan wizard', () => {
  it('with an active plan: says so up front, links to it, and previews without offering "Create plan"', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const today = todayIn('UTC', new Date());
    const plan = await h.json('/api/v1/plans', {
      body: {
        goal: { kind: 'run_10k', eventDate: addDays(today, 60), eventName: 'First 10K' },
        availableDays: [1, 3, 5, 6],
        longDay: 6,
        hoursPerWeek: 5,
      },
      cookie: a.cookie,
    });
    expect(plan.status).toBe(201);
    const page = await (await h.call('/training/new', { cookie: a.cookie })).text();
    expect(page).toContain(NOTICE);
    expect(page).toMatch(/<a[^>]*href="\/training"[^>]*>Open your current plan<\/a>/);
    const post = (intent: 'preview' | 'create') => postWizard(h, a.cookie, today, intent);
    const previewed = await post('preview');
    expect(previewed.status).toBe(200);
    const html = await previewed.text();
    expect(html).toContain('Your plan, previewed');
    expect(html).toContain(NOTICE);
    expect(html).not.toContain('value="create"');
    expect(html).toContain('To create this plan, pause or cancel your current one first.');
  });

  it('without one: no notice, and a preview offers "Create plan", which creates it', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const today = todayIn('UTC', new Date());
    const page = await (await h.call('/training/new', { cookie: a.cookie })).text();
    expect(page).not.toContain(NOTICE);
    const post = (intent: 'preview' | 'create') => postWizard(h, a.cookie, today, intent);
    const html = await (await post('preview')).text();
    expect(html).toContain('Your plan, previewed');
    expect(html).toContain('value="create"');
    expect(html).not.toContain(NOTICE);
    const created = await post('create');
    expect(created.status).toBe(302);
    expect(created.headers.get('location')).toBe('/training?created=1');
  });
});
