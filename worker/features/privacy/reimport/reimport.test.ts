// "Import a Cadence archive": an athlete's export restored into a fresh account equals the original (activities
// and their key fields, loads and daily totals, bests, notes, thresholds, the plan with its workouts and change
// history, settings and preferences, the deleted activities' tombstones; the connected assistant passed over); importing it again changes nothing; a file changed after the export is
// refused with a 400 naming it, before anything is stored.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../db/client';
import { derivedSnapshot } from '../../../testing/analytics';
import { expectErrorShape, Harness } from '../../../testing/harness';
import { reimportFinished, uploadArchive } from './reimport.testing';
import { download, exportReady, richAthlete } from '../export/export.testing';

type View = {
  id: string;
  status: string;
  report: {
    uploads: { restored: number; alreadyThere: number };
    activities: { inArchive: number; fromFiles: number; fromRows: number; alreadyThere: number };
    thresholds: number;
    notes: number;
    plans: { restored: number; workouts: number; changes: number };
  } | null;
  notRestored: { area: string; why: string }[];
  error: string | null;
};

const upload = (h: Harness, cookie: string, zip: Uint8Array) => uploadArchive<View>(h, cookie, zip);

const imported = (h: Harness, cookie: string, zip: Uint8Array) => reimportFinished<View>(h, cookie, zip, 90_000);

/** Everything the round trip must carry over, keyed by what identifies it outside one account (no ids). */
async function snapshot(db: Db, userId: string) {
  const q = async (query: ReturnType<typeof sql>) => (await db.execute(query)).rows;
  const activityKey = sql`(select a.source || ':' || a.external_id from activities a where a.id = x.activity_id)`;
  const derived = await derivedSnapshot(db, userId);
  return {
    user: await q(sql`select display_name, units, time_zone, birth_date::text, sex from users where id = ${userId}`),
    preferences: await q(sql`select email_mode, send_minute, channels, dnd from notification_preferences where user_id = ${userId}`),
    thresholds: await q(
      sql`select kind, value, effective_from::text, source, note from athlete_thresholds where user_id = ${userId} order by kind, source, effective_from`,
    ),
    activities: await q(
      sql`select source, external_id, sport, sport_original, name, start_time, local_start_date::text, moving_time_s, elapsed_time_s,
          round(distance_m::numeric, 3)::text as distance_m, avg_hr, (duplicate_of is not null) as duplicate, detail_complete,
          (select count(*) from activity_streams s where s.activity_id = activities.id) as streams
          from activities where user_id = ${userId} order by source, external_id`,
    ),
    loads: await q(
      sql`select ${activityKey} as activity, round(x.load::numeric, 6)::text as load, x.load_method from activity_metrics x where x.user_id = ${userId} order by 1`,
    ),
    days: derived.days,
    bests: await q(
      sql`select ${activityKey} as activity, x.kind, x.key, x.value, x.excluded_reason from activity_efforts x where x.user_id = ${userId} order by 1, 2, 3`,
    ),
    notes: await q(sql`select ${activityKey} as activity, x.note, x.rpe from activity_notes x where x.user_id = ${userId} order by 1`),
    // Duration curves are rebuilt from the restored streams (ADR 063): the same per activity and per month (ids aside).
    curves: await q(
      sql`select ${activityKey} as activity, x.kind, x.sport, x."values"::text, x.starts::text, x.excluded::text from activity_curves x where x.user_id = ${userId} order by 1, 2`,
    ),
    curveMonths: await q(
      sql`select kind, sport, source, month::text, "values"::text, dates::text, starts::text from curve_months where user_id = ${userId} order by 1, 2, 3, 4`,
    ),
    plans: await q(
      sql`select goal_kind, event_name, status, start_date::text, end_date::text, method, inputs, weeks, rules from plans where user_id = ${userId} order by start_date`,
    ),
    workouts: await q(
      sql`select date::text, sport, type, title, duration_sec, target_load, steps, phase, week, skipped, link_mode, revision, source
          from planned_workouts where user_id = ${userId} order by date, title, duration_sec`,
    ),
    changes: await q(
      sql`select source, action, reason, (actor_id = user_id) as own from plan_changes where user_id = ${userId} order by created_at`,
    ),
    // What the athlete deleted stays deleted in the restored account (ADR 068).
    tombstones: await q(
      sql`select source, external_id, date_trunc('milliseconds', deleted_at)::text as deleted_at, skipped_count from activity_tombstones where user_id = ${userId} order by 1, 2`,
    ),
  };
}

