import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activities, activityTracks, heatmapBuckets, heatmapTiles } from '../../../db/schema';
import { systemClock } from '../../../lib/clock';
import { Harness } from '../../../testing/harness';
import { createTrackSync } from '../tracks/track-sync';
import { decodeTrack } from '../tracks/track.calc';
import { createHeatmap } from './heatmap.service';
import { bumpVersion, prng, route, storeActivity, storeHistory } from './heatmap.testing';
import { binOf, monthOf } from './periods.calc';
import { decodePalettePng } from './png';
import { pixelOf, project, routePixels, TILE } from './raster.calc';

const LONDON = { lat: 51.5074, lon: -0.1278 };
const PARIS = { lat: 48.8566, lon: 2.3522 };
const END = new Date('2026-11-20T12:00:00Z');

type Filter = { sport?: 'run' | 'ride' | 'walk'; from?: string; to?: string };

/** Syncs the athlete's tracks as the minute cron does, the heatmap listening, until nothing is left to build. */
async function sync(h: Harness, userId: string) {
  const heatmap = createHeatmap({ db: h.db, clock: systemClock });
  const tracks = createTrackSync({ db: h.db, clock: systemClock, listeners: () => [heatmap.listener] });
  const version = await bumpVersion(h.db, userId);
  for (let i = 0; i < 20 && !(await tracks.syncAthlete(userId, version)).done; i++);
  return heatmap;
}

/** The brute force: every stored track in the filter rasterised straight into one tile's grid, once per pixel. */
async function bruteForce(h: Harness, userId: string, z: number, x: number, y: number, f: Filter): Promise<Uint32Array> {
  const grid = new Uint32Array(TILE * TILE);
  const rows = await h.db.select().from(activityTracks).where(eq(activityTracks.userId, userId));
  for (const t of rows) {
    const m = monthOf(t.startTime);
    if ((f.sport && t.sport !== f.sport) || (f.from && m < f.from) || (f.to && m > f.to)) continue;
    for (const k of routePixels(project(decodeTrack(t)), z)) {
      const p = pixelOf(k);
      if (Math.floor(p.x / TILE) === x && Math.floor(p.y / TILE) === y) grid[(p.y % TILE) * TILE + (p.x % TILE)]! += 1;
    }
  }
  return grid;
}

/** Every tile at zoom z any of the athlete's tracks touches. */
async function tilesTouched(h: Harness, userId: string, z: number): Promise<[number, number][]> {
  const seen = new Set<string>();
  for (const t of await h.db.select().from(activityTracks).where(eq(activityTracks.userId, userId)))
    for (const k of routePixels(project(decodeTrack(t)), z)) {
      const p = pixelOf(k);
      seen.add(`${Math.floor(p.x / TILE)}/${Math.floor(p.y / TILE)}`);
    }
  return [...seen].map((s) => s.split('/').map(Number) as [number, number]);
}

const query = (f: Filter) => new URLSearchParams(Object.entries(f).filter(([, v]) => v) as [string, string][]).toString();

async function served(h: Harness, cookie: string, z: number, x: number, y: number, f: Filter = {}) {
  const res = await h.call(`/api/v1/maps/heatmap/${z}/${x}/${y}.png?${query(f)}`, { cookie });
  if (res.status === 204) return { res, indices: new Uint8Array(TILE * TILE) };
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/png');
  return { res, indices: (await decodePalettePng(new Uint8Array(await res.arrayBuffer()))).indices };
}

