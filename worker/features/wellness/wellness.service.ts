// The athlete's day: check-ins written, the day's record merged from every source (a check-in wins per field),
// and readiness against their own normal range. Health data: nothing here is ever logged.
import type { Db } from '../../db/client';
import type { DataUse } from '../../lib/access-vocabulary';
import type { Clock } from '../../lib/clock';
import { addDays, daysBetween, todayIn } from '../../lib/dates';
import { AppError, ErrorCode, hasChanges, nothingToUpdate } from '../../lib/errors';
import { BASELINE_DAYS, hrvReadiness, type MetricReadiness, restingHrReadiness } from './readiness.calc';
import * as repo from './wellness.repo';
import {
  type FieldKey,
  isTextField,
  KG_PER_LB,
  NUMERIC_FIELDS,
  type NumericFieldKey,
  PRECEDENCE,
  type WellnessSource,
} from './wellness.fields';
import { wellnessSourcesFor } from './wellness.policy';
import { CheckInBody, type WellnessDay } from './wellness.schema';

/**
 * One summary from a device or a file, as its importer read it (stored units: seconds, kg, bpm, ms). The
 * external id is the provider's own (Garmin's summaryId, Polar's night, a file's message): sent again, it
 * replaces what it wrote.
 */
export interface DeviceRecord {
  externalId: string;
  /** The athlete's local day it counts on (a sleep on the day it ends). */
  day: string;
  values: Partial<Record<NumericFieldKey, number>>;
  /** Only fills fields no other summary of the source gave that day (Garmin's stress details under its dailies). */
  fallback?: boolean;
}

/** Told after readings change (the N=1 engine updates what they touch). */
export type WellnessChanged = (userId: string, days: readonly string[]) => Promise<void>;

export interface WellnessAthlete {
  id: string;
  units: 'km' | 'mi';
  timeZone: string;
}

/** A range read at once: a year of days. */
export const MAX_RANGE_DAYS = 366;

const invalid = (path: string, message: string) => new AppError(ErrorCode.VALIDATION, message, { fields: [{ path, message }] });

/** The check-in's body as stored readings (SI units) and the fields it clears. */
export function toReadings(body: CheckInBody, units: 'km' | 'mi'): { writes: repo.ReadingWrite[]; clears: FieldKey[] } {
  const writes: repo.ReadingWrite[] = [];
  const clears: FieldKey[] = [];
  const put = (field: FieldKey, v: number | string | null | undefined) => {
    if (v === undefined) return;
    if (v === null || v === '') clears.push(field);
    else if (typeof v === 'string') writes.push({ field, value: null, textValue: v });
    else writes.push({ field, value: v, textValue: null });
  };
  put('sleepS', body.sleepHours == null ? body.sleepHours : Math.round(body.sleepHours * 3600));
  for (const k of ['sleepQuality', 'soreness', 'fatigue', 'stress', 'mood', 'motivation', 'restingHr', 'hrvRmssd', 'bodyFatPct'] as const)
    put(k, body[k]);
  put('injury', body.injury == null ? body.injury : body.injury ? 1 : 0);
  put('injuryWhere', body.injuryWhere);
  put('note', body.note);
  if (body.weight != null) {
    const kg = units === 'mi' ? body.weight * KG_PER_LB : body.weight;
    const { min, max } = NUMERIC_FIELDS.weightKg;
    if (kg < min || kg > max) {
      const [lo, hi] = units === 'mi' ? [Math.ceil(min / KG_PER_LB), Math.floor(max / KG_PER_LB)] : [min, max];
      throw invalid('weight', `Between ${lo} and ${hi} ${units === 'mi' ? 'lb' : 'kg'}`);
    }
    writes.push({ field: 'weightKg', value: Math.round(kg * 100) / 100, textValue: null });
  } else put('weightKg', body.weight);
  return { writes, clears };
}

/** A stored reading as the athlete reads it: hours, their weight unit, a yes/no. */
function shown(field: FieldKey, r: repo.ReadingRow, units: 'km' | 'mi'): number | string | boolean {
  if (isTextField(field)) return r.textValue ?? '';
  const v = r.value ?? 0;
  if (field === 'sleepS') return Math.round((v / 3600) * 100) / 100;
  if (field === 'weightKg') return units === 'mi' ? Math.round((v / KG_PER_LB) * 10) / 10 : v;
  if (field === 'injury') return v === 1;
  return v;
}

