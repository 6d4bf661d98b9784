// Two sessions on one day (issue 58, ADR 104) through HTTP: an add on a day that already has a session, morning and
// evening listed in that order everywhere (the plan's calendar, the training calendar, the feed), the same slot twice
// refused with a 400 that says so, and the slot in the change log so an undo gives it back.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import type { ErrorBody } from '../../../testing/bodies';
import { Harness } from '../../../testing/harness';
import { proWithPlan, today } from '../plans-api.testing';

const easyRide = (date: string, slot?: 'am' | 'pm' | null) => ({
  date,
  sport: 'bike',
  type: 'easy',
  title: 'Easy spin',
  durationSec: 2700,
  slot,
});

describe('two sessions on one day', () => {
  it('adds a second session on a day, lists AM before PM before any time, and refuses the same slot twice', async () => {
    const h = Harness.init();
    const a = await proWithPlan(h);
    const run = (await a.calendar(a.plan.startDate, addDays(a.plan.startDate, 41))).find(
      (w) => w.sport === 'run' && w.type === 'easy' && w.date > today(),
    )!;
    expect(run.slot).toBeNull();

    // Evening first, then morning: the list is by slot, not by when they were added.
    const pm = await a.api('/workouts', { body: easyRide(run.date, 'pm') });
    expect(pm.status, JSON.stringify(pm.body)).toBe(201);
    const am = await a.api('/workouts', { body: { ...easyRide(run.date, 'am'), title: 'Morning swim', sport: 'swim' } });
    expect(am.status, JSON.stringify(am.body)).toBe(201);
    const listed = await a.calendar(run.date, run.date);
    expect(listed.map((w) => [w.title, w.slot])).toEqual([
      ['Morning swim', 'am'],
      ['Easy spin', 'pm'],
      [run.title, null],
    ]);
    // The training calendar's cards say the same, in the same order.
    const cal = await h.json<{ days: { date: string; items: { kind: string; workout?: { title: string; slot: string | null } }[] }[] }>(
      `/api/v1/calendar?from=${run.date}&to=${run.date}`,
      { cookie: a.cookie },
    );
    expect(cal.status).toBe(200);
    const cards = cal.body.days[0]!.items.filter((i) => i.kind === 'workout').map((i) => [i.workout!.title, i.workout!.slot]);
    expect(cards).toEqual([
      ['Morning swim', 'am'],
      ['Easy spin', 'pm'],
      [run.title, null],
    ]);

    // A third session in the evening: 400 naming the slot, and nothing added.
    const clash = await a.api<ErrorBody>('/workouts', { body: { ...easyRide(run.date, 'pm'), title: 'Second spin' } });
    expect(clash.status).toBe(400);
    expect(clash.body.error.message).toBe(`${run.date} already has an evening session (“Easy spin”): pick the other slot, or any time.`);
    expect((await a.calendar(run.date, run.date)).length).toBe(3);
    // The same by an edit (the run made the morning session) and by a move onto the day with its slot.
    const edit = await a.api<ErrorBody>(`/workouts/${run.id}`, { method: 'PATCH', body: { slot: 'am' } });
    expect(edit.status).toBe(400);
    // A skipped session holds no slot: the morning swim removed, the run may take the morning.
    expect((await a.api(`/workouts/${am.body.workoutIds[0]}`, { method: 'DELETE' })).status).toBe(200);
    const took = await a.api(`/workouts/${run.id}`, { method: 'PATCH', body: { slot: 'am' } });
    expect(took.status, JSON.stringify(took.body)).toBe(200);
    expect(took.body.workouts[0]!.fields).toEqual([{ field: 'slot', from: null, to: 'am' }]);
  });

  it('moves with a slot, logs it, and an undo gives the slot back', async () => {
    const h = Harness.init();
    const a = await proWithPlan(h);
    const list = await a.calendar(a.plan.startDate, addDays(a.plan.startDate, 41));
    const [x, y] = list.filter((w) => w.sport === 'run' && w.type === 'easy' && w.date > today());
    const moved = await a.api(`/workouts/${x!.id}/move`, { body: { date: y!.date, slot: 'pm' } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.workouts[0]!.fields).toEqual(expect.arrayContaining([{ field: 'slot', from: null, to: 'pm' }]));
    // A move without a slot keeps the one it has.
    const again = await a.api(`/workouts/${x!.id}/move`, { body: { date: addDays(y!.date, 1) } });
    expect(again.status).toBe(200);
    expect((await a.calendar(addDays(y!.date, 1), addDays(y!.date, 1))).find((w) => w.id === x!.id)!.slot).toBe('pm');
    // Undo the second move, then the first: back on its day, any time.
    expect((await a.api(`/changes/${again.body.id}/undo`)).status).toBe(200);
    expect((await a.calendar(y!.date, y!.date)).map((w) => [w.id, w.slot])).toEqual([
      [x!.id, 'pm'],
      [y!.id, null],
    ]);
    const undo = await a.api(`/changes/${moved.body.id}/undo`);
    expect(undo.status, JSON.stringify(undo.body)).toBe(200);
    expect((await a.calendar(x!.date, x!.date)).find((w) => w.id === x!.id)!.slot).toBeNull();
  });

  it('says AM · / PM · in the calendar feed’s summary, in that order on the day', async () => {
    const h = Harness.init();
    const a = await proWithPlan(h);
    const run = (await a.calendar(a.plan.startDate, addDays(a.plan.startDate, 41))).find(
      (w) => w.sport === 'run' && w.type === 'easy' && w.date > today(),
    )!;
    expect((await a.api('/workouts', { body: easyRide(run.date, 'am') })).status).toBe(201);
    expect((await a.api(`/workouts/${run.id}`, { method: 'PATCH', body: { slot: 'pm' } })).status).toBe(200);
    const feed = await h.json<{ url: string }>('/api/v1/plans/feed', { method: 'POST', cookie: a.cookie });
    const res = await h.call(new URL(feed.body.url).pathname);
    expect(res.status).toBe(200);
    const events = new ICAL.Component(ICAL.parse(await res.text())).getAllSubcomponents('vevent');
    const onDay = events.filter((e) => (e.getFirstPropertyValue('dtstart') as ICAL.Time).toString() === run.date);
    expect(onDay.map((e) => String(e.getFirstPropertyValue('summary')))).toEqual([
      'AM · Easy spin (45 min)',
      expect.stringMatching(/^PM · /),
    ]);
    expect(String(onDay[0]!.getFirstPropertyValue('description'))).toMatch(/^Morning session\./);
    // Still all-day events.
    expect((onDay[0]!.getFirstPropertyValue('dtstart') as ICAL.Time).isDate).toBe(true);
  });
});
