// The personal heatmap (issue 57, ADR 100): buckets kept in step with the tracks by fingerprint, tiles drawn from
// them, and the summary the page fits its map to. Only ever one athlete's own rows: the viewer's id is every key.
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import type { Sport } from '../../activities';
import type { TrackListener } from '../tracks/track-sync';
import { decodeTrack } from '../tracks/track.calc';
import { type Bucket, createHeatmapRepo, type TileRow } from './heatmap.repo';
import { binOf, periodsFor, RAMP } from './periods.calc';
import { encodePalettePng } from './png';
import { addEncoded, encodePixels, rasterise, sumTiles, TILE, type ZoomTiles } from './raster.calc';

/** Raised when the rasterisation or the stored form changes: every bucket's fingerprint differs, so all rebuild. */
export const BUILD_VERSION = 'h1';
/**
 * Wall time after which a refresh starts no new bucket: a cron invocation's 30 s of CPU is shared by every job of
 * the tick, and a month of a 10-year history takes well under a second (ADR 100's figures), so 5 s leaves room.
 */
const BUDGET_MS = 5_000;

export interface TileQuery {
  z: number;
  x: number;
  y: number;
  sport?: Sport | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export type TileAnswer = { etag: string; png: Uint8Array | null };
type Chosen = Pick<Bucket, 'sport' | 'period' | 'fingerprint'>;

const key = (b: { sport: string; period: string }) => `${b.sport}|${b.period}`;

function tileRows(tiles: Map<number, ZoomTiles>): TileRow[] {
  const out: TileRow[] = [];
  for (const [z, zoom] of tiles)
    for (const [xy, counts] of zoom) {
      const [x, y] = xy.split('/').map(Number) as [number, number];
      out.push({ z, x, y, pixels: encodePixels(counts) });
    }
  return out;
}

export function createHeatmap(deps: { db: Db; clock: Clock }) {
  const repo = createHeatmapRepo(deps.db);

  /** One month bucket drawn from its tracks, whole: the same tracks give the same rows. */
  async function buildMonth(userId: string, b: Bucket) {
    const tracks = await repo.tracksIn(userId, b.sport, b.period);
    await repo.replace(userId, b, tileRows(rasterise(tracks.map(decodeTrack))));
  }

  /** A year summed from its months' stored tiles, or all time from the years' (each activity is in one month). */
  async function buildSum(userId: string, b: Bucket) {
    const rows = await repo.partsOf(userId, b.sport, b.period);
    const byZoom = new Map<number, { key: string; pixels: Uint8Array }[]>();
    for (const r of rows) byZoom.set(r.z, [...(byZoom.get(r.z) ?? []), { key: `${r.x}/${r.y}`, pixels: r.pixels }]);
    const tiles = new Map<number, ZoomTiles>([...byZoom].map(([z, list]) => [z, sumTiles(list)]));
    await repo.replace(userId, b, tileRows(tiles));
  }

  /**
   * Compares every bucket's fingerprint with its tracks' and rebuilds what differs (months, then the years summed
   * from them, then all time summed from the years), dropping buckets whose tracks are all gone. Robust to any missed notification, deletions included.
   * Stops starting buckets after `budgetMs` (a cron invocation's CPU is shared and bounded): `left` is what the next
   * pass does; a sum waits until all of its parts are fresh, and the athlete is marked checked only when none is left.
   */
  async function refresh(userId: string, budgetMs = BUDGET_MS): Promise<{ rebuilt: number; dropped: number; left: number }> {
    const started = Date.now();
    const wanted = (await repo.wanted(userId)).map((w) => ({ ...w, fingerprint: `${BUILD_VERSION}:${w.fingerprint}` }));
    const have = new Map((await repo.fingerprints(userId)).map((b) => [key(b), b.fingerprint]));
    const wantedKeys = new Set(wanted.map(key));
    let dropped = 0;
    for (const k of have.keys())
      if (!wantedKeys.has(k)) {
        const [sport, period] = k.split('|') as [Sport, string];
        await repo.drop(userId, sport, period);
        dropped++;
      }
    const stale = wanted.filter((w) => have.get(key(w)) !== w.fingerprint);
    const over = () => Date.now() - started > budgetMs;
    // A sum waits for its parts: a year for its months, all time for every year of the sport.
    const waiting = new Set<string>();
    let rebuilt = 0;
    let left = 0;
    for (const level of [7, 4, 3])
      for (const b of stale.filter((w) => w.period.length === level)) {
        if (waiting.has(key(b)) || over()) {
          left++;
          waiting.add(`${b.sport}|${level === 7 ? b.period.slice(0, 4) : 'all'}`);
          if (level === 7) waiting.add(`${b.sport}|all`);
          continue;
        }
        await (level === 7 ? buildMonth(userId, b) : buildSum(userId, b));
        rebuilt++;
      }
    if (left === 0) await repo.markChecked(userId, deps.clock.now());
    return { rebuilt, dropped, left };
  }

  /** The buckets a filter reads, in a stable order: per sport, whole months, a year's sum where all of it is in range. */
  async function choose(userId: string, q: TileQuery): Promise<Chosen[]> {
    const buckets = await repo.fingerprints(userId, q.sport);
    const chosen: Chosen[] = [];
    for (const sport of new Set(buckets.map((b) => b.sport))) {
      const mine = buckets.filter((b) => b.sport === sport);
      const periods = new Set(periodsFor(new Set(mine.map((b) => b.period)), q));
      chosen.push(...mine.filter((b) => periods.has(b.period)));
    }
    return chosen.sort((a, b) => key(a).localeCompare(key(b)));
  }

  async function counts(userId: string, q: TileQuery, chosen?: Chosen[]): Promise<Uint32Array> {
    const buckets = chosen ?? (await choose(userId, q));
    const grid = new Uint32Array(TILE * TILE);
    if (buckets.length === 0) return grid;
    for (const r of await repo.tile(userId, q.z, q.x, q.y, buckets.map(key))) addEncoded(grid, r.pixels);
    return grid;
  }

  return {
    refresh,

    /** Told by the tracks sync after each athlete's change: the fingerprints find what to rebuild. */
    listener: { name: 'heatmap', onTracks: async (userId) => void (await refresh(userId)) } satisfies TrackListener,

    /** The repair pass: athletes synced since last compared (a listener that failed, or history before the heatmap). */
    async repair(limit = 5): Promise<number> {
      const started = Date.now();
      const due = await repo.unchecked(limit);
      for (const { id } of due) {
        const spent = Date.now() - started;
        if (spent > BUDGET_MS) break;
        await refresh(id, BUDGET_MS - spent);
      }
      return due.length;
    },

    /** Each pixel's count in one tile over the buckets chosen (what the PNG colours; the brute-force test reads it). */
    counts,

    /**
     * One tile for its owner: the buckets the range reads (whole months; a year's sum where the range holds it all),
     * an ETag from their fingerprints, and the PNG — null when no route passes through it (the route answers 204).
     */
    async tile(userId: string, q: TileQuery, ifNoneMatch?: (etag: string) => boolean): Promise<TileAnswer | 'unchanged'> {
      const etagOf = async (chosen: Chosen[]) =>
        `"${BUILD_VERSION}-${await digest(chosen.map((b) => `${key(b)}=${b.fingerprint}`).join(';'))}"`;
      let grid: Uint32Array | null = null;
      let etag: string | null = null;
      if (!q.from && !q.to) {
        // All time: one statement when every sport has its sum (the same buckets and ETag as the long way).
        const all = await repo.allTime(userId, q.z, q.x, q.y, q.sport, !ifNoneMatch);
        if (all.length > 0 && all.length === all[0]!.sports) {
          etag = await etagOf(
            all.map((a) => ({ sport: a.sport, period: 'all', fingerprint: a.fingerprint })).sort((a, b) => key(a).localeCompare(key(b))),
          );
          if (ifNoneMatch?.(etag)) return 'unchanged';
          if (!ifNoneMatch) {
            grid = new Uint32Array(TILE * TILE);
            for (const a of all) if (a.pixels) addEncoded(grid, a.pixels as Uint8Array);
          }
        }
      }
      if (!grid) {
        const chosen = await choose(userId, q);
        etag = await etagOf(chosen);
        if (ifNoneMatch?.(etag)) return 'unchanged';
        grid = await counts(userId, q, chosen);
      }
      const indices = new Uint8Array(TILE * TILE);
      let any = false;
      for (let i = 0; i < grid.length; i++)
        if (grid[i]) {
          indices[i] = binOf(grid[i]!);
          any = true;
        }
      return { etag: etag!, png: any ? await encodePalettePng(TILE, TILE, indices, RAMP) : null };
    },

    /** What the page needs before any tile: sports, months and counts, and the box to fit the map to. */
    async summary(userId: string) {
      const months = (await repo.buckets(userId)).filter((b) => b.period.length === 7).sort((a, b) => key(a).localeCompare(key(b)));
      const sports = new Map<Sport, number>();
      for (const m of months) sports.set(m.sport, (sports.get(m.sport) ?? 0) + m.activities);
      const periods = months.map((m) => m.period).sort();
      return {
        activities: months.reduce((n, m) => n + m.activities, 0),
        sources: months.length === 0 ? [] : await repo.sources(userId),
        sports: [...sports].map(([sport, activities]) => ({ sport, activities })).sort((a, b) => b.activities - a.activities),
        months: months.map((m) => ({ month: m.period, sport: m.sport, activities: m.activities })),
        first: periods[0] ?? null,
        last: periods.at(-1) ?? null,
        bbox:
          months.length === 0
            ? null
            : {
                minLat: Math.min(...months.map((m) => m.minLat)),
                minLon: Math.min(...months.map((m) => m.minLon)),
                maxLat: Math.max(...months.map((m) => m.maxLat)),
                maxLon: Math.max(...months.map((m) => m.maxLon)),
              },
      };
    },
  };
}
export type Heatmap = ReturnType<typeof createHeatmap>;

async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return [...bytes.subarray(0, 12)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