/** The API's name of a stored field. */
const apiName = (f: FieldKey): string => (f === 'sleepS' ? 'sleepHours' : f === 'weightKg' ? 'weight' : f);

/** One record per day: for each field the value of the first source in PRECEDENCE, the others listed. */
export function mergeDays(rows: readonly repo.ReadingRow[], units: 'km' | 'mi'): WellnessDay[] {
  const byDay = new Map<string, Map<FieldKey, repo.ReadingRow[]>>();
  for (const r of rows) {
    const fields = byDay.get(r.day) ?? new Map<FieldKey, repo.ReadingRow[]>();
    fields.set(r.field, [...(fields.get(r.field) ?? []), r]);
    byDay.set(r.day, fields);
  }
  const rank = (s: WellnessSource) => PRECEDENCE.indexOf(s);
  return [...byDay].map(([day, fields]) => ({
    day,
    fields: Object.fromEntries(
      [...fields].map(([field, list]) => {
        const [first, ...rest] = [...list].sort((a, b) => rank(a.source) - rank(b.source));
        return [
          apiName(field),
          {
            value: shown(field, first!, units),
            source: first!.source,
            others: rest.map((r) => ({ source: r.source, value: shown(field, r, units) })),
          },
        ];
      }),
    ),
  }));
}

/** A device's values kept: inside the field's range, rounded as stored; anything else is dropped and counted. */
export function deviceWrites(values: DeviceRecord['values']): { writes: repo.ReadingWrite[]; rejected: NumericFieldKey[] } {
  const writes: repo.ReadingWrite[] = [];
  const rejected: NumericFieldKey[] = [];
  for (const [k, v] of Object.entries(values) as [NumericFieldKey, number | undefined][]) {
    if (v === undefined || v === null) continue;
    const { min, max } = NUMERIC_FIELDS[k];
    if (!Number.isFinite(v) || v < min || v > max) rejected.push(k);
    else writes.push({ field: k, value: Math.round(v * 100) / 100, textValue: null });
  }
  return { writes, rejected };
}

