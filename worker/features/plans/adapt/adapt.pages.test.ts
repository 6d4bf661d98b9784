// The adaptive plan's pages (issue 58) as the server renders them, every decision a plain form post: Home's "Plan
// changes" card (a proposal with its reason and steps → Confirm → Undo shown; Not now → gone), /training/changes
// (empty, the opt-in saved, an illness noted → its proposal listed, a moved race → its rebuild listed, the note
// ended) and the calendar's week notice linking to it. Another athlete's change is not found.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import type { Body } from '../../../testing/bodies';
import { Harness } from '../../../testing/harness';
import { giveTier } from '../../../testing/scenarios';
import type { Plan } from '../plans.schema';
import type { AdaptationList, HealthNoteAnswer } from './adapt.schema';

const today = () => new Date().toISOString().slice(0, 10);
const form = { 'content-type': 'application/x-www-form-urlencoded' };

async function withPlan(h: Harness) {
  const a = await h.signup();
  await giveTier(h, a.user.id, 'pro');
  const request = {
    goal: { kind: 'run_half', eventDate: addDays(today(), 84), eventName: 'River Half' },
    availableDays: [0, 1, 2, 3, 4, 5, 6],
    longDay: 6,
    hoursPerWeek: 6,
    includeStrength: false,
  };
  const plan = (await h.json<Body<typeof Plan>>('/api/v1/plans', { body: request, cookie: a.cookie })).body;
  const page = async (path: string) => {
    const res = await h.call(path, { cookie: a.cookie });
    return { status: res.status, html: await res.text() };
  };
  const post = async (path: string, fields: Record<string, string>) => {
    const res = await h.call(path, { method: 'POST', body: new URLSearchParams(fields).toString(), cookie: a.cookie, headers: form });
    return { status: res.status, html: await res.text() };
  };
  const list = async () => (await h.json<Body<typeof AdaptationList>>(`/api/v1/plans/${plan.id}/adaptations`, { cookie: a.cookie })).body;
  const ill = async (from: string, to: string | null, kind = 'illness') =>
    (
      await h.json<Body<typeof HealthNoteAnswer>>(`/api/v1/plans/${plan.id}/health-notes`, {
        method: 'POST',
        body: { kind, from, to },
        cookie: a.cookie,
      })
    ).body;
  return { ...a, plan, page, post, list, ill };
}

