// The activities list's API (ADR 064): search and filters, sort by any column with paging, bulk edits
// (sport, tags, hide, delete) with Undo, and tenancy: another athlete's ids answer 404 and change nothing.
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activities, activityBulkEdits, activityNotes, trainingDays } from '../../db/schema';
import { analyticsWorld } from '../../testing/analytics';
import { buildActivity } from '../../testing/factories/activity';
import type { ErrorBody } from '../../testing/bodies';
import { expectErrorShape, Harness } from '../../testing/harness';
import { UNDO_WINDOW_MS } from './activities-list.service';

interface Listed {
  id: string;
  name: string;
  sport: string;
  tags: string[];
  hidden: boolean;
  distanceM: number;
  load: number | null;
  device: string | null;
}
interface Search {
  activities: Listed[];
  total: number;
  devices: string[];
  tags: string[];
}
const day = (d: number) => new Date(Date.UTC(2026, 5, d, 7));

async function world() {
  const h = Harness.init();
  const me = await h.signup();
  const other = await h.signup();
  const w = analyticsWorld(h.db);
  const add = (o: Parameters<typeof buildActivity>[0]) => w.activities.ingest(me.user.id, buildActivity(o));
  const a = await add({ name: 'Hill repeats', sport: 'run', startTime: day(1), distanceM: 8000, source: 'fit_upload' });
  const b = await add({
    name: 'Long ride',
    sport: 'ride',
    sportOriginal: 'Ride',
    startTime: day(2),
    distanceM: 80_000,
    movingTimeS: 10_800,
    elapsedTimeS: 11_000,
  });
  const c = await add({
    name: 'Easy spin',
    sport: 'ride',
    sportOriginal: 'Ride',
    startTime: day(3),
    distanceM: 30_000,
    source: 'garmin_api',
    extras: { device: 'Edge 540' },
    avgHr: null,
  });
  const theirs = await w.activities.ingest(other.user.id, buildActivity({ name: 'Hill repeats too', startTime: day(1) }));
  await h.db.insert(activityNotes).values({ activityId: a.id, userId: me.user.id, note: 'Felt the tempo legs today' });
  const search = async (qs: string) => {
    const r = await h.json<Search>(`/api/v1/activities/search?${qs}`, { cookie: me.cookie });
    expect(r.status).toBe(200);
    return r.body;
  };
  const names = async (qs: string) => (await search(qs)).activities.map((x) => x.name);
  const bulk = (body: unknown, cookie = me.cookie) =>
    h.json<{ editId: string; count: number; undoUntil: string }>('/api/v1/activities/bulk', { method: 'POST', cookie, body });
  const undo = (editId: string, cookie = me.cookie) =>
    h.json<{ restored: number }>(`/api/v1/activities/bulk/${editId}/undo`, { method: 'POST', cookie });
  return { h, me, other, w, a, b, c, theirs, search, names, bulk, undo };
}