export function createWellnessService(deps: { db: Db; clock: Clock; changed?: WellnessChanged }) {
  const today = (a: WellnessAthlete) => todayIn(a.timeZone, deps.clock.now());

  /** The days as `use` may read them: only the sources the wellness policy lets feed it (the owner: all). */
  async function days(a: WellnessAthlete, from: string, to: string, use: DataUse = 'owner') {
    if (from > to) throw invalid('from', 'from must be on or before to');
    if (daysBetween(from, to) >= MAX_RANGE_DAYS) throw invalid('to', `Ask for at most ${MAX_RANGE_DAYS} days at once`);
    const allowed = new Set(wellnessSourcesFor(use));
    const rows = (await repo.readingsBetween(deps.db, a.id, from, to)).filter((r) => allowed.has(r.source));
    return { units: a.units, weightUnit: a.units === 'mi' ? ('lb' as const) : ('kg' as const), days: mergeDays(rows, a.units) };
  }

  return {
    days,

    /** Writes the athlete's check-in for a day (today or before); fields sent null are cleared. */
    async checkIn(a: WellnessAthlete, day: string, body: CheckInBody): Promise<WellnessDay> {
      if (day > today(a)) throw invalid('day', 'A check-in is for today or a day before');
      if (day < '1900-01-01') throw invalid('day', 'That day is too long ago');
      if (!hasChanges(body)) throw nothingToUpdate(Object.keys(CheckInBody.shape));
      const { writes, clears } = toReadings(body, a.units);
      await repo.putDay(deps.db, a.id, day, 'checkin', writes, clears, deps.clock.now());
      await deps.changed?.(a.id, [day]);
      const [merged] = (await days(a, day, day)).days;
      return merged ?? { day, fields: {} };
    },

    /**
     * A device's or a file's summaries, each replacing what the same external id wrote before (idempotent: a
     * re-sent or re-imported summary never duplicates a day). Out-of-range values are dropped and counted.
     */
    async recordDevice(
      userId: string,
      source: Exclude<WellnessSource, 'checkin'>,
      records: readonly DeviceRecord[],
    ): Promise<{ records: number; days: string[]; rejected: { externalId: string; fields: NumericFieldKey[] }[] }> {
      const touched = new Set<string>();
      const rejected: { externalId: string; fields: NumericFieldKey[] }[] = [];
      const batch = records.map((r) => {
        const { writes, rejected: bad } = deviceWrites(r.values);
        if (bad.length > 0) rejected.push({ externalId: r.externalId, fields: bad });
        return { externalId: r.externalId, day: r.day, writes, fallback: r.fallback };
      });
      await deps.db.transaction(async (tx) => {
        for (const d of await repo.replaceExternals(tx, userId, source, batch, deps.clock.now())) touched.add(d);
      });
      const days = [...touched].sort();
      if (days.length > 0) await deps.changed?.(userId, days);
      return { records: records.length, days, rejected };
    },

    /**
     * The external ids of `records` stored already exactly as given (same day, same values after the range
     * check): a re-imported file's summaries, which the importer reports as "already had" and does not write again.
     */
    async unchangedDevice(
      userId: string,
      source: Exclude<WellnessSource, 'checkin'>,
      records: readonly DeviceRecord[],
    ): Promise<Set<string>> {
      const stored = new Map<string, Map<string, number | null>>();
      const days = new Map<string, Set<string>>();
      for (const r of await repo.readingsByExternal(
        deps.db,
        userId,
        source,
        records.map((r) => r.externalId),
      )) {
        if (!stored.has(r.externalId)) stored.set(r.externalId, new Map());
        stored.get(r.externalId)?.set(r.field, r.value);
        if (!days.has(r.externalId)) days.set(r.externalId, new Set());
        days.get(r.externalId)?.add(r.day);
      }
      const same = new Set<string>();
      for (const r of records) {
        const was = stored.get(r.externalId);
        const { writes } = deviceWrites(r.values);
        const onDay = days.get(r.externalId);
        if (!was || onDay?.size !== 1 || !onDay.has(r.day) || was.size !== writes.length) continue;
        if (writes.every((w) => was.get(w.field) === w.value)) same.add(r.externalId);
      }
      return same;
    },

    /** Deletes every reading a source wrote for the athlete (its consent withdrawn); returns how many days it touched. */
    async removeSource(userId: string, source: Exclude<WellnessSource, 'checkin'>): Promise<number> {
      const days = await repo.removeSource(deps.db, userId, source);
      if (days.length > 0) await deps.changed?.(userId, days);
      return days.length;
    },

    /** HRV and resting HR this week against the athlete's own 60-day normal range, one source at a time. */
    async readiness(
      a: WellnessAthlete,
      use: DataUse = 'owner',
    ): Promise<{ asOf: string; hrv: MetricReadiness; restingHr: MetricReadiness }> {
      const to = today(a);
      const from = addDays(to, -(BASELINE_DAYS - 1));
      const allowed = new Set(wellnessSourcesFor(use));
      const series = async (field: NumericFieldKey) =>
        (await repo.fieldSeries(deps.db, a.id, field, from, to)).flatMap((r) =>
          r.value === null || !allowed.has(r.source) ? [] : [{ day: r.day, value: r.value, source: r.source }],
        );
      const [hrv, rhr] = await Promise.all([series('hrvRmssd'), series('restingHr')]);
      return { asOf: to, hrv: hrvReadiness(hrv, to), restingHr: restingHrReadiness(rhr, to) };
    },

    /**
     * The last `days` mornings, oldest first, as an adaptive plan reads them (issue 58): true when HRV was below
     * the athlete's normal range or resting HR above it, false when within, null when neither had a verdict.
     */
    async lowMornings(a: WellnessAthlete, days: number): Promise<(boolean | null)[]> {
      const to = today(a);
      const from = addDays(to, -(BASELINE_DAYS + days - 1));
      const series = async (field: NumericFieldKey) =>
        (await repo.fieldSeries(deps.db, a.id, field, from, to)).flatMap((r) =>
          r.value === null ? [] : [{ day: r.day, value: r.value, source: r.source }],
        );
      const [hrv, rhr] = await Promise.all([series('hrvRmssd'), series('restingHr')]);
      return Array.from({ length: days }, (_, i) => {
        const day = addDays(to, i - days + 1);
        const h = hrvReadiness(hrv, day);
        const r = restingHrReadiness(rhr, day);
        const judged = [h.status === 'below', r.status === 'above'];
        const any = [h, r].some((m) => m.status === 'within' || m.status === 'below' || m.status === 'above');
        return any ? judged.some(Boolean) : null;
      });
    },
  };
}

export type WellnessService = ReturnType<typeof createWellnessService>;