async function ids(db: Db, userId: string) {
  return (
    await db.execute(sql`select 'a' || id from activities where user_id = ${userId}
      union all select 'p' || id from plans where user_id = ${userId}
      union all select 'w' || id from planned_workouts where user_id = ${userId}
      union all select 'c' || id from plan_changes where user_id = ${userId}
      union all select 't' || id from athlete_thresholds where user_id = ${userId}
      union all select 'i' || id from import_jobs where user_id = ${userId}
      order by 1`)
  ).rows;
}

describe('importing a Cadence archive', { timeout: 240_000 }, () => {
  it('restores an export into a fresh account equal to the original; a second import changes nothing', async () => {
    const h = Harness.init();
    const a = await richAthlete(h);
    await h.db.execute(
      sql`insert into activity_tombstones (user_id, source, external_id, skipped_count) values (${a.user.id}, 'strava', '987654', 1)`,
    );
    const ready = await exportReady(h, a.cookie);
    const zip = await download(h, a.cookie, ready.id);
    const original = await snapshot(h.db, a.user.id);
    expect(original.activities).toHaveLength(6);
    expect(original.notes).toHaveLength(1);
    expect(original.bests.length).toBeGreaterThan(0);
    expect(original.curves.length).toBeGreaterThan(0);
    expect(original.changes.length).toBeGreaterThan(0);
    expect(original.tombstones).toHaveLength(1);

    const b = await h.signup();
    const first = await imported(h, b.cookie, zip);
    expect(first.status).toBe('done');
    expect(first.report).toMatchObject({
      uploads: { restored: 2, alreadyThere: 0 },
      activities: { inArchive: 6, fromFiles: 2, fromRows: 4, alreadyThere: 0 },
      thresholds: original.thresholds.length,
      notes: 1,
    });
    expect(first.notRestored.map((n) => n.area)).toEqual(expect.arrayContaining(['Membership and billing', 'Connected assistants']));
    // The archive lists the original's assistant; the import passes it over (a grant cannot be restored).
    expect((await h.json<{ assistants: unknown[] }>('/api/v1/me/assistants', { cookie: b.cookie })).body.assistants).toEqual([]);
    const restored = await snapshot(h.db, b.user.id);
    expect(restored).toEqual(original);

    const before = await ids(h.db, b.user.id);
    const second = await imported(h, b.cookie, zip);
    expect(second.report).toMatchObject({
      uploads: { restored: 0, alreadyThere: 2 },
      activities: { inArchive: 6, fromRows: 0, alreadyThere: 6 },
      thresholds: 0,
      notes: 0,
      plans: { restored: 0, workouts: 0, changes: 0 },
    });
    expect(await ids(h.db, b.user.id)).toEqual(before);
    expect(await snapshot(h.db, b.user.id)).toEqual(original);
  });

  it('refuses an archive whose file differs from its manifest, naming the file, and stores nothing', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const ready = await exportReady(h, a.cookie);
    const files = unzipSync(await download(h, a.cookie, ready.id));
    const target = 'data/account/users.json';
    files[target] = strToU8(strFromU8(files[target]!).replace('"units":"km"', '"units":"mi"'));
    const tampered = zipSync(files);
    const b = await h.signup();
    const r = await upload(h, b.cookie, tampered);
    expect(r.status).toBe(400);
    expectErrorShape(r.body, 'VALIDATION');
    const message = (r.body as unknown as { error: { message: string } }).error.message;
    expect(message).toContain(target);
    expect(message).toMatch(/SHA-256/);
    expect((await h.json<{ reimports: View[] }>('/api/v1/privacy/reimports', { cookie: b.cookie })).body.reimports).toEqual([]);

    // A file added to the zip is refused too, and so is a zip that is not an archive at all.
    const extra = zipSync({ ...unzipSync(await download(h, a.cookie, ready.id)), 'notes.txt': strToU8('hi') });
    const added = await upload(h, b.cookie, extra);
    expect(added.status).toBe(400);
    expect((added.body as unknown as { error: { message: string } }).error.message).toContain('notes.txt');
    const plain = await upload(h, b.cookie, zipSync({ 'a.gpx': strToU8('<gpx/>') }));
    expect(plain.status).toBe(400);
    expect((plain.body as unknown as { error: { message: string } }).error.message).toMatch(/manifest\.json/);
  });
});
