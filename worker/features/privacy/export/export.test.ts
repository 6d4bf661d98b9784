// "Download my data" through the API and the real privacy queue: the archive holds every exported table of the
// data map (secrets left out), the spreadsheets, the originals byte for byte, the plan's files and the connected
// assistants (no token), and validates
// against its manifest when fflate unzips it; one export at a time; only its owner downloads it, until it
// expires; an impersonation is refused; a job cut into slices (and crashing in one) still makes a whole archive.
import { env } from 'cloudflare:test';
import { strFromU8 } from 'fflate';
import { and, eq } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { notifications, privacyRequests } from '../../../db/schema';
import { createAuditService } from '../../audit';
import { impersonating } from '../../impersonation/impersonation.testing';
import { expectErrorShape, Harness } from '../../../testing/harness';
import { waitForEmail } from '../../../testing/outbox';
import { systemClock } from '../../../lib/clock';
import { createLogger } from '../../../lib/logger';
import { atIssuer, CALLBACK } from '../../oauth/oauth.testing';
import { PERSONAL_TABLES } from '../data-map';
import { archiveKey, createExportService } from './export.service';
import { download, type ExportBody, exportReady, richAthlete, sha256, validated } from './export.testing';
import { digestStreamHasher } from './hasher';

/** The athlete's assistant takes its token and calls /mcp once (so it has a last use): the secrets it now holds. */
async function assistantUsed(h: Harness, assistant: { clientId: string; code: string; verifier: string }) {
  const form = { grant_type: 'authorization_code', code: assistant.code, redirect_uri: CALLBACK, client_id: assistant.clientId };
  const res = await atIssuer('/oauth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...form, code_verifier: assistant.verifier }),
  });
  expect(res.status).toBe(200);
  const { access_token: token } = (await res.json()) as { access_token: string };
  const called = await h.call('/mcp', {
    method: 'POST',
    body: { jsonrpc: '2.0', id: 1, method: 'tools/list' },
    headers: { authorization: `Bearer ${token}`, accept: 'application/json, text/event-stream' },
  });
  expect(called.status).not.toBe(401);
  return [token, token.split(':').at(-1)!, assistant.code, assistant.verifier];
}