describe('activities list API', () => {
  it('searches name and notes, filters by sport, dates, source, device and tags, and sorts any column with paging', async () => {
    const { search, names, bulk, a, b } = await world();
    expect(await names('')).toEqual(['Easy spin', 'Long ride', 'Hill repeats']);
    expect(await names('q=hill')).toEqual(['Hill repeats']);
    expect(await names('q=tempo')).toEqual(['Hill repeats']); // the note
    expect(await names('q=50%25')).toEqual([]); // a LIKE wildcard is a character, not "anything"
    expect(await names('sport=ride')).toEqual(['Easy spin', 'Long ride']);
    expect(await names('sport=run,swim')).toEqual(['Hill repeats']);
    expect(await names('from=2026-06-02&to=2026-06-02')).toEqual(['Long ride']);
    expect(await names('source=garmin_api')).toEqual(['Easy spin']);
    const all = await search('');
    expect(all.devices).toEqual(['Edge 540']);
    expect(await names('device=Edge%20540')).toEqual(['Easy spin']);
    expect((await bulk({ ids: [a.id, b.id], change: { kind: 'addTags', tags: ['race', 'key'] } })).status).toBe(200);
    expect(await names('tag=race')).toEqual(['Long ride', 'Hill repeats']);
    expect((await search('')).tags).toEqual(['key', 'race']);

    expect(await names('sort=distance&dir=asc')).toEqual(['Hill repeats', 'Easy spin', 'Long ride']);
    expect(await names('sort=name&dir=asc')).toEqual(['Easy spin', 'Hill repeats', 'Long ride']);
    expect(await names('sort=time&dir=desc')).toEqual(['Long ride', 'Easy spin', 'Hill repeats']);
    // Missing values sort last both ways.
    expect((await names('sort=hr&dir=asc')).at(-1)).toBe('Easy spin');
    expect((await names('sort=hr&dir=desc')).at(-1)).toBe('Easy spin');
    const byLoad = (await search('sort=load&dir=desc')).activities;
    expect(byLoad.every((x) => x.load !== null)).toBe(true);
    expect(byLoad.map((x) => x.load)).toEqual([...byLoad.map((x) => x.load)].sort((p, q) => q! - p!));
    for (const sort of ['if', 'power', 'elevation', 'date']) expect((await search(`sort=${sort}`)).total).toBe(3);

    const page2 = await search('limit=2&offset=2');
    expect(page2.activities.map((x) => x.name)).toEqual(['Hill repeats']);
    expect(page2.total).toBe(3);
    expect((await search('limit=2&offset=10')).total).toBe(3);
  });

  it('refuses bad filters and bodies with 400', async () => {
    const { h, me, bulk, a } = await world();
    for (const qs of ['sort=pace', 'sport=skiing', 'from=June', 'limit=500', 'tag=a%01b', 'hidden=maybe']) {
      const r = await h.json(`/api/v1/activities/search?${qs}`, { cookie: me.cookie });
      expect(r.status, qs).toBe(400);
      expectErrorShape(r.body, 'VALIDATION');
    }
    for (const body of [
      { ids: [], change: { kind: 'hide' } },
      { ids: ['nope'], change: { kind: 'hide' } },
      { ids: [a.id], change: { kind: 'sport', sport: 'skiing' } },
      { ids: [a.id], change: { kind: 'addTags', tags: ['a,b'] } },
      { ids: [a.id], change: { kind: 'rename' } },
    ])
      expect((await bulk(body)).status).toBe(400);
  });

  it("changes sport and tags, hides, and undoes each; another athlete's id is 404 and changes nothing", async () => {
    const { h, me, other, names, bulk, undo, search, a, b, c, theirs } = await world();
    const sport = await bulk({ ids: [b.id, c.id], change: { kind: 'sport', sport: 'walk' } });
    expect(sport.status).toBe(200);
    expect(sport.body.count).toBe(2);
    expect(new Date(sport.body.undoUntil).getTime() - Date.now()).toBeGreaterThan(UNDO_WINDOW_MS - 60_000);
    expect(await names('sport=walk')).toEqual(['Easy spin', 'Long ride']);
    expect(await h.auditForActions(me.user.id, 'activity.bulk_edit')).toEqual([
      { targetId: sport.body.editId, payload: { kind: 'sport', count: 2, sport: 'walk' } },
    ]);
    expect((await undo(sport.body.editId)).body).toEqual({ restored: 2 });
    expect(await names('sport=ride')).toEqual(['Easy spin', 'Long ride']);
    // Undone once is undone: a second Undo is a conflict, and changes nothing.
    const twice = await undo(sport.body.editId);
    expect(twice.status).toBe(409);
    expectErrorShape(twice.body, 'CONFLICT');

    const tagged = await bulk({ ids: [a.id], change: { kind: 'addTags', tags: ['race'] } });
    const untag = await bulk({ ids: [a.id], change: { kind: 'removeTags', tags: ['race'] } });
    expect(await names('tag=race')).toEqual([]);
    await undo(untag.body.editId);
    expect(await names('tag=race')).toEqual(['Hill repeats']);
    await undo(tagged.body.editId);
    expect(await names('tag=race')).toEqual([]);

    const hide = await bulk({ ids: [a.id], change: { kind: 'hide' } });
    expect(await names('')).toEqual(['Easy spin', 'Long ride']);
    expect(await names('hidden=only')).toEqual(['Hill repeats']);
    await undo(hide.body.editId);
    expect((await search('')).total).toBe(3);

    // Tenancy: one foreign id spoils the whole request; nothing of mine changed either.
    const mixed = await bulk({ ids: [a.id, theirs.id], change: { kind: 'sport', sport: 'swim' } });
    expect(mixed.status).toBe(404);
    expectErrorShape(mixed.body, 'NOT_FOUND');
    const [mine] = await h.db.select({ sport: activities.sport }).from(activities).where(eq(activities.id, a.id));
    const [their] = await h.db.select({ sport: activities.sport }).from(activities).where(eq(activities.id, theirs.id));
    expect([mine?.sport, their?.sport]).toEqual(['run', 'run']);
    // Someone else's edit cannot be undone by me (404, not 409: it is not mine to know about).
    const foreign = await bulk({ ids: [theirs.id], change: { kind: 'hide' } }, other.cookie);
    expect(foreign.status).toBe(200);
    expect((await undo(foreign.body.editId)).status).toBe(404);
    expect((await undo(foreign.body.editId, other.cookie)).status).toBe(200);
    expect((await bulk({ ids: [a.id], change: { kind: 'hide' } }, '')).status).toBe(401);
  });

  it('deletes an effort with every linked copy, out of the list and the loads at once; Undo brings it back; the purge makes it final', async () => {
    const { h, me, w, names, bulk, undo, search, b } = await world();
    // A second recording of the long ride, linked to it.
    await w.activities.ingest(
      me.user.id,
      buildActivity({
        name: 'Long ride (watch)',
        sport: 'ride',
        sportOriginal: 'Ride',
        startTime: day(2),
        distanceM: 80_500,
        movingTimeS: 10_800,
        elapsedTimeS: 11_000,
        source: 'fit_upload',
      }),
    );
    expect(await names('')).toHaveLength(3);
    const countOn = async () =>
      (
        await h.db
          .select({ n: trainingDays.count })
          .from(trainingDays)
          .where(and(eq(trainingDays.userId, me.user.id), eq(trainingDays.day, '2026-06-02')))
      ).reduce((s, r) => s + r.n, 0);
    expect(await countOn()).toBe(1);
    // The athlete's own file is the copy shown; deleting it deletes the effort, the Strava copy with it.
    const shown = (await search('q=long')).activities;
    expect(shown.map((x) => x.name)).toEqual(['Long ride (watch)']);
    const ride = shown[0]!.id;
    expect(ride).not.toBe(b.id);
    const del = await bulk({ ids: [ride], change: { kind: 'delete' } });
    expect(del.body).toMatchObject({ kind: 'delete' });
    expect(del.body.count).toBe(1);
    expect(await names('')).toEqual(['Easy spin', 'Hill repeats']);
    expect(await w.activities.count(me.user.id)).toBe(2);
    expect(await countOn()).toBe(0);
    const rows = await h.db.select({ id: activities.id }).from(activities).where(eq(activities.userId, me.user.id));
    expect(rows).toHaveLength(4); // still stored: restorable
    expect((await undo(del.body.editId)).body.restored).toBe(2);
    expect(await names('')).toHaveLength(3);
    expect(await w.activities.count(me.user.id)).toBe(3);
    expect(await countOn()).toBe(1);

    // The hidden copy cannot be named on its own: it is not in the list.
    expect((await bulk({ ids: [b.id], change: { kind: 'delete' } })).status).toBe(404);
    const again = await bulk({ ids: [ride], change: { kind: 'delete' } });
    // Before the window passes the purge leaves it; after, it is gone for good and Undo says so.
    expect(await w.activities.listing.purgeDue()).toBe(0);
    // The window passes (the rows and the edit aged past it).
    const aged = sql`${UNDO_WINDOW_MS + 60_000} * interval '1 millisecond'`;
    await h.db
      .update(activities)
      .set({ deletedAt: sql`deleted_at - ${aged}` })
      .where(eq(activities.userId, me.user.id));
    await h.db
      .update(activityBulkEdits)
      .set({ createdAt: sql`created_at - ${aged}` })
      .where(eq(activityBulkEdits.userId, me.user.id));
    expect(await w.activities.listing.purgeDue()).toBe(2);
    const left = await h.db
      .select({ id: activities.id })
      .from(activities)
      .where(and(eq(activities.userId, me.user.id)));
    expect(left).toHaveLength(2);
    expect((await undo(again.body.editId)).status).toBe(404);
    expect((await search('')).total).toBe(2);
  });

  it('a run deleted inside its undo window answers 404 like any deleted activity; Undo brings it back (issue 55)', async () => {
    const { h, me, a, bulk, undo } = await world();
    const get = () => h.json<ErrorBody>(`/api/v1/activities/${a.id}`, { cookie: me.cookie });
    expect((await get()).status).toBe(200);
    const del = await bulk({ ids: [a.id], change: { kind: 'delete' } });
    expect(del.status).toBe(200);
    const gone = await get();
    expect(gone.status).toBe(404);
    expectErrorShape(gone.body, 'NOT_FOUND');
    // Nor as a separate effort, nor on the page's read.
    expect((await h.json(`/api/v1/activities/${a.id}/split`, { cookie: me.cookie, method: 'POST' })).status).toBe(404);
    // Every other read of it: its own reads answer 404, the lists and the calendar leave it out.
    const listed = async () => {
      const all = await h.call('/api/v1/activities', { cookie: me.cookie });
      const cal = await h.call('/api/v1/calendar?from=2026-06-01&to=2026-06-07', { cookie: me.cookie });
      expect([all.status, cal.status]).toEqual([200, 200]);
      return [(await all.text()).includes(a.id), (await cal.text()).includes(a.id)];
    };
    expect(await listed()).toEqual([false, false]);
    for (const path of ['streams', 'streams/range?from=0&to=60', 'intervals', 'notes'])
      expect((await h.call(`/api/v1/activities/${a.id}/${path}`, { cookie: me.cookie })).status, path).toBe(404);
    for (const path of ['curve', 'w-balance'])
      expect((await h.call(`/api/v1/analytics/activities/${a.id}/${path}`, { cookie: me.cookie })).status, path).toBe(404);
    expect((await h.call(`/activities/${a.id}`, { cookie: me.cookie })).status).toBe(404);
    expect((await undo(del.body.editId)).status).toBe(200);
    expect((await get()).status).toBe(200);
    expect(await listed()).toEqual([true, true]);
    expect((await h.call(`/api/v1/activities/${a.id}/notes`, { cookie: me.cookie })).status).toBe(200);
    expect((await h.call(`/activities/${a.id}`, { cookie: me.cookie })).status).toBe(200);
  });
});
