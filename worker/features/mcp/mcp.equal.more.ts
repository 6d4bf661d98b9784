// The MCP = REST mappings of `segments`, `library` and `race_plan` (mcp.equal.map.ts has the first nine tools'): each
// tool's answer worked out from the REST answers it wraps alone. Pure, and Node-runnable as mcp.equal.map.ts is.
import type { ActivitySource } from '../activities';
import type { WorkoutNode, WorkoutTarget } from '../workouts';
import { stepLines, targetWords } from './library.words.ts';
import type { EqualWorld } from './mcp.equal.map.ts';
import { encodeOffset, unavailableFor } from './mcp.plain.ts';

type J = Record<string, any>; // a REST body as JSON: each mapping names the fields it reads
const round = (x: number, dp: number) => Math.round(x * 10 ** dp) / 10 ** dp;
const opt = (v: number | null, dp = 0) => (v === null ? null : round(v, dp));
const FOOT = new Set(['run', 'walk', 'hike']);

/** The activity REST lists under an id, and whether the `ai` use may pass it on (null: not the athlete's). */
const activityOf = (w: EqualWorld, id: string | null) => {
  const a = id ? w.activities.find((x) => x.id === id) : undefined;
  return a ? { ...a, ok: !w.keptFromAi.has(a.source) } : null;
};

/**
 * GET /api/v1/segments/{id} → one segment as the tool states it. REST counts, ranks and PRs every effort (the owner's
 * view); the tool only the `ai`-allowed ones, the rest in `left_out`. REST has no activity time zone: an effort's date
 * is its activity's local date (the tool's `time_zone` is not compared), the same unless it starts past midnight.
 */
export function segmentFrom(d: J, w: EqualWorld) {
  const src = activityOf(w, d.source?.activityId ?? null);
  const kept = src && !src.ok ? unavailableFor(src.source as ActivitySource) : null;
  const efforts = (d.fastest as J[]).map((e) => ({ e, a: activityOf(w, e.receipt.activityId) }));
  const available = efforts.filter((x) => x.a?.ok);
  const counts = new Map<string, number>();
  for (const x of efforts) if (x.a && !x.a.ok) counts.set(x.a.source, (counts.get(x.a.source) ?? 0) + 1);
  const by = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([source, count]) => ({ source, count }));
  const words = by[0] ? unavailableFor(by[0].source as ActivitySource) : null;
  const best = available[0];
  return {
    id: d.id,
    name: d.name,
    sport: d.sport,
    visibility: d.visibility,
    created_utc: new Date(d.createdAt).toISOString(),
    matching: d.matching,
    source_activity_id: d.source?.activityId ?? null,
    distance_m: kept ? null : round(d.distanceM, 1),
    climb_m: kept ? null : opt(d.climbM, 1),
    grade_percent: kept ? null : opt(d.gradePct, 1),
    unavailable: kept,
    effort_count: available.length,
    left_out: { count: by.reduce((s, b) => s + b.count, 0), by_source: by, reason: words?.reason ?? null, fix: words?.fix ?? null },
    pr: best ? { elapsed_time_s: best.e.elapsedS, activity_id: best.e.receipt.activityId, date: best.a!.localStartDate } : null,
  };
}

/** The tool's segment without `time_zone`s REST cannot state (the PR's). */
export const withoutSegmentZone = (s: J | null) => (s ? { ...s, pr: s.pr ? { ...s.pr, time_zone: undefined } : null } : null);

/** GET /api/v1/segments and each listed segment's detail on the page → the list page. */
export function segmentsFrom(list: J, details: J[], from: number, limit: number, w: EqualWorld) {
  return {
    time_zone: w.timeZone,
    segments: details.map((d) => segmentFrom(d, w)),
    segment: null,
    efforts: [],
    next_cursor: from + limit < (list.segments as J[]).length ? encodeOffset(from + limit) : null,
  };
}

/** GET /api/v1/segments/{id} → that segment and a page of its efforts, newest first, ranked among the allowed only. */
export function effortsFrom(d: J, from: number, limit: number, w: EqualWorld) {
  const segment = segmentFrom(d, w);
  const ranked = (d.fastest as J[]).filter((e) => activityOf(w, e.receipt.activityId)?.ok).map((e) => e.id as string);
  const distance = segment.unavailable ? null : (d.distanceM as number);
  const page = (d.newest as J[]).slice(from, from + limit).filter((e) => activityOf(w, e.receipt.activityId));
  const effort = (e: J) => {
    const a = activityOf(w, e.receipt.activityId)!;
    const base = { id: e.id, activity_id: a.id, date: a.localStartDate };
    if (!a.ok) return { ...base, source: a.source, unavailable: unavailableFor(a.source as ActivitySource) };
    const rank = ranked.indexOf(e.id) + 1;
    return {
      ...base,
      activity_name: e.activityName,
      start_utc: new Date(e.startedAt).toISOString(),
      start_offset_s: e.startS,
      elapsed_time_s: e.elapsedS,
      distance_m: distance === null ? null : round(distance, 1),
      pace_s_per_km: distance && FOOT.has(d.sport) && e.elapsedS > 0 ? round(e.elapsedS / (distance / 1000), 1) : null,
      avg_speed_m_per_s: opt(e.avgSpeedMs, 2),
      avg_power_w: opt(e.avgPowerW),
      avg_hr_bpm: opt(e.avgHr),
      rank,
      of: ranked.length,
      pr: rank === 1,
    };
  };
  return {
    time_zone: w.timeZone,
    segments: [],
    segment,
    efforts: page.map(effort),
    next_cursor: from + limit < (d.newest as J[]).length ? encodeOffset(from + limit) : null,
  };
}

/** The tool's efforts page without the `time_zone`s REST cannot state. */
export const withoutEffortZones = (x: J) => ({
  ...x,
  segment: withoutSegmentZone(x.segment),
  segments: (x.segments as J[]).map(withoutSegmentZone),
  efforts: (x.efforts as J[]).map(({ time_zone: _zone, ...e }) => e),
});

/**
 * GET /api/v1/library/workouts(?sport=) → a page of the library: the steps said as the tool says them (library.words.ts,
 * shared: the words are the tool's, the steps REST's). `load_basis` is the tool's statement with no REST counterpart.
 */
export function libraryFrom(body: J, from: number, limit: number, w: EqualWorld) {
  const rows = body.workouts as J[];
  return {
    time_zone: w.timeZone,
    workouts: rows.slice(from, from + limit).map((x) => ({
      id: x.id,
      name: x.title,
      sport: x.sport,
      type: x.type,
      description: (x.description as string).slice(0, 500),
      duration_s: Math.round(x.durationSec),
      distance_m: x.distanceM === null ? null : Math.round(x.distanceM),
      planned_load: x.targetLoad > 0 ? Math.round(x.targetLoad) : null,
      intensity: x.intensity ? targetWords(x.intensity as WorkoutTarget) : null,
      steps: stepLines((x.steps ?? []) as WorkoutNode[]),
      folder: x.folder,
      tags: x.tags,
    })),
    total: rows.length,
    next_cursor: from + limit < rows.length ? encodeOffset(from + limit) : null,
  };
}

export const withoutLoadBasis = (x: J) => ({ ...x, workouts: (x.workouts as J[]).map(({ load_basis: _basis, ...rest }) => rest) });