describe('the data archive', { timeout: 180_000 }, () => {
  it('holds every exported table, the spreadsheets, the originals, the plan and the assistants, and validates against its manifest', async () => {
    const h = Harness.init();
    const a = await richAthlete(h);
    const secrets = await assistantUsed(h, a.assistant);
    const ready = await exportReady(h, a.cookie);
    expect(ready.expiresAt).not.toBeNull();
    // 72 hours after it was ready.
    expect(new Date(ready.expiresAt!).getTime() - Date.now()).toBeGreaterThan(71 * 3600_000);
    const zip = await download(h, a.cookie, ready.id);
    expect(zip.length).toBe(ready.result!.bytes);
    const { files, manifest, rows } = validated(zip);
    expect(manifest).toMatchObject({ format: 'cadence-export', formatVersion: 1, accountId: a.user.id, requestId: ready.id });

    // By construction: one data file (at least) for every table the data map exports, none for the exempt.
    const exported = PERSONAL_TABLES.filter((e) => 'area' in e.export);
    for (const e of exported) {
      const name = getTableConfig(e.table).name;
      const area = (e.export as { area: string }).area;
      expect(Object.keys(files), name).toContain(`data/${area}/${name}.json`);
    }
    expect(Object.keys(files).some((p) => p.includes('password_reset_tokens') || p.includes('action_counters'))).toBe(false);
    // Secrets and hashes are omitted.
    const [user] = rows('data/account/users.json');
    expect(user).toMatchObject({ id: a.user.id, display_name: 'Ada Archive', units: 'mi', time_zone: 'Europe/Berlin' });
    expect(user).not.toHaveProperty('password_hash');
    for (const s of rows('data/security/sessions.json')) expect(s).not.toHaveProperty('token_hash');

    // Activities: every row, the Strava API ones marked by source; counts in the manifest match the rows.
    const acts = rows('data/activities/activities.json');
    expect(acts).toHaveLength(6);
    expect(acts.filter((r) => r.source === 'strava')).toHaveLength(3);
    expect(manifest.counts.activities).toBe(6);
    for (const f of manifest.files.filter((f) => f.kind === 'data')) expect(rows(f.path), f.path).toHaveLength(f.rows!);

    // The spreadsheet has the note (with its comma and line break) and RPE.
    const csv = strFromU8(files['spreadsheets/activities.csv']!);
    expect(csv.split('\r\n')[0]).toContain('rpe,note');
    expect(csv).toContain('"Felt strong,\nlegs fresh"');
    expect(csv).toMatch(/,7,"Felt strong/);
    expect(strFromU8(files['spreadsheets/planned_workouts.csv']!).split('\r\n').length).toBeGreaterThan(10);

    // The originals, byte for byte, under the names they were uploaded with.
    const originals = manifest.files.filter((f) => f.kind === 'original');
    expect(originals.map((f) => f.path.split('/').at(-1)).sort()).toEqual(['morning run.gpx', 'watch.fit']);
    expect(originals.map((f) => f.sha256).sort()).toEqual([sha256(a.originals.gpx), sha256(a.originals.fit)].sort());

    // The plan: its calendar and workout files.
    const planFiles = manifest.files.filter((f) => f.kind === 'plan').map((f) => f.path);
    expect(planFiles.some((p) => p.endsWith('/plan.ics'))).toBe(true);
    expect(planFiles.some((p) => p.endsWith('.zwo'))).toBe(true);
    expect(strFromU8(files[planFiles.find((p) => p.endsWith('plan.ics'))!]!)).toContain('BEGIN:VCALENDAR');
    expect(rows('data/plans/plan_changes.json').length).toBeGreaterThan(0);

    // The connected assistant (ADR 107; kept in KV, so beside the data map): whom the data goes to, what it may read
    // and when — as a data file with an area and no table, and without a token, code or verifier anywhere.
    const assistants = rows('data/security/connected_assistants.json');
    expect(assistants).toEqual([
      {
        client_name: 'Scripted assistant',
        redirect_host: '127.0.0.1',
        scopes: ['analytics:read'],
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        last_used_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        expires_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
    // A grant lapses 30 days after it was made or last refreshed (ADR 107).
    const [made, lapses] = [assistants[0]!.created_at, assistants[0]!.expires_at].map((d) => Date.parse(d as string));
    expect(lapses! - made!).toBe(30 * 86_400_000);
    const listed = manifest.files.find((f) => f.path === 'data/security/connected_assistants.json');
    expect(listed).toMatchObject({ kind: 'data', area: 'security', rows: 1 });
    expect(listed).not.toHaveProperty('table');
    const everything = Object.values(files)
      .map((b) => strFromU8(b, true))
      .join('\n');
    for (const s of secrets) expect(everything.includes(s)).toBe(false);

    // In-app and by email, linking to the page (the archive itself needs the session).
    await expect
      .poll(
        async () =>
          (
            await h.db
              .select()
              .from(notifications)
              .where(and(eq(notifications.userId, a.user.id), eq(notifications.kind, 'privacy.export_ready')))
          ).length,
        {
          timeout: 20_000,
        },
      )
      .toBe(1);
    const mail = await waitForEmail(a.email, 20_000);
    expect(mail.text).toContain('/settings/data#your-data');
  });

  it('one export at a time: two requests at once answer with the same one', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const [x, y] = await Promise.all([
      h.json<ExportBody>('/api/v1/privacy/exports', { cookie: a.cookie, method: 'POST' }),
      h.json<ExportBody>('/api/v1/privacy/exports', { cookie: a.cookie, method: 'POST' }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 202]);
    expect(x.body.id).toBe(y.body.id);
    await exportReady(h, a.cookie);
    const rows = await h.db.select().from(privacyRequests).where(eq(privacyRequests.userId, a.user.id));
    expect(rows).toHaveLength(1);
  });

  it('only its owner downloads it (another athlete gets 404), and not after it expires (410)', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const b = await h.signup();
    const ready = await exportReady(h, a.cookie);
    const other = await h.json(`/api/v1/privacy/exports/${ready.id}/download`, { cookie: b.cookie });
    expect(other.status).toBe(404);
    expectErrorShape(other.body, 'NOT_FOUND');
    expect((await h.json<{ exports: unknown[] }>('/api/v1/privacy/exports', { cookie: b.cookie })).body.exports).toEqual([]);
    await h.db
      .update(privacyRequests)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(privacyRequests.id, ready.id));
    const lapsed = await h.json(`/api/v1/privacy/exports/${ready.id}/download`, { cookie: a.cookie });
    expect(lapsed.status).toBe(410);
    expectErrorShape(lapsed.body, 'GONE');
    const list = await h.json<{ exports: ExportBody[] }>('/api/v1/privacy/exports', { cookie: a.cookie });
    expect(list.body.exports[0]!.status).toBe('expired');
    expect((await h.call(`/api/v1/privacy/exports/${ready.id}/download`)).status).toBe(401);
  });

  it('is refused under impersonation: requesting and downloading (403 IMPERSONATION_BLOCKED)', async () => {
    const h = Harness.init();
    const { target, both } = await impersonating(h);
    const asked = await h.json('/api/v1/privacy/exports', { cookie: both, method: 'POST' });
    expect(asked.status).toBe(403);
    expectErrorShape(asked.body, 'IMPERSONATION_BLOCKED');
    expect(await h.db.select().from(privacyRequests).where(eq(privacyRequests.userId, target.id))).toHaveLength(0);
    const ready = await exportReady(h, target.cookie);
    const dl = await h.json(`/api/v1/privacy/exports/${ready.id}/download`, { cookie: both });
    expect(dl.status).toBe(403);
    expectErrorShape(dl.body, 'IMPERSONATION_BLOCKED');
  });

  it('a job cut into slices, one of them crashing, continues from its checkpoints into a whole archive', async () => {
    const h = Harness.init();
    const a = await richAthlete(h);
    const sent: { requestId: string }[] = [];
    let crashes = 1;
    const service = createExportService({
      db: h.db,
      bucket: env.UPLOADS,
      queue: { send: async (m: unknown) => void sent.push(m as { requestId: string }) } as unknown as Queue<unknown>,
      clock: systemClock,
      logger: createLogger('error', {}),
      audit: createAuditService(h.db, null),
      notify: { notify: async () => undefined },
      hasher: digestStreamHasher,
      // Every unit of work ends a slice.
      sliceMs: 0,
      planFiles: async () => {
        if (crashes-- > 0) throw new Error('the isolate went away');
        return [{ name: 'plan.ics', bytes: new TextEncoder().encode('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n') }];
      },
      assistants: async () => [],
    });
    const { export: started } = await service.request({ id: a.user.id, role: 'athlete' });
    sent.length = 0;
    let delivery = { requestId: started.id };
    let attempts = 1;
    for (let i = 0; i < 500; i++) {
      try {
        await service.run(delivery.requestId, { attempts });
        attempts = 1;
      } catch {
        attempts++; // the queue's retry of the same message
        continue;
      }
      const next = sent.shift();
      if (!next) break;
      delivery = next;
    }
    const [row] = await h.db.select().from(privacyRequests).where(eq(privacyRequests.id, started.id));
    expect(row!.status).toBe('ready');
    expect((row!.progress as { slices: number }).slices).toBeGreaterThan(40);
    expect(crashes).toBeLessThan(0);
    const obj = await env.UPLOADS.get(archiveKey(a.user.id, started.id));
    const { manifest } = validated(new Uint8Array(await obj!.arrayBuffer()));
    expect(manifest.counts.activities).toBe(6);
    // No checkpoint is left behind.
    const left = await env.UPLOADS.list({ prefix: `privacy-exports/${a.user.id}/${started.id}.checkpoint` });
    expect(left.objects).toEqual([]);
  });
});
