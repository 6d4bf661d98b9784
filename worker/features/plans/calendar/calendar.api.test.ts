// The training calendar over HTTP: the athlete's own (with and without a plan) and a coach's view of a
// linked client (tenancy, not shared, the data-use policy). Placement rules are the property test's.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, mondayOf, todayIn } from '../../../lib/dates';
import { analyticsWorld } from '../../../testing/analytics';
import type { Body, ErrorBody } from '../../../testing/bodies';
import { buildActivity } from '../../../testing/factories/activity';
import { expectErrorShape, Harness } from '../../../testing/harness';
import { athleteWithHistory, coachOrg } from '../../../testing/scenarios';
import type { Plan } from '../plans.schema';
import type { TrainingCalendarView } from './calendar.schema';

type View = Body<typeof TrainingCalendarView>;
type Item = View['days'][number]['items'][number];

const today = todayIn('UTC', new Date());
const monday = mondayOf(today);
const at = (day: string, time = '07:00') => ({ startTime: new Date(`${day}T${time}:00Z`), localStartDate: day, timezone: 'UTC' });
const items = (v: View) => v.days.flatMap((d) => d.items.map((item) => ({ date: d.date, item })));
const activityIds = (v: View) => items(v).flatMap(({ item }) => (item.activity ? [item.activity.id] : []));
type WorkoutItem = { date: string; item: Extract<Item, { kind: 'workout' }> };
const workoutItems = (v: View) => items(v).filter((x): x is WorkoutItem => x.item.kind === 'workout');
const workoutItem = (v: View, id: string) => workoutItems(v).find((x) => x.item.workout.id === id);

