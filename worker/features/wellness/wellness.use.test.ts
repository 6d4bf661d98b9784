// The days and readiness read for a data use keep only the sources the wellness policy lets feed it: a coach's or the
// AI coach's read is the athlete's own merge of those sources, and a use no source allows (social) reads nothing.
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../lib/dates';
import { Harness } from '../../testing/harness';
import * as repo from './wellness.repo';
import { createWellnessService } from './wellness.service';

describe('wellness read for a data use', () => {
  it('keeps the sources the policy allows the use, and none for social', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const athlete = { id: a.user.id, units: 'km' as const, timeZone: 'UTC' };
    const s = createWellnessService({ db: h.db, clock: { now: () => new Date() } });
    const today = todayIn('UTC', new Date());
    for (let i = 1; i <= 3; i++) {
      await repo.putDay(
        h.db,
        a.user.id,
        addDays(today, -i),
        'garmin',
        [{ field: 'restingHr', value: 50 + i, textValue: null }],
        [],
        new Date(),
      );
      await repo.putDay(
        h.db,
        a.user.id,
        addDays(today, -i),
        'checkin',
        [{ field: 'sleepS', value: 25_200, textValue: null }],
        [],
        new Date(),
      );
    }
    const from = addDays(today, -5);
    const owner = await s.days(athlete, from, today);
    expect(owner.days).toHaveLength(3);
    for (const use of ['coach', 'ai'] as const) expect((await s.days(athlete, from, today, use)).days).toEqual(owner.days);
    expect((await s.days(athlete, from, today, 'social')).days).toEqual([]);
    expect((await s.readiness(athlete, 'coach')).restingHr).toMatchObject({ status: 'establishing', source: 'garmin', days: 3 });
    expect(await s.readiness(athlete, 'social')).toMatchObject({ hrv: { status: 'none' }, restingHr: { status: 'none' } });
  });
});
