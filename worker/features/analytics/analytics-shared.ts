// What the read models share: who the numbers are for, receipts, and a context built once per request
// (today in the athlete's zone, the sources a data use allows, age grading and the answer cache).

import type { Db, HttpDb } from '../../db/client';
import type { StatementExecutor } from '../../db/executor';
import type { Clock } from '../../lib/clock';
import { todayIn } from '../../lib/dates';
import type { JsonCache } from '../../lib/json-cache';
import { type ActivitySource, type DataUse, fixedPolicy, type PolicyRef } from '../activities';
import type { ReceiptRow } from './analytics-shared.repo';
import type { Receipt, Units } from './analytics.types';
import type { EffortRow } from './bests.repo';
import { ageGrade, ageOn } from './calc/age-grade';

/** Who the numbers are for: the athlete's own settings decide units, calendar and age grading. */
export interface Athlete {
  id: string;
  units: Units;
  timeZone: string;
  birthDate: string | null;
  sex: 'female' | 'male' | null;
  /** users.analytics_version: bumped by every change to the athlete's training data. */
  version: number;
}

export const athleteOf = (u: Omit<Athlete, 'version'> & { analyticsVersion: number }): Athlete => ({
  id: u.id,
  units: u.units,
  timeZone: u.timeZone,
  birthDate: u.birthDate,
  sex: u.sex,
  version: u.analyticsVersion,
});

/** Cached answers expire after a day even if nothing changed (the key also holds the athlete's date). */
const CACHE_TTL_S = 86_400;

export const RUN_DISTANCE_LABELS: Record<number, string> = {
  400: '400 m',
  1000: '1 km',
  1609: '1 mile',
  5000: '5 km',
  10000: '10 km',
  21098: 'Half marathon',
  42195: 'Marathon',
};

export const receiptOf = (r: ReceiptRow, values: Receipt['values'] = {}): Receipt => ({
  activityId: r.id,
  date: r.date,
  name: r.name,
  sport: r.sport,
  distanceM: r.distanceM,
  movingTimeS: r.movingTimeS,
  values: { load: r.load === null ? null : Math.round(r.load), ...values },
});

export const effortReceipt = (e: EffortRow, values: Receipt['values']): Receipt => ({
  activityId: e.activityId,
  date: e.date,
  name: e.name,
  sport: e.sport,
  distanceM: e.distanceM,
  movingTimeS: e.movingTimeS,
  values,
});

/**
 * `policy`: the unit of work's data policy; absent, the default mode (tests and tools without the flag).
 * `readDb`: single statements over HTTP (the worker's), where every read here runs: these are reads only, each one
 * statement, and several go out side by side, which on a request's fresh pool would each open a connection of
 * their own (a WebSocket, a startup and a first answer before the query); absent, `db`.
 */
export type ReadDeps = { db: Db; clock: Clock; cache?: JsonCache | null; policy?: PolicyRef; readDb?: HttpDb };

export function createReadContext(deps: ReadDeps) {
  const today = (a: Athlete) => todayIn(a.timeZone, deps.clock.now());
  const policy = deps.policy ?? fixedPolicy();
  return {
    policy,
    db: (deps.readDb ?? deps.db) as StatementExecutor,
    today,
    sourcesFor: async (use: DataUse): Promise<ActivitySource[]> => (await policy()).sourcesFor(use),

    gradeFor(a: Athlete, distanceM: number, timeS: number, date: string): number | null {
      if (!a.birthDate || !a.sex) return null;
      const g = ageGrade({ sex: a.sex, age: ageOn(a.birthDate, date), distanceM, timeS });
      return g ? Math.round(g.percent * 10) / 10 : null;
    },

    /**
     * Answers keyed by everything they depend on: the athlete's data version, settings and today's date.
     * Any write to their activities or thresholds bumps the version, so a stale answer is never served.
     */
    async cached<T>(name: string, a: Athlete, params: Record<string, string | number>, compute: () => Promise<T>): Promise<T> {
      if (!deps.cache) return compute();
      const q = new URLSearchParams({
        ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
        u: a.units,
        tz: a.timeZone,
        b: a.birthDate ?? '',
        s: a.sex ?? '',
        d: today(a),
        // The same figures differ by mode (strict leaves Strava's API rows out).
        m: (await policy()).mode,
      });
      const key = `analytics/${a.id}/${a.version}/${name}?${q}`;
      const hit = await deps.cache.get<T>(key);
      if (hit !== undefined) return hit;
      const value = await compute();
      await deps.cache.put(key, value, CACHE_TTL_S);
      return value;
    },
  };
}

export type ReadContext = ReturnType<typeof createReadContext>;
