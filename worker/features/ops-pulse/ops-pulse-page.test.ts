import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { automationRuns, automations, importJobs, ingestionState, ingestJobs } from '../../db/schema';
import { gpxRun } from '../../testing/fixtures/files';
import { Harness } from '../../testing/harness';
import type { Body } from '../../testing/bodies';
import { coachWorld } from '../coach-os/sms/sms-testing';
import { TRANSIENT_IMPORT_ERRORS } from '../ingest';
import type { Pulse } from './ops-pulse.schema';

// The /admin/pulse page (loader and action) and the remaining buttons: automation runs and imports.
type PulseBody = Body<typeof Pulse>;

const ago = (min: number) => new Date(Date.now() - min * 60_000);
const form = (values: Record<string, string>) => ({
  method: 'POST',
  body: new URLSearchParams(values).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

async function stuckJob(h: Harness, userId: string) {
  const [job] = await h.db
    .insert(ingestJobs)
    .values({ userId, kind: 'ops.pulse-test', dedupeKey: `ops-test:${crypto.randomUUID()}`, status: 'running', startedAt: ago(45) })
    .returning({ id: ingestJobs.id });
  return job!.id;
}

describe('/admin/pulse', () => {
  it('opens with ops.read, shows the stuck job, and its button (with the permission) fixes it', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    expect((await h.call('/admin/pulse', { cookie: athlete.cookie })).status).toBe(403);
    const plainAdmin = await h.userWithRole('admin');
    expect((await h.call('/admin/pulse', { cookie: plainAdmin.cookie })).status).toBe(403);

    const jobId = await stuckJob(h, athlete.user.id);
    await h.db.insert(ingestionState).values({ userId: athlete.user.id, source: 'strava', status: 'error', lastError: 'token revoked' });
    const reader = await h.userWithRole('admin', ['ops.read']);
    const page = await h.call('/admin/pulse', { cookie: reader.cookie });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Ops Pulse');
    expect(html).toContain(`/admin/athletes/${athlete.user.id}`);
    // A reader sees what the button needs instead of the button.
    expect(html).toContain('needs the “ingestion.retry” permission');

    const refused = await h.call('/admin/pulse', {
      ...form({ intent: 'retry-job', id: jobId, reason: 'Ops Pulse: stuck' }),
      cookie: reader.cookie,
    });
    expect(refused.status).toBe(403);

    const fixer = await h.userWithRole('admin', ['ops.read', 'ingestion.retry']);
    const withButton = await (await h.call('/admin/pulse', { cookie: fixer.cookie })).text();
    expect(withButton).toContain(`value="${jobId}"`);
    // The athlete in error gets the operator action "Retry ingestion" (runOperatorAction) right on the row.
    expect(withButton).toContain('value="retry-ingestion"');
    const noReason = await h.call('/admin/pulse', { ...form({ intent: 'retry-job', id: jobId, reason: ' ' }), cookie: fixer.cookie });
    expect(noReason.status).toBe(400);
    const done = await h.call('/admin/pulse', {
      ...form({ intent: 'retry-job', id: jobId, reason: 'Ops Pulse: stuck' }),
      cookie: fixer.cookie,
    });
    expect(done.status).toBe(200);
    const [row] = await h.db.select({ status: ingestJobs.status }).from(ingestJobs).where(eq(ingestJobs.id, jobId));
    expect(row?.status).not.toBe('running');
    expect((await h.auditFor('job', jobId))[0]).toMatchObject({ action: 'operator.retry_job', actorId: fixer.id });
  });

  it('a failed automation run appears with "Retry run", and retrying runs it again', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const owner = await h.userWithRole('owner');
    const [rule] = await h.db
      .insert(automations)
      .values({
        orgId: w.orgId,
        createdBy: w.coach.id,
        name: 'Pulse follow-up',
        trigger: { kind: 'booking_completed' },
        action: { kind: 'task', title: 'Call back', message: '' },
      })
      .returning({ id: automations.id });
    const [run] = await h.db
      .insert(automationRuns)
      .values({
        automationId: rule!.id,
        orgId: w.orgId,
        key: `ops-test:${crypto.randomUUID()}`,
        status: 'failed',
        errorCode: 'ACTION_FAILED',
        errorMessage: 'boom',
        attempt: 5,
        finishedAt: ago(2),
      })
      .returning({ id: automationRuns.id });
    const pulse = (await h.json<PulseBody>('/api/v1/admin/ops/pulse', { cookie: owner.cookie })).body;
    const row = pulse.sections.find((s) => s.key === 'automations')!.rows.find((r) => r.id === run!.id)!;
    expect(row).toMatchObject({
      label: '“Pulse follow-up” failed',
      orgId: w.orgId,
      userId: w.coach.id,
      fix: { intent: 'retry-automation' },
    });
    expect(row.detail).toContain('no retries left');

    const res = await h.json(row.fix!.path!, { method: 'POST', cookie: owner.cookie, body: { reason: 'Ops Pulse: rule' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ intent: 'retry-automation', outcome: 'succeeded' });
    const after = (await h.json<PulseBody>('/api/v1/admin/ops/pulse', { cookie: owner.cookie })).body;
    expect(after.sections.find((s) => s.key === 'automations')!.rows.some((r) => r.id === run!.id)).toBe(false);
    expect((await h.auditFor('automation_run', run!.id))[0]?.action).toBe('operator.retry_automation');
  });

  it('an import that failed for a passing reason appears with "Retry import", and retrying queues it again', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const owner = await h.userWithRole('owner');
    const [imp] = await h.db
      .insert(importJobs)
      .values({
        userId: athlete.user.id,
        filename: 'run.gpx',
        objectKey: `imports/${athlete.user.id}/missing`,
        sizeBytes: 10,
        status: 'error',
        // What the reclaim sweep records when the consumer died mid-run: transient, a retry can help.
        error: TRANSIENT_IMPORT_ERRORS[0]!,
        finishedAt: ago(3),
      })
      .returning({ id: importJobs.id });
    const pulse = (await h.json<PulseBody>('/api/v1/admin/ops/pulse', { cookie: owner.cookie })).body;
    const row = pulse.sections.find((s) => s.key === 'imports')!.rows.find((r) => r.id === imp!.id)!;
    expect(row).toMatchObject({
      userId: athlete.user.id,
      fix: { intent: 'retry-import', available: true, path: `/api/v1/admin/ops/imports/${imp!.id}/retry` },
    });
    const res = await h.json(row.fix!.path!, { method: 'POST', cookie: owner.cookie, body: { reason: 'Ops Pulse: import' } });
    expect(res.status).toBe(200);
    expect((await h.auditFor('import', imp!.id)).map((a) => a.action)).toContain('operator.retry_import');
  });

  it('an upload of unreadable files is listed with its reasons in words and what to do instead of "Retry import"', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const objectKey = `imports/${athlete.user.id}/${crypto.randomUUID()}`;
    await env.UPLOADS.put(objectKey, gpxRun(new Date('2025-05-04T06:00:00Z')).xml);
    const [imp] = await h.db
      .insert(importJobs)
      .values({
        userId: athlete.user.id,
        filename: 'ann-export.zip',
        objectKey,
        sizeBytes: 2048,
        status: 'done',
        kind: 'zip',
        found: 0,
        imported: 0,
        skipped: [
          { name: 'ann-morning.fit', reason: 'malformed_fit', detail: 'not a FIT file' },
          { name: 'ann-evening.fit', reason: 'malformed_fit', detail: 'not a FIT file' },
          { name: 'notes.txt', reason: 'unsupported_type' },
        ],
        finishedAt: ago(4),
      })
      .returning({ id: importJobs.id });
    const fixer = await h.userWithRole('admin', ['ops.read', 'ingestion.retry']);
    const html = (await (await h.call('/admin/pulse', { cookie: fixer.cookie })).text()).replaceAll('<!-- -->', '');
    expect(html).toContain('Imports failing or bringing nothing in');
    expect(html).toContain('imported nothing, last 24 h');
    const at = html.indexOf('3 entries skipped: 2 × not a readable FIT file (not a FIT file), 1 × a format we do not import');
    expect(at).toBeGreaterThan(-1);
    const row = html.slice(html.lastIndexOf('Imported nothing: not a readable FIT file', at), at + 800);
    expect(row).toContain('ask the athlete for the original file');
    // No form for this row: the button is not offered.
    expect(row).not.toContain(`value="${imp!.id}"`);
    expect(html).not.toContain('ann-morning');
    expect(html).not.toContain('malformed_fit');
    // A hand-made post gets the API's refusal, and nothing is queued or audited.
    const refused = await h.call('/admin/pulse', {
      ...form({ intent: 'retry-import', id: imp!.id, reason: 'Ops Pulse: imported nothing' }),
      cookie: fixer.cookie,
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('ask the athlete for the original file');
    expect((await h.auditFor('import', imp!.id)).map((a) => a.action)).not.toContain('operator.retry_import');
  });
});
