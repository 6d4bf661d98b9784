// The pulse on what imports and webhooks did: an upload that imported nothing shows its cause in words (and the
// retry only where it can help), and webhook outcomes read in words.
// The file's tests share its database, so assertions look at each test's own rows (and counts at least them).
import { strToU8, zipSync } from 'fflate';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { importJobs, webhookEvents } from '../../db/schema';
import { eventually } from '../../testing/eventually';
import { gpxRun, smallFit } from '../../testing/fixtures/files';
import { expectErrorShape, Harness } from '../../testing/harness';
import { TRANSIENT_IMPORT_ERRORS } from '../ingest';
import { fix, pulse, rowOf, section } from './ops-pulse.testing';

describe('ops pulse: imports and webhooks', () => {
  it('an upload that imported nothing shows its cause in words; a permanent one gets no "Retry import" (and the API refuses it), a transient one keeps it', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const owner = await h.userWithRole('owner');
    const done = async (id: string) =>
      eventually(
        async () => (await h.db.select().from(importJobs).where(eq(importJobs.id, id)))[0]!,
        (row) => row.status === 'done' || row.status === 'error',
        20_000,
      );
    const upload = async (name: string, bytes: Uint8Array) => {
      const res = await h.json<{ id: string }>(`/api/v1/imports?filename=${encodeURIComponent(name)}`, {
        body: bytes,
        cookie: athlete.cookie,
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) },
      });
      expect(res.status).toBe(202);
      return done(res.body.id);
    };
    // A corrupt FIT (a real header, then noise), and an archive whose every entry is unreadable: both finish
    // "done" with nothing in.
    const corrupt = new Uint8Array(200).fill(7);
    corrupt.set(smallFit().slice(0, 14));
    const fit = await upload('watch.fit', corrupt);
    const zip = await upload(
      'export.zip',
      zipSync({ 'a.fit': corrupt, 'b.gpx': strToU8('<gpx><trk><trkseg><trkpt lat='), 'notes.txt': strToU8('hello') }),
    );
    for (const job of [fit, zip]) expect(job).toMatchObject({ status: 'done', imported: 0, duplicates: 0 });

    const before = await pulse(h, owner.cookie);
    expect(section(before, 'imports').counts.nothingLastDay).toBeGreaterThanOrEqual(2);
    // Not a FIT file is permanent: no "Retry import", the cause in words and what to do instead.
    const fitRow = rowOf(before, 'imports', fit.id)!;
    expect(fitRow).toMatchObject({
      label: 'Imported nothing: not a readable FIT file',
      userId: athlete.user.id,
      fix: { intent: 'retry-import', available: false },
    });
    expect(fitRow.fix!.note).toContain('ask the athlete for the original file');
    expect(fitRow.detail).toMatch(/^1 entry skipped: not a readable FIT file/);
    expect(fitRow.detail).not.toContain('malformed_fit');
    const zipRow = rowOf(before, 'imports', zip.id)!;
    expect(zipRow.detail).toMatch(/^3 entries skipped: /);
    for (const reason of ['not a readable FIT file', 'not a readable GPX/TCX file', 'a format we do not import'])
      expect(zipRow.detail).toContain(reason);
    expect(zipRow.fix).toMatchObject({ available: false });
    // No file names: the pulse is read by roles that see no personal data.
    expect(zipRow.detail).not.toContain('notes.txt');

    // The API refuses it too, in the error shape, and leaves the job and the audit log alone.
    const refused = await h.json(`/api/v1/admin/ops/imports/${fit.id}/retry`, {
      method: 'POST',
      cookie: owner.cookie,
      body: { reason: 'Ops Pulse: retry anyway' },
    });
    expect(refused.status).toBe(409);
    expectErrorShape(refused.body, 'CONFLICT');
    expect((refused.body as { error: { message: string } }).error.message).toContain('ask the athlete for the original file');
    expect((await h.db.select().from(importJobs).where(eq(importJobs.id, fit.id)))[0]).toMatchObject({ status: 'done', attempts: 1 });
    expect((await h.auditFor('import', fit.id)).map((a) => a.action)).not.toContain('operator.retry_import');

    // The operator action on the athlete page follows the same rule (a permanent cause is a 409 in the error
    // shape, the upload left as it was); one that brought something in stays a 409.
    const fixer = await h.userWithRole('admin', ['ingestion.retry']);
    const act = (importId: string) =>
      h.json(`/api/v1/admin/users/${athlete.user.id}/actions/retry-import`, {
        cookie: fixer.cookie,
        body: { reason: 'Parser fixed', importId },
      });
    const zipRefused = await act(zip.id);
    expect(zipRefused.status).toBe(409);
    expectErrorShape(zipRefused.body, 'CONFLICT');
    expect((await h.db.select().from(importJobs).where(eq(importJobs.id, zip.id)))[0]).toMatchObject({ status: 'done', attempts: 1 });
    const good = await upload('run.gpx', strToU8(gpxRun(new Date('2025-05-03T06:00:00Z')).xml));
    expect(good).toMatchObject({ status: 'done', imported: 1 });
    expect((await act(good.id)).status).toBe(409);
    expect(rowOf(await pulse(h, owner.cookie), 'imports', good.id)).toBeUndefined();

    // A transient failure (the consumer died mid-run; recorded as the reclaim sweep does) keeps its button, and it works.
    const crashed = await upload('again.gpx', strToU8(gpxRun(new Date('2025-05-04T06:00:00Z')).xml));
    await h.db
      .update(importJobs)
      .set({ status: 'error', error: TRANSIENT_IMPORT_ERRORS[0]!, imported: 0, finishedAt: new Date() })
      .where(eq(importJobs.id, crashed.id));
    const crashedRow = rowOf(await pulse(h, owner.cookie), 'imports', crashed.id)!;
    expect(crashedRow).toMatchObject({
      label: expect.stringMatching(/^Import failed: /),
      fix: { intent: 'retry-import', available: true },
    });
    const res = await fix(h, owner.cookie, crashedRow);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ intent: 'retry-import', outcome: 'queued' });
    expect((await h.auditFor('import', crashed.id)).map((a) => a.action)).toContain('operator.retry_import');
    expect(await done(crashed.id)).toMatchObject({ status: 'done' });
  });
  it('webhook outcomes read in words; a door delivery that was only normal work is no rejection', async () => {
    const h = Harness.init();
    const owner = await h.userWithRole('owner');
    const stored = (outcome: string) => ({
      provider: 'garmin',
      dedupeKey: `garmin:${crypto.randomUUID()}`,
      payload: {},
      processedAt: new Date(),
      outcome,
    });
    // The outcomes as the door consumer stores them (file-doors.webhook.ts: "files:10", "unconfirmed:1").
    await h.db.insert(webhookEvents).values([stored('files:10'), stored('unconfirmed:1'), stored('files:2 unknown:1')]);
    const hooks = section(await pulse(h, owner.cookie), 'webhooks');
    const causes = hooks.causes.map((c) => c.cause);
    expect(causes).toContain('Garmin still lists the athlete: deregistration ping ignored (1)');
    expect(causes).toContain('Garmin: 2 new files announced, download queued; Garmin: 1 notice for an athlete not connected here');
    expect(causes.some((c) => c.includes('Garmin: 10 new files'))).toBe(false);
    expect(causes.some((c) => /\b[a-z_]+:\d+/.test(c))).toBe(false);
  });
});