describe('the plan changes on Home', () => {
  it('shows a proposal with its reason and steps; Confirm applies it and offers Undo; Not now sets one aside', async () => {
    const h = Harness.init();
    const a = await withPlan(h);
    // Nothing proposed: no card.
    expect((await a.page('/home')).html).not.toContain('id="plan-changes"');

    const noted = await a.ill(addDays(today(), 3), addDays(today(), 4));
    const p = noted.proposals.find((x) => x.trigger.kind === 'health')!;
    const home = (await a.page('/home')).html;
    expect(home).toContain('id="plan-changes"');
    expect(home).toContain('href="/training/changes"');
    expect(home).toMatch(/illness/i);
    for (const c of p.changes) expect(home).toContain(c.words.replace(/&/g, '&amp;').replace(/'/g, '&#x27;'));
    expect(home).toContain('value="adapt-confirm"');
    expect(home).toContain('>Not now<');

    const confirmed = await a.post('/home', { intent: 'adapt-confirm', planId: a.plan.id, id: p.id });
    expect(confirmed.status).toBe(200);
    expect(confirmed.html).toContain('Applied to your plan. You can undo it here.');
    expect((await a.list()).items.find((x) => x.id === p.id)!.status).toBe('applied');
    const after = (await a.page('/home')).html;
    expect(after).toContain('value="adapt-undo"');
    expect(after).not.toContain('value="adapt-confirm"');

    const undone = await a.post('/home', { intent: 'adapt-undo', planId: a.plan.id, id: p.id });
    expect(undone.html).toContain('Undone: your plan is back as it was.');
    expect((await a.list()).items.find((x) => x.id === p.id)!.status).toBe('undone');

    const q = (await a.ill(addDays(today(), 9), addDays(today(), 12), 'injury')).proposals[0]!;
    const dismissed = await a.post('/home', { intent: 'adapt-dismiss', planId: a.plan.id, id: q.id });
    expect(dismissed.html).toContain('Set aside: your plan stays as it is.');
    expect((await a.list()).items.find((x) => x.id === q.id)!.status).toBe('dismissed');
    // Decided twice: the API's refusal, said on the card (not a crash).
    const again = await a.post('/home', { intent: 'adapt-confirm', planId: a.plan.id, id: q.id });
    expect(again.html).toContain('This change was already decided.');
  });

  it('another athlete’s change is not found from Home’s form', async () => {
    const h = Harness.init();
    const [a, b] = [await withPlan(h), await withPlan(h)];
    const p = (await a.ill(addDays(today(), 3), addDays(today(), 3))).proposals[0]!;
    expect((await b.post('/home', { intent: 'adapt-confirm', planId: b.plan.id, id: p.id })).status).toBe(404);
    expect((await b.post('/home', { intent: 'adapt-confirm', planId: a.plan.id, id: p.id })).status).toBe(404);
    expect((await a.list()).items.find((x) => x.id === p.id)!.status).toBe('proposed');
  });
});

describe('/training/changes', () => {
  it('lists every change with its status and date, saves the opt-in, notes an illness, ends it, and proposes for a moved race', async () => {
    const h = Harness.init();
    const a = await withPlan(h);
    const empty = await a.page('/training/changes');
    expect(empty.status).toBe(200);
    expect(empty.html).toContain('No changes yet');
    expect(empty.html).toContain('Let small changes apply on their own (a move within the week, a target within ±5 %); you can undo them');
    expect(empty.html).toContain('id="race-moved"');
    // The plan's header links here.
    expect((await a.page('/training')).html).toContain('href="/training/changes"');

    const auto = await a.post('/training/changes', { intent: 'adapt-auto', planId: a.plan.id, auto: 'on' });
    expect(auto.html).toContain('Small changes now apply on their own');
    expect((await a.list()).auto).toBe(true);
    await a.post('/training/changes', { intent: 'adapt-auto', planId: a.plan.id });
    expect((await a.list()).auto).toBe(false);

    // A "to" before "from" is the field's error, nothing noted.
    const from = addDays(today(), 2);
    const bad = await a.post('/training/changes', {
      intent: 'health-add',
      planId: a.plan.id,
      kind: 'illness',
      from,
      to: addDays(from, -1),
    });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Pick the last day, on or after the first');
    const noted = await a.post('/training/changes', {
      intent: 'health-add',
      planId: a.plan.id,
      kind: 'illness',
      from,
      ongoing: 'on',
      note: 'Flu',
    });
    expect(noted.status).toBe(200);
    expect(noted.html).toMatch(/Noted\. Your plan proposes/);
    const items = (await a.list()).items;
    expect(items.length).toBeGreaterThan(0);
    const html = (await a.page('/training/changes')).html;
    expect(html).toContain('still going');
    expect(html).toContain('It ended on…');
    expect(html).toContain('value="adapt-confirm"');
    // Its date as the pages write it ("3 Nov 2026").
    expect(html).toMatch(/class="plan-change-date">\d{1,2} [A-Z][a-z]{2} \d{4}</);

    // The calendar's week holding a named workout says so, linking here.
    const cal = (await a.page(`/training?view=week&date=${from}`)).html;
    expect(cal).toMatch(/\d+ plan changes? proposed/);

    const notes = (await h.json<{ notes: { id: string }[] }>(`/api/v1/plans/${a.plan.id}/health-notes`, { cookie: a.cookie })).body.notes;
    const ended = await a.post('/training/changes', { intent: 'health-end', planId: a.plan.id, noteId: notes[0]!.id, to: from });
    expect(ended.status).toBe(200);
    expect((await a.page('/training/changes')).html).not.toContain('It ended on…');

    const to = addDays(a.plan.goal.eventDate!, 14);
    const moved = await a.post('/training/changes', { intent: 'race-moved', planId: a.plan.id, date: to });
    expect(moved.html).toContain('Your plan proposes its weeks made again for the new date');
    const rebuild = (await a.list()).items.find((x) => x.trigger.kind === 'race_moved')!;
    expect(rebuild.status).toBe('proposed');
    expect((await a.page('/training/changes')).html).toContain('made again for race day');
  });
});
