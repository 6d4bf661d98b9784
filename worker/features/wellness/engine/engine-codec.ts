// The engine's kept series as stored: columns of numbers by day offset instead of objects keyed by date strings,
// activity ids written once, efforts pointing at their activity — about a quarter of the plain JSON (ADR 070).
// Training (rewritten only when the training changed) and wellness (rewritten by every check-in's patch) are two
// values, so a patch never rewrites the activities. decode(encode(d)) equals d.
import { fromEpochDay, toEpochDay } from '../../../lib/dates';
import type { NumericFieldKey, WellnessSource } from '../wellness.fields';
import type { EngineData, FieldDays } from './engine-data';

/** Field → source → [day offset, value, day offset, value, …] from the window's first day. */
export type StoredWellness = Partial<Record<NumericFieldKey, Partial<Record<WellnessSource, number[]>>>>;

export interface StoredTraining {
  firstTrainingDay: string | null;
  /** [offset, value, …] (loads may lie before the window: negative offsets). */
  load: number[];
  tsb: number[];
  a: {
    id: string[];
    name: string[];
    day: number[];
    sport: string[];
    movingS: number[];
    ef: (number | null)[];
    aboveS: (number | null)[];
    zonedS: (number | null)[];
  };
  /** Efforts by activity index; `outside` holds the activities of efforts not in the list (before the window). */
  e: { at: number[]; day: number[]; distanceM: number[]; timeS: number[]; grade: (number | null)[] };
  outside: { id: string; name: string }[];
}

const flat = (rec: Record<string, number>, base: number) => Object.entries(rec).flatMap(([d, v]) => [toEpochDay(d) - base, v]);
const unflat = (xs: readonly number[], base: number) => {
  const out: Record<string, number> = {};
  for (let i = 0; i < xs.length; i += 2) out[fromEpochDay(base + xs[i]!)] = xs[i + 1]!;
  return out;
};

export function encodeWellness(d: EngineData): StoredWellness {
  const base = toEpochDay(d.from);
  const out: StoredWellness = {};
  for (const [f, days] of Object.entries(d.wellness) as [NumericFieldKey, FieldDays][]) {
    const bySource: Partial<Record<WellnessSource, number[]>> = {};
    for (const [day, values] of Object.entries(days))
      for (const [s, v] of Object.entries(values) as [WellnessSource, number][]) {
        const xs = bySource[s] ?? [];
        xs.push(toEpochDay(day) - base, v);
        bySource[s] = xs;
      }
    out[f] = bySource;
  }
  return out;
}

export function decodeWellness(w: StoredWellness, from: string): EngineData['wellness'] {
  const base = toEpochDay(from);
  const out: EngineData['wellness'] = {};
  for (const [f, bySource] of Object.entries(w) as [NumericFieldKey, Partial<Record<WellnessSource, number[]>>][]) {
    const days: FieldDays = {};
    for (const [s, xs] of Object.entries(bySource) as [WellnessSource, number[]][])
      for (let i = 0; i < xs.length; i += 2) {
        const day = fromEpochDay(base + xs[i]!);
        days[day] = { ...days[day], [s]: xs[i + 1]! };
      }
    if (Object.keys(days).length > 0) out[f] = days;
  }
  return out;
}