describe('the personal heatmap', () => {
  it('serves tiles equal to a brute-force rasterisation at every zoom and filter, through the real sync', async () => {
    const h = Harness.init();
    const me = await h.signup();
    await storeHistory(h.db, me.user.id, { count: 36, years: 4, end: END, home: LONDON, seed: 57 });
    const heatmap = await sync(h, me.user.id);

    const filters: Filter[] = [{}, { sport: 'ride' }, { from: '2024-01', to: '2024-12' }, { from: '2023-05', to: '2025-02', sport: 'run' }];
    const rand = prng(7);
    let compared = 0;
    for (const z of [4, 9, 12, 14]) {
      const tiles = await tilesTouched(h, me.user.id, z);
      // Every tile at the coarse zooms; a dozen drawn at random from the fine ones.
      const sample = tiles.length <= 12 ? tiles : Array.from({ length: 12 }, () => tiles[Math.floor(rand() * tiles.length)]!);
      for (const [x, y] of sample)
        for (const f of filters) {
          const expected = await bruteForce(h, me.user.id, z, x, y, f);
          expect(await heatmap.counts(me.user.id, { z, x, y, ...f })).toEqual(expected);
          const { indices } = await served(h, me.cookie, z, x, y, f);
          expect(indices).toEqual(Uint8Array.from(expected, binOf));
          compared++;
        }
    }
    expect(compared).toBeGreaterThan(100);

    const summary = await h.json<{ activities: number; sports: { sport: string }[]; bbox: { minLat: number } | null }>(
      '/api/v1/maps/heatmap/summary',
      { cookie: me.cookie },
    );
    expect(summary.status).toBe(200);
    expect(summary.body.activities).toBe(36);
    expect(summary.body.bbox!.minLat).toBeGreaterThan(51.3);
  });

  it('takes a deleted activity back out, answers 304 until something changes, and repairs a lost bucket', async () => {
    const h = Harness.init();
    const me = await h.signup();
    await storeHistory(h.db, me.user.id, { count: 6, years: 1, end: END, home: LONDON, seed: 3, sports: ['run'] });
    const trip = await storeActivity(h.db, me.user.id, 'run', new Date('2026-06-14T08:00:00Z'), route(prng(9), PARIS, 'run', 5));
    const heatmap = await sync(h, me.user.id);
    const [paris] = await h.db.select().from(activityTracks).where(eq(activityTracks.activityId, trip));
    const p = pixelOf([...routePixels(project(decodeTrack(paris!)), 12)][0]!);
    const [x, y] = [Math.floor(p.x / TILE), Math.floor(p.y / TILE)];

    const first = await served(h, me.cookie, 12, x, y);
    expect(first.indices.some((i) => i > 0)).toBe(true);
    const etag = first.res.headers.get('etag')!;
    expect(first.res.headers.get('cache-control')).toContain('private');
    const again = await h.call(`/api/v1/maps/heatmap/12/${x}/${y}.png`, { cookie: me.cookie, headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);

    // A lost bucket (as if a notification never came): the repair pass finds it by fingerprint and draws it again.
    await h.db.delete(heatmapTiles).where(and(eq(heatmapTiles.userId, me.user.id), eq(heatmapTiles.period, '2026-06')));
    await h.db.update(heatmapBuckets).set({ fingerprint: 'lost' }).where(eq(heatmapBuckets.userId, me.user.id));
    expect((await heatmap.refresh(me.user.id)).rebuilt).toBeGreaterThan(0);
    expect((await served(h, me.cookie, 12, x, y)).indices).toEqual(first.indices);

    // The trash, then the sync: the trip's tile is empty again and its ETag moved on.
    await h.db.update(activities).set({ deletedAt: new Date() }).where(eq(activities.id, trip));
    await sync(h, me.user.id);
    const after = await h.call(`/api/v1/maps/heatmap/12/${x}/${y}.png`, { cookie: me.cookie, headers: { 'if-none-match': etag } });
    expect(after.status).toBe(204);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(await heatmap.counts(me.user.id, { z: 12, x, y })).toEqual(await bruteForce(h, me.user.id, 12, x, y, {}));
    expect((await h.json<{ activities: number }>('/api/v1/maps/heatmap/summary', { cookie: me.cookie })).body.activities).toBe(6);
  });

  it('never shows one athlete’s routes to another: my tile URL with their session draws only theirs', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const them = await h.signup();
    await storeHistory(h.db, me.user.id, { count: 4, years: 1, end: END, home: PARIS, seed: 11, sports: ['run'] });
    await storeHistory(h.db, them.user.id, { count: 3, years: 1, end: END, home: LONDON, seed: 12, sports: ['ride'] });
    await sync(h, me.user.id);
    await sync(h, them.user.id);
    const mine = await tilesTouched(h, me.user.id, 10);
    for (const [x, y] of mine) {
      expect((await served(h, me.cookie, 10, x, y)).indices.some((i) => i > 0)).toBe(true);
      expect((await h.call(`/api/v1/maps/heatmap/10/${x}/${y}.png`, { cookie: them.cookie })).status).toBe(204);
    }
    const theirs = (
      await h.json<{ activities: number; sports: { sport: string }[] }>('/api/v1/maps/heatmap/summary', { cookie: them.cookie })
    ).body;
    expect(theirs).toMatchObject({ activities: 3, sports: [{ sport: 'ride', activities: 3 }] });
    expect((await h.call(`/api/v1/maps/heatmap/10/${mine[0]![0]}/${mine[0]![1]}.png`)).status).toBe(401);
  });

  it('a refresh out of time leaves the rest to the repair pass, which finishes it', async () => {
    const h = Harness.init();
    const me = await h.signup();
    await storeHistory(h.db, me.user.id, { count: 4, years: 1, end: END, home: LONDON, seed: 21, sports: ['run'] });
    // The tracks built with nobody listening (as for a history from before the heatmap).
    const tracks = createTrackSync({ db: h.db, clock: systemClock, listeners: () => [] });
    await tracks.syncAthlete(me.user.id, await bumpVersion(h.db, me.user.id));
    const heatmap = createHeatmap({ db: h.db, clock: systemClock });
    const out = await heatmap.refresh(me.user.id, -1);
    expect(out).toMatchObject({ rebuilt: 0 });
    expect(out.left).toBeGreaterThan(2);
    const summary = () => h.json<{ activities: number }>('/api/v1/maps/heatmap/summary', { cookie: me.cookie });
    expect((await summary()).body.activities).toBe(0);
    // Other tests' athletes may be due too: run the minute's pass until this one is drawn, as the cron would.
    for (let i = 0; i < 20 && (await summary()).body.activities === 0; i++) await heatmap.repair(5);
    expect((await summary()).body.activities).toBe(4);
    expect((await heatmap.refresh(me.user.id)).rebuilt).toBe(0);
  });

  it('refuses a tile outside the grid and a range that ends before it starts', async () => {
    const h = Harness.init();
    const me = await h.signup();
    expect((await h.call('/api/v1/maps/heatmap/15/0/0.png', { cookie: me.cookie })).status).toBe(400);
    expect((await h.call('/api/v1/maps/heatmap/2/4/0.png', { cookie: me.cookie })).status).toBe(400);
    expect((await h.call('/api/v1/maps/heatmap/2/1/1.png?from=2026-05&to=2026-01', { cookie: me.cookie })).status).toBe(400);
    const empty = await h.json<{ activities: number; bbox: null }>('/api/v1/maps/heatmap/summary', { cookie: me.cookie });
    expect(empty.body).toMatchObject({ activities: 0, bbox: null, first: null });
    expect((await h.call('/api/v1/maps/heatmap/2/1/1.png', { cookie: me.cookie })).status).toBe(204);
  });
});
