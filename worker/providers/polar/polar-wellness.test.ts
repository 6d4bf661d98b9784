// Polar's nights in its own wire format (fields as the AccessLink OpenAPI description names them) mapped to
// wellness records, and the sandbox's 28-day window.
import { describe, expect, it } from 'vitest';
import { listedDates, nightsOf } from '../../../scripts/sandbox/polar/nights.ts';
import { polarWellness, rechargeRecord, sleepRecord } from './polar-wellness';
import { RechargeList, SleepList } from './polar-wire';

// One night as `GET /v3/users/sleep` lists it (the OpenAPI example's shape, with its fields filled in).
const SLEEP = {
  nights: [
    {
      polar_user: 'https://www.polaraccesslink.com/v3/users/1',
      date: '2026-11-20',
      sleep_start_time: '2026-11-19T23:39:07+02:00',
      sleep_end_time: '2026-11-20T07:19:37+02:00',
      device_id: '1111AAAA',
      continuity: 2.1,
      continuity_class: 2,
      light_sleep: 15_600,
      deep_sleep: 5_400,
      rem_sleep: 5_700,
      unrecognized_sleep_stage: 300,
      sleep_score: 80,
      total_interruption_duration: 1_200,
      sleep_charge: 3,
      sleep_goal: 28_800,
      sleep_rating: 3,
      short_interruption_duration: 500,
      long_interruption_duration: 700,
      sleep_cycles: 6,
      group_duration_score: 100,
      group_solidity_score: 75,
      group_regeneration_score: 54.2,
      hypnogram: { '23:39': 2, '23:50': 3 },
      heart_rate_samples: { '23:41': 56, '23:46': 55 },
    },
  ],
};
const RECHARGE = {
  recharges: [
    {
      polar_user: 'https://www.polaraccesslink.com/v3/users/1',
      date: '2026-11-20',
      heart_rate_avg: 52,
      beat_to_beat_avg: 1154,
      heart_rate_variability_avg: 61,
      breathing_rate_avg: 14.1,
      nightly_recharge_status: 4,
      ans_charge: 1.5,
      ans_charge_status: 3,
      hrv_samples: { '00:41': 60 },
      breathing_samples: { '00:39': 13.4 },
    },
  ],
};

describe("Polar's nights as wellness", () => {
  it('maps sleep (light + deep + REM, the score) and Nightly Recharge (rMSSD only) on the wake day', () => {
    const [night] = SleepList.parse(SLEEP).nights;
    const [recharge] = RechargeList.parse(RECHARGE).recharges;
    // End − start is 7 h 40 min 30 s; the stages sum to 7 h 25 min: interruptions and unstaged epochs are not sleep.
    expect(sleepRecord(night!)).toEqual({ externalId: 'sleep:2026-11-20', day: '2026-11-20', values: { sleepS: 26_700, sleepScore: 80 } });
    // heart_rate_avg is the 4 hours asleep, not a resting HR on waking: not mapped.
    expect(rechargeRecord(recharge!)).toEqual({ externalId: 'recharge:2026-11-20', day: '2026-11-20', values: { hrvRmssd: 61 } });
    expect(rechargeRecord(recharge!).values).not.toHaveProperty('restingHr');
  });

  it('reads empty answers and leaves out nights with nothing kept', () => {
    expect(SleepList.parse({}).nights).toEqual([]);
    expect(polarWellness([{ date: '2026-11-20' }], [{ date: '2026-11-20', heart_rate_avg: 50 }])).toEqual([]);
  });

  it('the sandbox lists only the 28 days ending today: a night 28 or 29 days old is not served', () => {
    const now = Date.parse('2026-11-26T08:00:00Z');
    const dates = listedDates(now);
    expect(dates).toHaveLength(28);
    expect(dates[0]).toBe('2026-10-30');
    expect(dates.at(-1)).toBe('2026-11-26');
    const { sleep, recharge } = nightsOf(4242, now, 'http://127.0.0.1');
    const served = [...sleep.nights, ...recharge.recharges].map((n) => (n as { date: string }).date);
    expect(served).not.toContain('2026-10-29'); // 28 days old
    expect(served).not.toContain('2026-10-28'); // 29 days old
    expect(Math.min(...served.map((d) => Date.parse(d)))).toBeGreaterThanOrEqual(Date.parse('2026-10-30'));
    // Deterministic, and in the wire format the adapter reads.
    expect(nightsOf(4242, now, 'http://127.0.0.1')).toEqual({ sleep, recharge });
    const records = polarWellness(SleepList.parse(sleep).nights, RechargeList.parse(recharge).recharges);
    expect(records.length).toBe(sleep.nights.length + recharge.recharges.length);
    expect(records.every((r) => Object.keys(r.values).every((k) => ['sleepS', 'sleepScore', 'hrvRmssd'].includes(k)))).toBe(true);
  });
});