export function encodeTraining(d: EngineData): StoredTraining {
  const base = toEpochDay(d.from);
  const index = new Map(d.activities.map((a, i) => [a.id, i]));
  const outside: { id: string; name: string }[] = [];
  const at = d.efforts.map((e) => {
    const i = index.get(e.activityId);
    if (i !== undefined && d.activities[i]!.name === e.name) return i;
    outside.push({ id: e.activityId, name: e.name });
    return -outside.length;
  });
  return {
    firstTrainingDay: d.firstTrainingDay,
    load: flat(d.load, base),
    tsb: flat(d.tsb, base),
    a: {
      id: d.activities.map((a) => a.id),
      name: d.activities.map((a) => a.name),
      day: d.activities.map((a) => toEpochDay(a.day) - base),
      sport: d.activities.map((a) => a.sport),
      movingS: d.activities.map((a) => a.movingS),
      ef: d.activities.map((a) => a.ef),
      aboveS: d.activities.map((a) => a.aboveS),
      zonedS: d.activities.map((a) => a.zonedS),
    },
    e: {
      at,
      day: d.efforts.map((e) => toEpochDay(e.day) - base),
      distanceM: d.efforts.map((e) => e.distanceM),
      timeS: d.efforts.map((e) => e.timeS),
      grade: d.efforts.map((e) => e.ageGradePct),
    },
    outside,
  };
}

export function decodeTraining(
  t: StoredTraining,
  from: string,
): Pick<EngineData, 'firstTrainingDay' | 'load' | 'tsb' | 'activities' | 'efforts'> {
  const base = toEpochDay(from);
  const activities = t.a.id.map((id, i) => ({
    id,
    name: t.a.name[i]!,
    day: fromEpochDay(base + t.a.day[i]!),
    sport: t.a.sport[i]!,
    movingS: t.a.movingS[i]!,
    ef: t.a.ef[i]!,
    aboveS: t.a.aboveS[i]!,
    zonedS: t.a.zonedS[i]!,
  }));
  const efforts = t.e.at.map((at, i) => {
    const who = at >= 0 ? activities[at]! : t.outside[-at - 1]!;
    return {
      activityId: who.id,
      name: who.name,
      day: fromEpochDay(base + t.e.day[i]!),
      distanceM: t.e.distanceM[i]!,
      timeS: t.e.timeS[i]!,
      ageGradePct: t.e.grade[i]!,
    };
  });
  return { firstTrainingDay: t.firstTrainingDay, load: unflat(t.load, base), tsb: unflat(t.tsb, base), activities, efforts };
}

/**
 * The efforts a window needs, and no more: before it only the best at each distance (a PB margin compares with the
 * best before, nothing more); in it, every effort that set a best, and for each activity the effort that gives its
 * age grade and the one that gives its PB margin. outcomesOf gives the same events from these as from all of them.
 */
export function effortsFor(efforts: EngineData['efforts'], from: string): EngineData['efforts'] {
  const keep = new Set<EngineData['efforts'][number]>();
  const sorted = [...efforts].sort((a, b) => a.day.localeCompare(b.day) || a.activityId.localeCompare(b.activityId));
  const best = new Map<number, EngineData['efforts'][number]>();
  const margin = new Map<string, { e: EngineData['efforts'][number]; m: number }>();
  for (const e of sorted) {
    const prev = best.get(e.distanceM);
    if (prev !== undefined && e.day >= from) {
      const m = ((prev.timeS - e.timeS) / prev.timeS) * 100;
      const cur = margin.get(e.activityId);
      if (!cur || m > cur.m) margin.set(e.activityId, { e, m });
    }
    if (prev === undefined || e.timeS < prev.timeS) {
      best.set(e.distanceM, e);
      if (e.day >= from) keep.add(e);
    }
  }
  // The best before the window at each distance: the last record set before it.
  const before = new Map<number, EngineData['efforts'][number]>();
  for (const e of sorted)
    if (e.day < from && (!before.has(e.distanceM) || e.timeS < before.get(e.distanceM)!.timeS)) before.set(e.distanceM, e);
  for (const e of before.values()) keep.add(e);
  for (const { e } of margin.values()) keep.add(e);
  const grade = new Map<string, EngineData['efforts'][number]>();
  for (const e of efforts)
    if (e.ageGradePct !== null && e.day >= from) {
      const cur = grade.get(e.activityId);
      if (!cur || e.ageGradePct > cur.ageGradePct!) grade.set(e.activityId, e);
    }
  for (const e of grade.values()) keep.add(e);
  return efforts.filter((e) => keep.has(e));
}
