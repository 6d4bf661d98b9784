// The installed app's server side (ADR 077): the manifest route and the page head that links it, and the
// share target's route (/share), which imports shared activity files through the upload path.
import { expect, describe, it } from 'vitest';
import { Harness } from '../../../../worker/testing/harness';
import { smallFit } from '../../../../worker/testing/fixtures/files';

type Job = { id: string; filename: string; status: string; imported: number };
type Manifest = {
  name: string;
  short_name: string;
  start_url: string;
  scope: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: { src: string; sizes: string; type: string; purpose: string }[];
  shortcuts: { name: string; url: string }[];
  share_target: { action: string; method: string; enctype: string; params: { files: { name: string; accept: string[] }[] } };
};

function shareForm(...files: { name: string; bytes: Uint8Array }[]): FormData {
  const form = new FormData();
  for (const f of files) form.append('file', new File([new Uint8Array(f.bytes)], f.name));
  return form;
}

describe('the web app manifest', () => {
  it('is served as application/manifest+json with what install asks for, and every page links it', async () => {
    const h = Harness.init();
    const res = await h.call('/manifest.webmanifest');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/manifest+json');
    const m = (await res.json()) as Manifest;
    expect(m).toMatchObject({ name: expect.stringContaining('Cadence'), short_name: 'Cadence', display: 'standalone', scope: '/' });
    expect(m.start_url.startsWith(m.scope)).toBe(true);
    // base.css's tokens: the brand teal and the page background.
    expect([m.theme_color, m.background_color]).toEqual(['#0f766e', '#f8fafc']);
    const icons = m.icons.map((i) => `${i.sizes} ${i.purpose}`);
    expect(icons).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
    expect(m.icons.every((i) => i.type === 'image/png' && i.src.startsWith('/icons/'))).toBe(true);
    expect(m.shortcuts.map((s) => [s.name, s.url])).toEqual([
      ['Today', '/home'],
      ['Training', '/training'],
      ['AI coach', '/ai-coach'],
    ]);
    expect(m.share_target).toMatchObject({ action: '/share', method: 'POST', enctype: 'multipart/form-data' });
    expect(m.share_target.params.files[0]!.accept).toEqual(expect.arrayContaining(['.fit', '.gpx', '.tcx', '.gz']));

    const html = await (await h.call('/login')).text();
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest"/>');
    expect(html).toContain('<link rel="apple-touch-icon" href="/icons/apple-touch-icon.png"/>');
    expect(html).toContain('<meta name="theme-color" content="#0f766e"/>');
  });
});

describe('the share target', () => {
  it('imports a shared FIT file through the upload path and lands on the import', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const res = await h.call('/share?posted=1', {
      method: 'POST',
      cookie: a.cookie,
      body: shareForm({ name: 'morning-run.fit', bytes: smallFit() }),
    });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!, 'http://cadence.test');
    expect(to.pathname).toBe('/settings/data');
    const id = to.searchParams.get('uploaded')!;
    let job: Job | undefined;
    await expect
      .poll(
        async () => {
          job = (await h.json<Job>(`/api/v1/imports/${id}`, { cookie: a.cookie })).body;
          return job.status;
        },
        { timeout: 30_000, interval: 100 },
      )
      .toBe('done');
    expect(job).toMatchObject({ filename: 'morning-run.fit', imported: 1 });
  });

  it('sends a signed-out share to login, to come back to /share', async () => {
    const h = Harness.init();
    const res = await h.call('/share', { method: 'POST', body: shareForm({ name: 'run.fit', bytes: smallFit() }) });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?next=%2Fshare');
    const page = await h.call('/share');
    expect(page.headers.get('location')).toBe('/login?next=%2Fshare');
  });

  it('refuses what is not an activity file, and an empty share, storing nothing', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const notes = await h.call('/share', {
      method: 'POST',
      cookie: a.cookie,
      body: shareForm({ name: 'notes.txt', bytes: new TextEncoder().encode('hello') }),
    });
    expect(notes.status).toBe(400);
    expect(await notes.text()).toContain('notes.txt is not a FIT, GPX or TCX file');
    const empty = await h.call('/share', { method: 'POST', cookie: a.cookie, body: new FormData() });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Nothing was shared');
    const list = await h.json<{ imports: Job[] } | Job[]>('/api/v1/imports', { cookie: a.cookie });
    expect(JSON.stringify(list.body)).not.toContain('notes.txt');
  });

  it('refuses a share posted from another site', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const res = await h.call('/share', {
      method: 'POST',
      cookie: a.cookie,
      headers: { origin: 'https://evil.example' },
      body: shareForm({ name: 'run.fit', bytes: smallFit() }),
    });
    expect(res.status).toBe(403);
  });
});
