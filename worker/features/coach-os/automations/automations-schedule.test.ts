import { beforeEach, describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { nextRunAfter } from './automation-trigger';
import type { ScheduleTrigger } from './automations.schema';
import { automationsAt, coachWorld, parkEarlierAutomations } from './automations-testing';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const MONDAYS_AT_7: ScheduleTrigger = { kind: 'weekly', weekdays: [1], time: '07:00' };

/**
 * Eight days of per-minute ticks on an injected clock, proven without a database round trip per minute (11,520 of
 * them, ~3 ms of CPU each across workerd, the proxy and Postgres, were most of this file's CI time). A minute fires
 * when its tick finds next_run_at ≤ now, and next_run_at only ever holds what nextRunAfter gave (on create, and from
 * the minute it fired): so nextRunAfter is checked at every minute, and real ticks run every minute of the hour either
 * side of each expected slot and hourly elsewhere. A tick that finds nothing due writes nothing, so a row wrongly due
 * at a skipped minute stays due and the next real tick (at most an hour on, and before the slot's dense hour) fires
 * at a minute that is not the slot; a second firing after the slot is caught the same way. `slots` are the expected
 * slots, the one after the window included.
 */
async function tickThrough(t: ReturnType<typeof automationsAt>, timeZone: string, from: Date, days: number, slots: string[]) {
  const minutes = days * 1440;
  const start = from.getTime();
  const end = start + minutes * MINUTE;
  const slotMs = slots.map((s) => Date.parse(s));
  const wrong: string[] = [];
  for (let i = 0; i < minutes; i++) {
    const now = start + i * MINUTE;
    const next = nextRunAfter(MONDAYS_AT_7, timeZone, new Date(now))?.getTime();
    if (next !== slotMs.find((s) => s > now)) wrong.push(`${new Date(now).toISOString()} → ${next && new Date(next).toISOString()}`);
  }
  const at = new Set<number>();
  for (let now = start; now < end; now += HOUR) at.add(now);
  for (const s of slotMs) for (let now = s - HOUR; now <= s + HOUR; now += MINUTE) if (now >= start && now < end) at.add(now);
  const fired: Date[] = [];
  for (const ms of [...at].sort((a, b) => a - b)) {
    const now = new Date(ms);
    t.set(now);
    const r = await t.automations.firing.runDue(now);
    if (r.fired) fired.push(now);
  }
  return { fired, wrong, minutes, ticks: at.size };
}

async function weeklyMondays(h: Harness, start: Date) {
  const w = await coachWorld(h, 'America/Denver');
  const t = automationsAt(h, start);
  const a = await t.automations.create(await w.member(), {
    name: 'Monday check-in',
    trigger: MONDAYS_AT_7,
    action: { kind: 'task', title: 'Plan the week', message: 'Week of {{today}} at {{org_name}}' },
    audience: { kind: 'coach' },
  });
  return { w, t, a };
}

// Ticks and scans run over every automation of this file's database: each test starts with none of the earlier ones'.
beforeEach(parkEarlierAutomations);

describe('scheduled automations', () => {
  it('a weekly Mondays 07:00 Denver automation fires exactly once over 8 days of per-minute ticks (winter, MST)', async () => {
    const h = Harness.init();
    const start = new Date('2026-01-07T07:00:00Z'); // Wed 7 Jan 00:00 MST
    const { w, t, a } = await weeklyMondays(h, start);
    expect(a.summary).toBe('Every Mon at 07:00 MST');
    expect(a.nextRunAt).toBe('2026-01-12T14:00:00.000Z');
    const began = Date.now();
    const { fired, wrong, minutes, ticks } = await tickThrough(t, 'America/Denver', start, 8, [
      '2026-01-12T14:00:00.000Z',
      '2026-01-19T14:00:00.000Z',
    ]);
    const ms = Date.now() - began;
    console.log(`automations: ${minutes} minutes, ${ticks} real ticks in ${ms} ms (${((ms / ticks) * 1000).toFixed(0)} µs/tick)`);
    expect(minutes).toBe(11_520);
    expect(wrong).toEqual([]);
    expect(fired.map((d) => d.toISOString())).toEqual(['2026-01-12T14:00:00.000Z']);
    const runs = (await w.api<{ runs: any[] }>(`/automations/${a.id}/runs`)).body.runs;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'succeeded', attempt: 1, key: `automation:${a.id}:at:2026-01-12T14:00:00.000Z` });
    const tasks = (await w.api<{ tasks: any[] }>('/tasks')).body.tasks;
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ title: 'Plan the week', body: 'Week of 2026-01-12 at Summit Coaching', automationRunId: runs[0].id });
    // The next slot is the following Monday.
    expect((await w.api(`/automations/${a.id}`)).body.nextRunAt).toBe('2026-01-19T14:00:00.000Z');
  });

  it('fires once on the right local minute when the 8 days cross the spring-forward change (MST → MDT)', async () => {
    const h = Harness.init();
    const start = new Date('2026-03-04T07:00:00Z'); // Wed 4 Mar 00:00 MST; clocks jump on Sun 8 Mar
    const { w, t, a } = await weeklyMondays(h, start);
    // Mon 9 Mar 07:00 MDT = 13:00 UTC (an hour earlier in UTC than in winter).
    const { fired, wrong } = await tickThrough(t, 'America/Denver', start, 8, ['2026-03-09T13:00:00.000Z', '2026-03-16T13:00:00.000Z']);
    expect(wrong).toEqual([]);
    expect(fired.map((d) => d.toISOString())).toEqual(['2026-03-09T13:00:00.000Z']);
    expect((await w.api<any>(`/automations/${a.id}`)).body.nextRunAt).toBe('2026-03-16T13:00:00.000Z');
  });

  it('overlapping ticks of the same minute fire once', async () => {
    const h = Harness.init();
    const start = new Date('2026-01-12T13:59:00Z');
    const { w, t, a } = await weeklyMondays(h, start);
    const due = new Date('2026-01-12T14:00:00Z');
    t.set(due);
    const results = await Promise.all(Array.from({ length: 6 }, () => t.automations.firing.runDue(due)));
    expect(results.reduce((n, r) => n + r.fired, 0)).toBe(1);
    expect((await w.api<{ runs: any[] }>(`/automations/${a.id}/runs`)).body.runs).toHaveLength(1);
    expect((await w.api<{ tasks: any[] }>('/tasks')).body.tasks).toHaveLength(1);
  });

  it('after hours of downtime a missed schedule fires once, not once per missed slot', async () => {
    const h = Harness.init();
    const w = await coachWorld(h, 'America/Denver');
    const start = new Date('2026-01-12T12:00:00Z');
    const t = automationsAt(h, start);
    const a = await t.automations.create(await w.member(), {
      name: 'Hourly-ish',
      trigger: { kind: 'cron', expression: '0 * * * *' },
      action: { kind: 'task', title: 'Ping', message: '' },
      audience: { kind: 'coach' },
    });
    // The worker comes back 5 hours and 30 minutes later: 5 slots were missed.
    const back = new Date('2026-01-12T17:30:00Z');
    t.set(back);
    expect((await t.automations.firing.runDue(back)).fired).toBe(1);
    expect((await t.automations.firing.runDue(back)).fired).toBe(0);
    expect((await w.api(`/automations/${a.id}`)).body.nextRunAt).toBe('2026-01-12T18:00:00.000Z');
    expect((await w.api<{ runs: any[] }>(`/automations/${a.id}/runs`)).body.runs.map((r) => r.key)).toEqual([
      `automation:${a.id}:at:2026-01-12T13:00:00.000Z`,
    ]);
  });

  it('a cron expression runs in org time (07:00 weekdays Denver = 14:00 UTC in winter, 13:00 UTC in summer)', async () => {
    const h = Harness.init();
    const w = await coachWorld(h, 'America/Denver');
    const t = automationsAt(h, new Date('2026-03-05T12:00:00Z'));
    const preview = await w.api<any>('/automations/preview', { body: { trigger: { kind: 'cron', expression: '0 7 * * 1-5' } } });
    expect(preview.status).toBe(200);
    expect(preview.body.nextRuns).toHaveLength(5);
    // Against the real clock every preview instant is 07:00 local on a weekday.
    for (const r of preview.body.nextRuns) expect(r.local).toMatch(/^(Mon|Tue|Wed|Thu|Fri) .*, 07:00 M[SD]T$/);
    // With a fixed clock across the change: Thu, Fri in MST, then Mon… in MDT.
    const fixed = t.automations.preview(await w.member(), { kind: 'cron', expression: '0 7 * * 1-5' });
    expect(fixed.nextRuns.map((r) => r.at)).toEqual([
      '2026-03-05T14:00:00.000Z',
      '2026-03-06T14:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
      '2026-03-10T13:00:00.000Z',
      '2026-03-11T13:00:00.000Z',
    ]);
    expect(fixed.nextRuns[0]!.local).toBe('Thu 5 Mar 2026, 07:00 MST');
    expect(fixed.nextRuns[2]!.local).toBe('Mon 9 Mar 2026, 07:00 MDT');
  });

  it('changing the trigger recomputes next_run_at, disabling clears it, and an org moving zone is followed at the next tick', async () => {
    const h = Harness.init();
    const start = new Date('2026-01-07T07:00:00Z');
    const { w, t, a } = await weeklyMondays(h, start);
    const m = await w.member();
    const daily = await t.automations.update(m, a.id, { trigger: { kind: 'daily', time: '18:30' } });
    expect(daily.nextRunAt).toBe('2026-01-08T01:30:00.000Z'); // Wed 18:30 MST
    expect((await t.automations.update(m, a.id, { enabled: false })).nextRunAt).toBeNull();
    expect((await t.automations.update(m, a.id, { enabled: true })).nextRunAt).toBe('2026-01-08T01:30:00.000Z');
    // The owner moves the org to London; the next tick recomputes without firing.
    expect((await w.api('/org', { method: 'PATCH', body: { timeZone: 'Europe/London' } })).status).toBe(200);
    const r = await t.automations.firing.runDue(start);
    expect(r.fired).toBe(0);
    expect((await w.api(`/automations/${a.id}`)).body.nextRunAt).toBe('2026-01-07T18:30:00.000Z'); // Wed 18:30 GMT
  });
});
