// Re-import uploads as athletes bring them: an archive over 1 MiB with real originals (the upload reader, not
// the 1 MiB JSON limit), a zip bomb refused before acceptance, an archive re-zipped by a desktop tool, and data
// files laid out differently from the export (all rows on one line, `[]`) or malformed.
import { createHash } from 'node:crypto';
import { strFromU8, strToU8, unzipSync, Zip, ZipDeflate, ZipPassThrough, zipSync } from 'fflate';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { expectErrorShape, Harness } from '../../../testing/harness';
import { reimportFinished, uploadArchive } from './reimport.testing';
import { download, exportReady, richAthlete, sha256 } from '../export/export.testing';

type View = { id: string; status: string; error: string | null; report: { uploads: { restored: number }; notes: number } | null };
type Files = Record<string, Uint8Array>;

// Real recordings (ingest/files/corpus/real, sources and licences in its README), inlined by Vite as data URLs.
const CORPUS = import.meta.glob('../../ingest/files/corpus/real/*.fit', { query: '?url&inline', import: 'default', eager: true }) as Record<
  string,
  string
>;
const corpus = (file: string): Uint8Array => {
  const url = CORPUS[`../../ingest/files/corpus/real/${file}`]!;
  const binary = atob(url.slice(url.indexOf(',') + 1));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
};

const upload = (h: Harness, cookie: string, zip: Uint8Array) => uploadArchive<View>(h, cookie, zip);
const message = (body: unknown) => (body as { error: { message: string } }).error.message;

const restored = (h: Harness, cookie: string, zip: Uint8Array) => reimportFinished<View>(h, cookie, zip, 120_000);

/** The archive with some files replaced and the manifest's lines for them made to match (a consistent archive). */
function rewritten(files: Files, changes: Files): Files {
  const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { files: { path: string; bytes: number; sha256: string }[] };
  for (const f of manifest.files)
    if (changes[f.path]) Object.assign(f, { bytes: changes[f.path]!.length, sha256: sha256(changes[f.path]!) });
  return { ...files, ...changes, 'manifest.json': strToU8(JSON.stringify(manifest)) };
}

const activityKeys = async (h: Harness, userId: string) =>
  (await h.db.execute(sql`select source, external_id, sport, moving_time_s from activities where user_id = ${userId} order by 1, 2`)).rows;

