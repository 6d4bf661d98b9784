// A device's summaries through the one entry every importer uses: a re-sent summary id replaces what it wrote
// (even when it moves to another day) and never duplicates, out-of-range values are dropped and counted, the
// athlete's check-in still wins, and the engine's hook hears which days changed.
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../lib/dates';
import { Harness } from '../../testing/harness';
import { createWellnessService } from './wellness.service';
import * as repo from './wellness.repo';

const today = () => todayIn('UTC', new Date());

describe('device readings', () => {
  it('upserts by external id, drops impossible values and tells the engine which days changed', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const heard: string[][] = [];
    const svc = createWellnessService({
      db: h.db,
      clock: { now: () => new Date() },
      changed: async (_u, days) => void heard.push([...days]),
    });
    const d1 = addDays(today(), -2);
    const d2 = addDays(today(), -1);

    // A TENTATIVE sleep on the wrong day, then its FINAL on the right one: one row per field, on d2 only.
    await svc.recordDevice(a.user.id, 'garmin', [{ externalId: 'sleep-1', day: d1, values: { sleepS: 25_000, sleepScore: 70 } }]);
    const final = await svc.recordDevice(a.user.id, 'garmin', [
      { externalId: 'sleep-1', day: d2, values: { sleepS: 26_100, sleepScore: 78, restingHr: 400 } },
    ]);
    expect(final.days).toEqual([d1, d2]);
    expect(final.rejected).toEqual([{ externalId: 'sleep-1', fields: ['restingHr'] }]);
    expect(heard).toEqual([[d1], [d1, d2]]);

    const rows = await repo.readingsBetween(h.db, a.user.id, d1, d2);
    expect(rows.map((r) => [r.day, r.field, r.value]).sort()).toEqual([
      [d2, 'sleepS', 26_100],
      [d2, 'sleepScore', 78],
    ]);

    // The same FINAL sent again changes nothing.
    await svc.recordDevice(a.user.id, 'garmin', [{ externalId: 'sleep-1', day: d2, values: { sleepS: 26_100, sleepScore: 78 } }]);
    expect(await repo.readingsBetween(h.db, a.user.id, d1, d2)).toHaveLength(2);

    // The athlete's word wins over the device's for the same field.
    const day = await svc.checkIn({ id: a.user.id, units: 'km', timeZone: 'UTC' }, d2, { sleepHours: 8 });
    expect(day.fields.sleepHours).toEqual({ value: 8, source: 'checkin', others: [{ source: 'garmin', value: 7.25 }] });
    expect(day.fields.sleepScore).toMatchObject({ value: 78, source: 'garmin' });
  });
});

describe('device readings in one batch', () => {
  it('writes a batch set-based, a later summary winning a field an earlier one gave, and re-sent ids replacing', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const svc = createWellnessService({ db: h.db, clock: { now: () => new Date() } });
    const d = addDays(today(), -3);
    const days = Array.from({ length: 400 }, (_, i) => addDays(d, -i));
    const out = await svc.recordDevice(a.user.id, 'garmin_export', [
      ...days.map((day) => ({ externalId: `uds:${day}`, day, values: { restingHr: 50, steps: 9000 } })),
      // A second summary of the same day and field: it wins, as writing one by one would.
      { externalId: 'hrv-late', day: d, values: { restingHr: 48 } },
    ]);
    expect(out.days).toHaveLength(400);
    let rows = await repo.readingsBetween(h.db, a.user.id, days.at(-1)!, d);
    expect(rows).toHaveLength(800);
    expect(rows.find((r) => r.day === d && r.field === 'restingHr')?.value).toBe(48);

    // The whole batch again, with one day's values changed: still one row per (day, field).
    await svc.recordDevice(
      a.user.id,
      'garmin_export',
      days.map((day) => ({ externalId: `uds:${day}`, day, values: { restingHr: day === d ? 52 : 50, steps: 9000 } })),
    );
    rows = await repo.readingsBetween(h.db, a.user.id, days.at(-1)!, d);
    expect(rows).toHaveLength(800);
    expect(rows.find((r) => r.day === d && r.field === 'restingHr')?.value).toBe(52);
  });
});
