import { strToU8, zipSync } from 'fflate';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { importJobs, ingestionState, ingestJobs, smsMessages, stripeEvents, webhookEvents } from '../../db/schema';
import { eventually } from '../../testing/eventually';
import { gpxRun, smallFit } from '../../testing/fixtures/files';
import { expectErrorShape, Harness } from '../../testing/harness';
import type { Body } from '../../testing/bodies';
import { coachWorld } from '../coach-os/sms/sms-testing';
import { TRANSIENT_IMPORT_ERRORS } from '../ingest';
import type { Pulse, Row } from './ops-pulse.schema';

// The pulse on fixtures of our own: each stuck thing shows up with its button, and the button fixes it.
// The file's tests share its database, so assertions look at each test's own rows (and counts at least them).
type PulseBody = Body<typeof Pulse>;

const ago = (min: number) => new Date(Date.now() - min * 60_000);

async function pulse(h: Harness, cookie: string): Promise<PulseBody> {
  const res = await h.json<PulseBody>('/api/v1/admin/ops/pulse', { cookie });
  expect(res.status).toBe(200);
  return res.body;
}

const section = (p: PulseBody, key: string) => p.sections.find((s) => s.key === key)!;
const rowOf = (p: PulseBody, key: string, id: string): Row | undefined => section(p, key).rows.find((r) => r.id === id);

async function fix(h: Harness, cookie: string, row: Row) {
  expect(row.fix?.path).toBeTruthy();
  return h.json<Record<string, unknown>>(row.fix!.path!, { method: 'POST', cookie, body: { reason: `Ops Pulse: ${row.label}` } });
}

