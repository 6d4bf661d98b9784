// The wellness API on the real database and runtime: a check-in written and read back, a device's reading
// beside it (the athlete's word wins, the other source listed), clears, units, bad input as 400, each athlete
// seeing only their own days, and readiness that says it is establishing until 21 days of one source.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../db/schema';
import { addDays, todayIn } from '../../lib/dates';
import { expectErrorShape, Harness } from '../../testing/harness';
import * as repo from './wellness.repo';
import type { WellnessDay } from './wellness.schema';

const today = () => todayIn('UTC', new Date());
type Days = { units: string; weightUnit: string; days: WellnessDay[] };

describe('wellness days', () => {
  it('writes a check-in, merges a device reading under it, clears fields and keeps athletes apart', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const other = await h.signup();
    const day = addDays(today(), -1);
    const put = (body: unknown, d = day, cookie = a.cookie) =>
      h.json<WellnessDay>(`/api/v1/wellness/days/${d}/check-in`, { method: 'PUT', cookie, body });

    const saved = await put({ sleepHours: 7.5, soreness: 2, mood: 4, injury: true, injuryWhere: 'Left calf', restingHr: 47, weight: 70.4 });
    expect(saved.status).toBe(200);
    expect(saved.body.fields).toMatchObject({
      sleepHours: { value: 7.5, source: 'checkin', others: [] },
      soreness: { value: 2, source: 'checkin' },
      injury: { value: true },
      injuryWhere: { value: 'Left calf' },
      restingHr: { value: 47 },
      weight: { value: 70.4 },
    });

    // Garmin's resting HR for the same day: the check-in's value stands, Garmin's is listed beside it.
    await repo.putDay(
      h.db,
      a.user.id,
      day,
      'garmin',
      [
        { field: 'restingHr', value: 45, textValue: null },
        { field: 'sleepS', value: 26_000, textValue: null },
      ],
      [],
      new Date(),
    );
    const read = await h.json<Days>(`/api/v1/wellness/days?from=${day}&to=${today()}`, { cookie: a.cookie });
    expect(read.body.days).toHaveLength(1);
    expect(read.body.days[0]!.fields.restingHr).toEqual({ value: 47, source: 'checkin', others: [{ source: 'garmin', value: 45 }] });

    // Clearing the check-in's resting HR lets Garmin's show; an untouched field stays.
    await put({ restingHr: null });
    const after = await h.json<Days>(`/api/v1/wellness/days?from=${day}&to=${day}`, { cookie: a.cookie });
    expect(after.body.days[0]!.fields.restingHr).toEqual({ value: 45, source: 'garmin', others: [] });
    expect(after.body.days[0]!.fields.mood).toMatchObject({ value: 4, source: 'checkin' });

    // Someone else's range is empty: days are read by the signed-in athlete only.
    const theirs = await h.json<Days>(`/api/v1/wellness/days?from=${day}&to=${day}`, { cookie: other.cookie });
    expect(theirs.body.days).toEqual([]);
  });

  it('refuses bad input with the one error shape and a field path', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const put = (body: unknown, d = today()) => h.json(`/api/v1/wellness/days/${d}/check-in`, { method: 'PUT', cookie: a.cookie, body });
    for (const [body, path] of [
      [{ soreness: 5 }, 'soreness'],
      [{ sleepHours: 25 }, 'sleepHours'],
      [{ restingHr: 300 }, 'restingHr'],
      [{ weight: 900 }, 'weight'],
      [{ bogus: 1 }, ''],
    ] as const) {
      const r = await put(body);
      expect(r.status).toBe(400);
      expectErrorShape(r.body, 'VALIDATION');
      if (path) expect(JSON.stringify(r.body)).toContain(path);
    }
    const future = await put({ mood: 3 }, addDays(today(), 2));
    expect(future.status).toBe(400);
    expect((await put({})).status).toBe(400);
    const unsigned = await h.json(`/api/v1/wellness/days/${today()}/check-in`, { method: 'PUT', body: { mood: 3 } });
    expect(unsigned.status).toBe(401);
    const tooLong = await h.json(`/api/v1/wellness/days?from=2020-01-01&to=2026-01-01`, { cookie: a.cookie });
    expect(tooLong.status).toBe(400);
  });

  it('takes and shows weight in pounds for an athlete who uses miles', async () => {
    const h = Harness.init();
    const a = await h.signup();
    await h.db.update(users).set({ units: 'mi' }).where(eq(users.id, a.user.id));
    const r = await h.json<WellnessDay>(`/api/v1/wellness/days/${today()}/check-in`, {
      method: 'PUT',
      cookie: a.cookie,
      body: { weight: 154 },
    });
    expect(r.body.fields.weight).toMatchObject({ value: 154 });
    const stored = await repo.fieldSeries(h.db, a.user.id, 'weightKg', today(), today());
    expect(stored[0]!.value).toBeCloseTo(69.85, 2);
  });
});

describe('readiness', () => {
  it('is establishing until 21 days of one source, then compares this week with the normal range', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const get = async () =>
      (
        await h.json<{ hrv: { status: string; days?: number }; restingHr: { status: string } }>('/api/v1/wellness/readiness', {
          cookie: a.cookie,
        })
      ).body;
    expect((await get()).hrv).toEqual({ status: 'none' });
    for (let i = 0; i < 20; i++)
      await repo.putDay(
        h.db,
        a.user.id,
        addDays(today(), -i),
        'garmin',
        [{ field: 'hrvRmssd', value: 60 + (i % 4), textValue: null }],
        [],
        new Date(),
      );
    expect((await get()).hrv).toMatchObject({ status: 'establishing', days: 20 });
    for (let i = 20; i < 40; i++)
      await repo.putDay(
        h.db,
        a.user.id,
        addDays(today(), -i),
        'garmin',
        [{ field: 'hrvRmssd', value: 60 + (i % 4), textValue: null }],
        [],
        new Date(),
      );
    expect((await get()).hrv).toMatchObject({ status: 'within', source: 'garmin' });
  });
});