describe('GET /api/v1/calendar', () => {
  it('shows done activities without a plan, then beside the plan: completions as one item, skipped and missed marked', async () => {
    const h = Harness.init();
    // History from last week's Sunday: a run recorded by the watch and again on Strava (one activity), and
    // an evening run abroad whose own local day is the next one.
    const first = addDays(monday, -8);
    const athlete = await athleteWithHistory(h, {
      history: [{ daysAgo: 0, ...at(first), source: 'garmin_export', name: 'First run' }],
    });
    const { activities } = analyticsWorld(h.db);
    const watch = await activities.ingest(
      athlete.user.id,
      buildActivity({ ...at(addDays(monday, -6)), source: 'garmin_export', name: 'Watch tempo', distanceM: 10_000 }),
    );
    const copy = await activities.ingest(
      athlete.user.id,
      buildActivity({ ...at(addDays(monday, -6), '07:00'), source: 'strava', name: 'Strava tempo', distanceM: 10_000 }),
    );
    // Eight weeks of a weekly run before it, so that by `first` fitness is established (ADR 044) and has a form.
    for (let k = 8; k >= 2; k--)
      await activities.ingest(
        athlete.user.id,
        buildActivity({ ...at(addDays(first, -7 * k)), source: 'garmin_export', name: `Base ${k}` }),
      );
    const abroad = await activities.ingest(
      athlete.user.id,
      buildActivity({
        startTime: new Date(`${addDays(monday, -4)}T23:30:00Z`),
        localStartDate: addDays(monday, -3),
        timezone: 'Asia/Tokyo',
        source: 'garmin_export',
        name: 'Tokyo evening run',
      }),
    );
    const get = (from: string, to: string) => h.json<View>(`/api/v1/calendar?from=${from}&to=${to}`, { cookie: athlete.cookie });

    const from = addDays(monday, -21);
    const to = addDays(monday, 13);
    const bare = await get(from, to);
    expect(bare.status, JSON.stringify(bare.body)).toBe(200);
    expect(bare.body).toMatchObject({ from, to, today, timeZone: 'UTC', plan: null });
    expect(bare.body.days.map((d) => d.date)).toEqual(Array.from({ length: 35 }, (_, i) => addDays(from, i)));
    // Duplicates once (the watch's file is canonical); a trip abroad on its own local day.
    expect(activityIds(bare.body).filter((id) => id === watch.id || id === copy.id)).toEqual([watch.id]);
    expect(items(bare.body).find(({ item }) => item.activity?.id === abroad.id)?.date).toBe(addDays(monday, -3));
    expect(items(bare.body).every(({ item }) => item.kind === 'activity')).toBe(true);
    const weeks = bare.body.weeks;
    expect(weeks.map((w) => [w.startDate, w.endDate])).toEqual(
      [0, 1, 2, 3, 4].map((k) => [addDays(from, 7 * k), addDays(from, 7 * k + 6)]),
    );
    expect(weeks[1]!.done.count).toBe(1);
    expect(weeks[2]).toMatchObject({ done: { count: 2, durationSec: 6000, distanceM: 20_000 }, unplanned: 2 });
    expect(weeks[2]!.sports).toMatchObject([{ sport: 'run', done: { count: 2 }, planned: { count: 0 } }]);
    // Form at each week's end: none before fitness was established, today's this week, none yet next week.
    expect(weeks[0]).toMatchObject({ form: null, formNote: 'not_enough_data' });
    expect(weeks[1]!.form).toMatchObject({ date: first });
    expect(weeks[3]!.form).toMatchObject({ date: today });
    expect(weeks[4]).toMatchObject({ form: null, formNote: 'not_yet' });

    // A plan from today, moved a week back (the generator plans from tomorrow): its past days now exist.
    const made = await h.json<Body<typeof Plan>>('/api/v1/plans', {
      cookie: athlete.cookie,
      body: {
        goal: { kind: 'run_10k', eventDate: addDays(today, 70), eventName: 'River 10K' },
        startDate: today,
        availableDays: [0, 1, 2, 3, 4, 5, 6],
        longDay: 6,
        hoursPerWeek: 5,
        includeStrength: false,
      },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    await h.db.execute(sql`update planned_workouts set date = date - 7 where plan_id = ${made.body.id}`);
    await h.db.execute(sql`update plans set start_date = start_date - 7 where id = ${made.body.id}`);
    const planned = workoutItems((await get(addDays(today, -7), addDays(today, 6))).body);
    // Past runs judged by time (a long run is judged by distance), all missed so far.
    const runs = planned.filter(
      ({ date, item: { workout: x } }) =>
        date < today && x.sport === 'run' && x.type !== 'long' && x.type !== 'race_pace' && x.status === 'missed',
    );
    const done = runs[0]!.item.workout;
    // Another past workout still missed (a long run counts too: how many short runs a week holds depends on the day).
    const missed = planned.find(({ date, item: { workout: x } }) => date < today && date !== done.date && x.status === 'missed')!.item
      .workout;
    const did = await activities.ingest(
      athlete.user.id,
      buildActivity({ ...at(done.date, '06:00'), source: 'garmin_export', name: 'Planned run', movingTimeS: done.durationSec + 120 }),
    );
    const future = planned.find(({ date, item }) => date > today && item.workout.sport !== 'rest')!.item.workout;
    expect((await h.json(`/api/v1/plans/${made.body.id}/workouts/${future.id}/skip`, { cookie: athlete.cookie, body: {} })).status).toBe(
      200,
    );

    const after = (await get(addDays(today, -7), addDays(today, 6))).body;
    expect(after.plan).toMatchObject({ id: made.body.id, status: 'active' });
    const pair = workoutItem(after, done.id)!;
    expect(pair.date).toBe(done.date);
    expect(pair.item).toMatchObject({
      workout: { status: 'completed', compliance: { band: 'green' }, activityId: did.id },
      activity: { id: did.id, durationSec: done.durationSec + 120, source: 'garmin_export', device: null },
      matchedBy: 'auto',
    });
    // The completing activity is part of the pair, not an extra as well.
    expect(activityIds(after).filter((id) => id === did.id)).toHaveLength(1);
    expect(workoutItem(after, missed.id)!.item.workout).toMatchObject({ status: 'missed', compliance: { band: 'red' } });
    expect(workoutItem(after, future.id)!.item.workout.status).toBe('skipped');
    const weekOf = (d: string) => after.weeks.find((w) => w.startDate <= d && d <= w.endDate)!;
    expect(weekOf(done.date).workouts.completed).toBeGreaterThanOrEqual(1);
    expect(weekOf(missed.date).workouts.missed).toBeGreaterThanOrEqual(1);
    for (const week of [weekOf(done.date), weekOf(missed.date)])
      expect(week.workouts.planned).toBe(week.workouts.completed + week.workouts.missed + week.workouts.pending);
  });

  it('answers a bounded range only, and only to a signed-in athlete', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const get = (q: string, cookie?: string) => h.json<ErrorBody>(`/api/v1/calendar?${q}`, { cookie });
    for (const q of [
      `from=${today}&to=${addDays(today, -1)}`,
      `from=${today}&to=${addDays(today, 42)}`,
      'from=2026-02-30&to=2026-03-01',
      'from=x&to=y',
    ]) {
      const r = await get(q, athlete.cookie);
      expect(r.status, q).toBe(400);
      expectErrorShape(r.body, 'VALIDATION');
    }
    expect((await get(`from=${today}&to=${addDays(today, 41)}`, athlete.cookie)).status).toBe(200);
    expect((await get(`from=${today}&to=${today}`)).status).toBe(401);
  });
});

describe('GET /api/v1/coach/clients/{id}/calendar', () => {
  it('shows a sharing client’s days without Strava’s; another org, and a client who does not share, get the not-shared 404', async () => {
    const h = Harness.init();
    const w = await coachOrg(h, { name: 'Summit Coaching' });
    const client = await w.addClient('Casey Client');
    const athlete = await athleteWithHistory(h, {
      displayName: 'Casey Runner',
      history: [
        { daysAgo: 2, source: 'garmin_export', name: 'Shared run' },
        { daysAgo: 1, source: 'strava', name: 'Strava-only ride', sport: 'ride', distanceM: 30_000, movingTimeS: 3600 },
      ],
    });
    const range = `from=${addDays(today, -6)}&to=${today}`;
    const path = `/clients/${client.id}/calendar?${range}`;

    // Asked but not yet shared: the answer every client-training route gives.
    await w.requestAthleteLink(client.id, athlete.email);
    const pending = await w.api<ErrorBody>(path);
    expect(pending.status).toBe(404);
    expectErrorShape(pending.body, 'NOT_FOUND');
    expect(pending.body.error.message).toBe('This client has not shared their training with you.');

    await w.linkAthlete(client.id, athlete);
    const seen = await w.api<View>(path);
    expect(seen.status, JSON.stringify(seen.body)).toBe(200);
    expect(seen.body.plan).toBeNull();
    const names = items(seen.body).map(({ item }) => item.activity?.name);
    expect(names).toEqual(['Shared run']);
    expect(JSON.stringify(seen.body)).not.toContain(athlete.activityIds[1]!);
    // The athlete's own calendar has both.
    const own = await h.json<View>(`/api/v1/calendar?${range}`, { cookie: athlete.cookie });
    expect(activityIds(own.body).sort()).toEqual([...athlete.activityIds].sort());

    // Another org's coach: 404 on the client, whatever the athlete shares.
    const other = await coachOrg(h, { name: 'Valley Coaching' });
    const foreign = await other.api<ErrorBody>(path);
    expect(foreign.status).toBe(404);
    expectErrorShape(foreign.body, 'NOT_FOUND');
    expect((await w.api<ErrorBody>(`/clients/${client.id}/calendar?from=${today}&to=${addDays(today, 60)}`)).status).toBe(400);
  });
});
