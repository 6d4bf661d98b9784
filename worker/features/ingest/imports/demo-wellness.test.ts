// The demo athlete's year of wellness (scripts/sandbox/wellness.ts, garmin-wellness-files.ts; ADR 073): the two
// planted patterns are there at the size promised and nowhere else, the files are laid out the way the import
// reads them, and the same arguments give the same bytes.
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { localDayOf, wellnessCounts, wellnessFiles } from '../../../../scripts/sandbox/garmin-wellness-files.ts';
import { generateHistory } from '../../../../scripts/sandbox/strava/generator.ts';
import { buildStreams } from '../../../../scripts/sandbox/strava/streams.ts';
import { summarize } from '../../../../scripts/sandbox/strava/summary.ts';
import {
  nightSleepS,
  HR_BPM_PER_HOUR,
  PIVOT_NIGHT_S,
  WEIGHT_DRIFT_KG_PER_YEAR,
  wellnessYear,
} from '../../../../scripts/sandbox/wellness.ts';
import { type WellnessKind, wellnessKindOf, wellnessRecord } from '../files/garmin-wellness.ts';

const DAY = 86_400_000;
const ATHLETE = 1001;
const END = new Date('2026-11-01T00:00:00Z');

describe('the demo’s planted patterns', () => {
  const history = generateHistory(ATHLETE, { count: 450, endDate: END });
  const localDay = (a: (typeof history)[number]) => Math.floor((a.startMs + a.utcOffset * 1000) / DAY);
  const easy = history.filter((a) => a.plan.sport === 'Run' && (a.plan.workout === 'easy' || a.plan.workout === 'recovery'));

  it('moves an easy run’s heart rate with the night before (6 bpm an hour around 7 h) at the same pace, and touches nothing else', () => {
    const offset = (a: (typeof history)[number]) =>
      Math.round(Math.min(12, Math.max(-6, (HR_BPM_PER_HOUR * (PIVOT_NIGHT_S - nightSleepS(ATHLETE, localDay(a)))) / 3600))) || 0;
    expect(easy.length).toBeGreaterThan(80); // enough easy runs in the history to find it
    for (const a of history) expect(a.plan.hrOffset ?? 0, a.name).toBe(easy.includes(a) ? offset(a) : 0);
    // The same run without the plant: same pace, the heart moved by the planted offset (±0.5 bpm of rounding).
    for (const a of easy.filter((x) => Math.abs(offset(x)) >= 3).slice(0, 12)) {
      const without = { ...a.plan, hrOffset: undefined };
      const base = summarize(without, buildStreams(a.seed, without, { latlng: false }));
      expect(base.averageSpeed).toBe(a.stats.averageSpeed);
      expect(Math.abs(a.stats.averageHeartrate! - base.averageHeartrate! - offset(a))).toBeLessThan(1);
    }
  });

  it('lets weight drift down 2.5 kg over the year under the day-to-day noise; sleep, HRV and resting HR stay noise', () => {
    const year = wellnessYear(ATHLETE, localDayOf(ATHLETE, END));
    const kg = (days: typeof year) => {
      const w = days.flatMap((d) => (d.weighIn ? [d.weighIn.grams / 1000] : []));
      return w.reduce((s, x) => s + x, 0) / w.length;
    };
    const drop = kg(year.slice(0, 91)) - kg(year.slice(-91));
    expect(drop).toBeGreaterThan(WEIGHT_DRIFT_KG_PER_YEAR * 0.6);
    expect(drop).toBeLessThan(WEIGHT_DRIFT_KG_PER_YEAR * 0.9);
    const mean = (f: (d: (typeof year)[number]) => number | undefined, days: typeof year) => {
      const xs = days.flatMap((d) => (f(d) === undefined ? [] : [f(d)!]));
      return xs.reduce((s, x) => s + x, 0) / xs.length;
    };
    for (const f of [
      (d: (typeof year)[number]) => d.night?.sleepS,
      (d: (typeof year)[number]) => d.night?.hrv,
      (d: (typeof year)[number]) => d.restingHr,
    ]) {
      const [first, last] = [mean(f, year.slice(0, 182)), mean(f, year.slice(-182))];
      expect(Math.abs(first - last) / first).toBeLessThan(0.03);
    }
  });
});

describe('the demo’s wellness files', () => {
  const before = new Date('2026-10-18T00:00:00Z');

  it('are laid out as the import reads them: every file recognised, every record of it taken', () => {
    const files = wellnessFiles(ATHLETE, before);
    const counts = wellnessCounts(ATHLETE, before);
    const read: Record<WellnessKind, number> = { daily: 0, sleep: 0, hrv: 0, weight: 0, vo2max: 0 };
    const days = new Set<string>();
    for (const [name, bytes] of Object.entries(files)) {
      const kind = wellnessKindOf(name);
      expect(kind, name).toBeDefined();
      for (const raw of JSON.parse(new TextDecoder().decode(bytes as Uint8Array)) as unknown[]) {
        const rec = wellnessRecord(kind!, raw);
        if (rec === 'not_a_record') continue; // userBioMetrics' profile row
        expect(typeof rec, `${name}: ${String(rec)}`).toBe('object');
        if (typeof rec === 'object') {
          read[kind!] += 1;
          days.add(rec.day);
        }
      }
    }
    expect(counts.days).toBe(365);
    expect(read).toEqual({ daily: 365, sleep: counts.nights, hrv: counts.nights, weight: counts.weighIns, vo2max: counts.vo2max });
    expect(counts.nights).toBeGreaterThan(340);
    expect(counts.weighIns).toBeGreaterThan(80);
    // The year ends the day before the files' cut.
    expect([...days].sort().at(-1)).toBe('2026-10-17');
  });

  it('are the same bytes for the same arguments', () => {
    const zip = () => zipSync(wellnessFiles(ATHLETE, before), { mtime: before });
    expect(zip()).toEqual(zip());
  });
});