describe('ops pulse', () => {
  it('needs ops.read; each button its own permission', async () => {
    const h = Harness.init();
    expect((await h.json('/api/v1/admin/ops/pulse')).status).toBe(401);
    const athlete = await h.signup();
    const denied = await h.json('/api/v1/admin/ops/pulse', { cookie: athlete.cookie });
    expect(denied.status).toBe(403);
    expectErrorShape(denied.body, 'FORBIDDEN');
    const admin = await h.userWithRole('admin');
    expect((await h.json('/api/v1/admin/ops/pulse', { cookie: admin.cookie })).status).toBe(403);
    const reader = await h.userWithRole('admin', ['ops.read']);
    const p = await pulse(h, reader.cookie);
    expect(p.sections.map((s) => s.key)).toEqual([
      'stuck',
      'deferred',
      'ingestion_errors',
      'imports',
      'sms',
      'email',
      'automations',
      'stripe',
      'queues',
      'webhooks',
      'ai_coach',
      'privacy',
      'token_keys',
    ]);
    const id = crypto.randomUUID();
    const retry = await h.json(`/api/v1/admin/ops/jobs/${id}/retry`, { method: 'POST', cookie: reader.cookie, body: { reason: 'x' } });
    expect(retry.status).toBe(403);
    const fixer = await h.userWithRole('admin', ['ingestion.retry']);
    const noReason = await h.json(`/api/v1/admin/ops/jobs/${id}/retry`, { method: 'POST', cookie: fixer.cookie, body: { reason: '' } });
    expect(noReason.status).toBe(400);
    expect(
      (await h.json(`/api/v1/admin/ops/jobs/${id}/retry`, { method: 'POST', cookie: fixer.cookie, body: { reason: 'x' } })).status,
    ).toBe(404);
  });

  it('a stuck job appears with "Retry job", and retrying takes it off the list (audited)', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const owner = await h.userWithRole('owner');
    const [job] = await h.db
      .insert(ingestJobs)
      .values({
        userId: athlete.user.id,
        kind: 'ops.pulse-test',
        dedupeKey: `ops-test:${crypto.randomUUID()}`,
        status: 'running',
        attempts: 1,
        startedAt: ago(30),
        updatedAt: ago(30),
      })
      .returning({ id: ingestJobs.id });
    const before = await pulse(h, owner.cookie);
    const row = rowOf(before, 'stuck', job!.id);
    expect(row).toMatchObject({ userId: athlete.user.id, fix: { intent: 'retry-job', available: true, permission: 'ingestion.retry' } });
    expect(row!.detail).toMatch(/running for 30 min/);
    expect(section(before, 'stuck').counts.stuck).toBeGreaterThanOrEqual(1);

    const res = await fix(h, owner.cookie, row!);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, intent: 'retry-job', outcome: 'queued' });
    expect(rowOf(await pulse(h, owner.cookie), 'stuck', job!.id)).toBeUndefined();
    const audit = await h.auditFor('job', job!.id);
    expect(audit[0]).toMatchObject({ action: 'operator.retry_job', actorId: owner.id, payload: { reason: `Ops Pulse: ${row!.label}` } });
  });

  it('a deferred athlete shows when they resume; "Resume now" releases them when the budget has room', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const owner = await h.userWithRole('owner');
    const resumeAt = new Date(Date.now() + 20 * 60_000);
    await h.db.insert(ingestionState).values({ userId: athlete.user.id, source: 'strava', status: 'deferred', resumeAt });
    await h.db.insert(ingestJobs).values({
      userId: athlete.user.id,
      kind: 'ops.pulse-test',
      dedupeKey: `ops-test:${crypto.randomUUID()}`,
      status: 'deferred',
      runAfter: resumeAt,
      lastError: 'window_spent',
    });
    // The test budget's windows are 3 s long: when a Strava test has just spent one, the next has room.
    const before = await eventually(
      () => pulse(h, owner.cookie),
      (p) => rowOf(p, 'deferred', `${athlete.user.id}:strava`)?.fix?.available === true,
    );
    const row = rowOf(before, 'deferred', `${athlete.user.id}:strava`)!;
    expect(row).toMatchObject({ userId: athlete.user.id, at: resumeAt.toISOString(), fix: { intent: 'resume-athlete' } });
    expect(row.detail).toMatch(/Resumes by itself in (19|20) min/);
    expect(before.budget).toMatchObject({ hasRoom: true, blockedUntil: null });

    const res = await fix(h, owner.cookie, row);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ intent: 'resume-athlete', outcome: 'released 1' });
    expect(rowOf(await pulse(h, owner.cookie), 'deferred', row.id)).toBeUndefined();
    expect((await h.auditFor('user', athlete.user.id)).map((a) => a.action)).toContain('operator.resume_ingestion');
    // Nothing left to resume: the button refuses instead of pretending.
    expect((await fix(h, owner.cookie, row)).status).toBe(409);
  });

  it('a failed SMS appears with "Retry send", and retrying sends it', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const client = await w.addClient('Pulse Client');
    const owner = await h.userWithRole('owner');
    const [sms] = await h.db
      .insert(smsMessages)
      .values({
        orgId: w.orgId,
        clientId: client.id,
        direction: 'outbound',
        kind: 'manual',
        state: 'failed',
        key: `ops-test:${crypto.randomUUID()}`,
        body: 'See you Tuesday',
        dueAt: ago(5),
        attempts: 3,
        errorCode: '30003',
        errorMessage: 'Unreachable destination handset',
        updatedAt: ago(5),
      })
      .returning({ id: smsMessages.id });
    const before = await pulse(h, owner.cookie);
    const row = rowOf(before, 'sms', sms!.id)!;
    expect(row).toMatchObject({ orgId: w.orgId, userId: w.coach.id, fix: { intent: 'retry-sms', permission: 'users.manage' } });
    expect(row.detail).toContain('30003');
    expect(section(before, 'sms').counts.failedLastHour).toBeGreaterThanOrEqual(1);

    const res = await fix(h, owner.cookie, row);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ intent: 'retry-sms', outcome: 'sent' });
    expect(rowOf(await pulse(h, owner.cookie), 'sms', sms!.id)).toBeUndefined();
    expect((await h.auditFor('sms', sms!.id))[0]?.action).toBe('operator.retry_sms');
  });

  it('an unresolved Stripe event appears with "Re-process event", and re-processing resolves it', async () => {
    const h = Harness.init();
    const owner = await h.userWithRole('owner');
    const stripeEventId = `evt_ops_${crypto.randomUUID().replaceAll('-', '')}`;
    const customer = `cus_ops_${crypto.randomUUID().slice(0, 8)}`;
    const [event] = await h.db
      .insert(stripeEvents)
      .values({
        stripeEventId,
        type: 'customer.subscription.updated',
        created: ago(60),
        payload: { id: stripeEventId, type: 'customer.subscription.updated', created: 0, data: { object: { id: 'sub_ops', customer } } },
        processedAt: ago(50),
        outcome: 'unresolved',
        attempts: 8,
      })
      .returning({ id: stripeEvents.id });
    const before = await pulse(h, owner.cookie);
    const row = rowOf(before, 'stripe', event!.id)!;
    expect(row).toMatchObject({ label: 'customer.subscription.updated unresolved', fix: { intent: 'reprocess-stripe-event' } });
    expect(row.detail).toContain(customer);
    expect(section(before, 'stripe').counts.unresolved).toBeGreaterThanOrEqual(1);

    const res = await fix(h, owner.cookie, row);
    expect(res.status).toBe(200);
    // Not one of our customers: the event is acknowledged as ignored, no longer waiting for a person.
    expect(res.body).toMatchObject({ intent: 'reprocess-stripe-event', outcome: 'ignored' });
    expect(rowOf(await pulse(h, owner.cookie), 'stripe', event!.id)).toBeUndefined();
    expect((await fix(h, owner.cookie, row)).status).toBe(409);
    const audit = await eventually(
      () => h.auditFor('stripe_event', event!.id),
      (a) => a.length > 0,
    );
    expect(audit[0]).toMatchObject({ action: 'operator.reprocess_stripe_event', payload: { before: { outcome: 'unresolved' } } });
  });

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
