import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { StepNode } from '../plans.types.ts';
import { buildPlan, buildWorkout, intervalSteps, measured, target, timed } from './exports.testing.ts';
import type { ExportWorkout } from './export.types.ts';
import { icsFeed, stepsText } from './ics.ts';

const NOW = new Date('2026-03-10T07:45:12.345Z');
const OPTS = { now: NOW, calendarName: 'Cadence – training plan', host: 'cadence.test' };

/** Parses the feed with ical.js (an independent RFC 5545 parser) into its VEVENTs, keyed by UID. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = new Map(calendar.getAllSubcomponents('vevent').map((e) => [String(e.getFirstPropertyValue('uid')), e]));
  return { calendar, events };
}

const dateOf = (e: ICAL.Component, name: string) => {
  const time = e.getFirstPropertyValue(name) as ICAL.Time;
  return { isDate: time.isDate, value: time.toString() };
};

describe('icsFeed', () => {
  it('publishes a calendar with refresh hints, CRLF lines of at most 75 octets', () => {
    const text = icsFeed(buildPlan(), [buildWorkout()], OPTS);
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n');
    for (const line of lines) expect(new TextEncoder().encode(line).byteLength).toBeLessThanOrEqual(75);
    for (const needed of [
      'VERSION:2.0',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
      'X-PUBLISHED-TTL:PT1H',
    ]) {
      expect(lines).toContain(needed);
    }
    expect(lines.some((l) => l.startsWith('PRODID:'))).toBe(true);
    const { calendar } = parse(text);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Cadence – training plan');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
  });

  it('writes all-day events with an exclusive end date and no time zone', () => {
    const workouts = [buildWorkout({ id: 'a', date: '2026-11-24' }), buildWorkout({ id: 'b', date: '2026-12-31' })];
    const text = icsFeed(buildPlan({ timeZone: 'America/Denver' }), workouts, OPTS);
    expect(text).toContain('DTSTART;VALUE=DATE:20261124\r\nDTEND;VALUE=DATE:20261125\r\n');
    expect(text).not.toContain('TZID');
    const { events } = parse(text);
    const a = events.get('workout-a@cadence.test')!;
    expect(dateOf(a, 'dtstart')).toEqual({ isDate: true, value: '2026-11-24' });
    expect(dateOf(a, 'dtend')).toEqual({ isDate: true, value: '2026-11-25' });
    const b = events.get('workout-b@cadence.test')!;
    expect(dateOf(b, 'dtstart').value).toBe('2026-12-31');
    expect(dateOf(b, 'dtend').value).toBe('2027-01-01');
    const stamp = a.getFirstPropertyValue('dtstamp') as ICAL.Time;
    expect(stamp.zone?.tzid).toBe('UTC');
    expect(stamp.toJSDate().getTime()).toBe(Math.floor(NOW.getTime() / 1000) * 1000);
    expect(a.getFirstPropertyValue('status')).toBe('CONFIRMED');
  });

  it('keeps UIDs across edits and follows the revision in SEQUENCE', () => {
    const before = [buildWorkout({ id: 'w1', revision: 1 }), buildWorkout({ id: 'w2', revision: 4, date: '2026-03-20' })];
    const after = before.map((w) => ({ ...w, title: `${w.title} (moved)`, revision: w.revision + 1 }));
    const first = parse(icsFeed(buildPlan(), before, OPTS)).events;
    const second = parse(icsFeed(buildPlan(), after, { ...OPTS, now: new Date('2026-03-11T08:00:00Z') })).events;
    expect([...second.keys()]).toEqual([...first.keys()]);
    expect([...first.keys()]).toEqual(['workout-w1@cadence.test', 'workout-w2@cadence.test']);
    expect(first.get('workout-w1@cadence.test')!.getFirstPropertyValue('sequence')).toBe(1);
    expect(second.get('workout-w1@cadence.test')!.getFirstPropertyValue('sequence')).toBe(2);
    expect(second.get('workout-w2@cadence.test')!.getFirstPropertyValue('sequence')).toBe(5);
    expect(second.get('workout-w2@cadence.test')!.getFirstPropertyValue('summary')).toBe('VO2 intervals (moved) (1 h 1 min)');
  });

  it('folds long lines so a 300-character description round-trips exactly', () => {
    const unit = 'Zürich – 5 × 1 km, pace; hold\nthen ease off\\ 🏃 ';
    const description = `${Array.from(unit.repeat(10)).slice(0, 299).join('')}.`;
    expect(Array.from(description)).toHaveLength(300);
    const w = buildWorkout({ id: 'long', description, steps: [], title: 'Track: 5 × 1 km, Zürich; "fast"' });
    const text = icsFeed(buildPlan(), [w], OPTS);
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).byteLength).toBeLessThanOrEqual(75);
    expect(text.split('\r\n').filter((l) => l.startsWith(' ')).length).toBeGreaterThan(4);
    const e = parse(text).events.get('workout-long@cadence.test')!;
    expect(e.getFirstPropertyValue('description')).toBe(description);
    expect(e.getFirstPropertyValue('summary')).toBe('Track: 5 × 1 km, Zürich; "fast" (1 h 1 min)');
  });

  it('describes the steps and ticks completed workouts', () => {
    const done = buildWorkout({ id: 'done', status: 'completed', description: 'Hills.' });
    const e = parse(icsFeed(buildPlan(), [done], OPTS)).events.get('workout-done@cadence.test')!;
    expect(e.getFirstPropertyValue('summary')).toBe('✓ VO2 intervals (1 h 1 min)');
    // The steps in the editor's text form (ADR 055), then the totals it was saved with (the calendar's own).
    expect(e.getFirstPropertyValue('description')).toBe(
      [
        'Hills.',
        '',
        '- warmup 15m Z1 60-75%',
        '5x',
        '  - 4m Z4 98-102%',
        '  - recovery 2m Z1 55-65%',
        '- cooldown 10m Z1 50-70%',
        'Total 1 h 1 min · load 72',
      ].join('\n'),
    );
  });

  it('prints the totals a pace workout was saved with, not a recount without thresholds (issue 55)', () => {
    // 15 min Z2, 5 × (1 km Z4 / 2 min Z1), 10 min Z1: saved with a threshold pace, 10.15 km and load 83.
    const steps: StepNode[] = [
      timed('warmup', 900, target('pace', 2, 1.15, 1.25)),
      {
        kind: 'repeat',
        count: 5,
        steps: [measured('work', 1000, target('pace', 4, 0.98, 1.02)), timed('recovery', 120, target('pace', 1, 1.3, 1.4))],
      },
      timed('cooldown', 600, target('pace', 1, 1.3, 1.4)),
    ];
    const w = buildWorkout({ id: 'pace', sport: 'run', steps, durationSec: 3_420, distanceM: 10_150, targetLoad: 83, description: '' });
    const e = parse(icsFeed(buildPlan(), [w], OPTS)).events.get('workout-pace@cadence.test')!;
    const lines = String(e.getFirstPropertyValue('description')).split('\n');
    expect(lines.at(-1)).toBe('Total 57 min · 10.15 km · load 83');
  });

  it('leaves out skipped workouts and rest days, keeps missed ones', () => {
    const workouts: ExportWorkout[] = [
      buildWorkout({ id: 'planned' }),
      buildWorkout({ id: 'skipped', status: 'skipped' }),
      buildWorkout({ id: 'missed', status: 'missed' }),
      buildWorkout({ id: 'rest', sport: 'rest', type: 'rest', steps: [], title: 'Rest' }),
    ];
    const { events } = parse(icsFeed(buildPlan(), workouts, OPTS));
    expect([...events.keys()].sort()).toEqual(['workout-missed@cadence.test', 'workout-planned@cadence.test']);
  });

  it('keeps the calendar date of a workout on a DST change day, whatever the zone', () => {
    const cases = [
      { timeZone: 'Europe/Zurich', date: '2026-03-29' },
      { timeZone: 'Europe/Zurich', date: '2026-10-25' },
      { timeZone: 'America/New_York', date: '2026-03-08' },
      { timeZone: 'Pacific/Auckland', date: '2026-04-05' },
    ];
    for (const { timeZone, date } of cases) {
      const { events } = parse(icsFeed(buildPlan({ timeZone }), [buildWorkout({ id: 'dst', date })], OPTS));
      const e = events.get('workout-dst@cadence.test')!;
      expect(dateOf(e, 'dtstart')).toEqual({ isDate: true, value: date });
    }
  });
});

describe('stepsText', () => {
  it('reads steps and repeat blocks as short lines', () => {
    expect(stepsText(intervalSteps())).toEqual(['Warm-up 15 min Z1', '5 × (4 min Z4 / 2 min Z1)', 'Cool-down 10 min Z1']);
    expect(
      stepsText([
        { kind: 'steady', durationSec: null, distanceM: 1500, target: { metric: 'rpe', zone: 2, low: 3, high: 4 }, note: 'relaxed' },
        { kind: 'work', durationSec: 5400, distanceM: null, target: null },
        { kind: 'work', durationSec: null, distanceM: null, target: null },
      ]),
    ).toEqual(['Steady 1.5 km RPE 3–4 (relaxed)', 'Work 1 h 30 min', 'Work open']);
  });
});