describe('re-import uploads', { timeout: 300_000 }, () => {
  it('accepts and restores an archive over 1 MiB with real originals; a form over 25 MiB is a 413', async () => {
    const h = Harness.init();
    const a = await h.signup();
    // Three real FIT recordings in one stored zip (1.4 MiB): the archive keeps a zip original byte for byte.
    const fits = zipSync(
      {
        'nick.fit': corpus('nick.fit'),
        'edge500.fit': corpus('garmin-edge-500-activity.fit'),
        'elemnt.fit': corpus('2019-02-17-062644-ELEMNT-297E-195-0.fit'),
      },
      { level: 0 },
    );
    const up = await h.json<{ id: string }>('/api/v1/imports?filename=rides.zip', {
      body: fits,
      cookie: a.cookie,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(fits.length) },
    });
    expect(up.status).toBe(202);
    await expect
      .poll(async () => (await h.json<{ status: string }>(`/api/v1/imports/${up.body.id}`, { cookie: a.cookie })).body.status, {
        timeout: 60_000,
      })
      .toBe('done');
    const original = await activityKeys(h, a.user.id);
    expect(original.length).toBeGreaterThanOrEqual(3);
    const zip = await download(h, a.cookie, (await exportReady(h, a.cookie)).id);
    expect(zip.length).toBeGreaterThan(1024 * 1024);

    const b = await h.signup();
    const done = await restored(h, b.cookie, zip);
    expect(done.status).toBe('done');
    expect(done.report!.uploads.restored).toBe(1);
    expect(await activityKeys(h, b.user.id)).toEqual(original);

    const form = new FormData();
    form.set('file', new File([new Uint8Array(26 * 1024 * 1024)], 'archive.zip'));
    const tooBig = await h.json('/api/v1/privacy/reimports', { method: 'POST', cookie: b.cookie, body: form });
    expect(tooBig.status).toBe(413);
    expectErrorShape(tooBig.body, 'PAYLOAD_TOO_LARGE');
  });

  it('refuses a zip bomb listed in the manifest with its correct hash, naming it, before acceptance', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const files = unzipSync(await download(h, a.cookie, (await exportReady(h, a.cookie)).id));
    const name = 'originals/uploads/00000000-0000-4000-8000-000000000000/ride.fit';
    const size = 128 * 1024 * 1024;
    const zeros = new Uint8Array(1024 * 1024);
    const hash = createHash('sha256');
    for (let i = 0; i < size / zeros.length; i++) hash.update(zeros);
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { files: unknown[] };
    manifest.files.push({ path: name, kind: 'original', bytes: size, sha256: hash.digest('hex') });
    const out: Uint8Array[] = [];
    const zip = new Zip((err, chunk) => {
      if (err) throw err;
      out.push(chunk);
    });
    const add = (path: string, data: Uint8Array) => {
      const e = new ZipPassThrough(path);
      zip.add(e);
      e.push(data, true);
    };
    for (const [path, data] of Object.entries(files)) if (path !== 'manifest.json') add(path, data);
    const bomb = new ZipDeflate(name, { level: 9 });
    zip.add(bomb);
    for (let i = 0; i < size / zeros.length; i++) bomb.push(zeros, i === size / zeros.length - 1);
    add('manifest.json', strToU8(JSON.stringify(manifest)));
    zip.end();
    const archive = new Uint8Array(out.reduce((n, c) => n + c.length, 0));
    out.reduce((at, c) => (archive.set(c, at), at + c.length), 0);
    expect(archive.length).toBeLessThan(200 * 1024);

    const b = await h.signup();
    const r = await upload(h, b.cookie, archive);
    expect(r.status).toBe(400);
    expectErrorShape(r.body, 'VALIDATION');
    expect(message(r.body)).toContain(name);
    expect(message(r.body)).toMatch(/expands more than 200:1/);
    expect((await h.json<{ reimports: View[] }>('/api/v1/privacy/reimports', { cookie: b.cookie })).body.reimports).toEqual([]);
  });

  it('accepts an archive re-zipped by a desktop tool (folders, __MACOSX/, .DS_Store); a changed file is still refused', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const files = unzipSync(await download(h, a.cookie, (await exportReady(h, a.cookie)).id));
    const folders: Files = {};
    for (const path of Object.keys(files)) {
      const parts = path.split('/');
      for (let i = 1; i < parts.length; i++) folders[`${parts.slice(0, i).join('/')}/`] = new Uint8Array(0);
    }
    const metadata: Files = {
      '.DS_Store': strToU8('Bud1'),
      'data/.DS_Store': strToU8('Bud1'),
      '__MACOSX/': new Uint8Array(0),
      '__MACOSX/data/account/._users.json': strToU8('\u0000\u0005\u0016\u0007Mac OS X'),
      'Thumbs.db': strToU8('thumbs'),
    };
    const rezipped = zipSync({ ...folders, ...files, ...metadata });
    const b = await h.signup();
    expect((await restored(h, b.cookie, rezipped)).status).toBe('done');

    const target = 'data/account/users.json';
    const changed = zipSync({
      ...folders,
      ...files,
      ...metadata,
      [target]: strToU8(strFromU8(files[target]!).replace('"units":"km"', '"units":"mi"')),
    });
    const c = await h.signup();
    const r = await upload(h, c.cookie, changed);
    expect(r.status).toBe(400);
    expect(message(r.body)).toContain(target);
    const added = await upload(h, c.cookie, zipSync({ ...files, ...metadata, 'data/notes.txt': strToU8('hi') }));
    expect(added.status).toBe(400);
    expect(message(added.body)).toContain('data/notes.txt');
  });

  it('reads data files by value: rows on one line and [] restore; malformed JSON is a 400 naming the file', async () => {
    const h = Harness.init();
    const a = await richAthlete(h);
    const files = unzipSync(await download(h, a.cookie, (await exportReady(h, a.cookie)).id));
    const rowsOf = (path: string) => JSON.parse(strFromU8(files[path]!)) as unknown[];
    const activitiesPath = 'data/activities/activities.json';
    const notesPath = Object.keys(files).find((p) => p.endsWith('/activity_notes.json'))!;
    expect(rowsOf(notesPath)).toHaveLength(1);
    const oneLine = zipSync(
      rewritten(files, { [activitiesPath]: strToU8(JSON.stringify(rowsOf(activitiesPath))), [notesPath]: strToU8('[]') }),
    );
    const b = await h.signup();
    const done = await restored(h, b.cookie, oneLine);
    expect(done.status).toBe('done');
    expect(done.report!.notes).toBe(0);
    expect(await activityKeys(h, b.user.id)).toEqual(await activityKeys(h, a.user.id));

    const usersPath = 'data/account/users.json';
    const broken = zipSync(rewritten(files, { [usersPath]: strToU8('[{"id": "x", "units": km}]') }));
    const c = await h.signup();
    const r = await upload(h, c.cookie, broken);
    expect(r.status).toBe(400);
    expectErrorShape(r.body, 'VALIDATION');
    expect(message(r.body)).toContain(usersPath);
    expect(message(r.body)).toMatch(/not valid JSON/);
  });
});
