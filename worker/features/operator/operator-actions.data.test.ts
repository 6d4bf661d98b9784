import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { athleteIntake, coachConversations, coachLlmCalls, coachMessages, importJobs, ingestJobs } from '../../db/schema';
import { gpxRun } from '../../testing/fixtures/files';
import { Harness, expectErrorShape } from '../../testing/harness';
import { TRANSIENT_IMPORT_ERRORS } from '../ingest';

// The text a failed import stores when the failure may pass (a retry can help).
const IMPORT_FAILED_TEXT = TRANSIENT_IMPORT_ERRORS[1]!;

// The data actions: onboarding, ingestion and import retries, analytics, the coach thread.
const act = (id: string, action: string) => `/api/v1/admin/users/${id}/actions/${action}`;
type Outcome = { changed: boolean; message: string; before: Record<string, unknown>; after: Record<string, unknown> };
type Audit = { action: string; actorId: string | null; payload: Record<string, unknown> };

async function world(grants: string[]) {
  const h = Harness.init();
  const athlete = await h.signup({ displayName: 'Ann Runner' });
  const op = await h.userWithRole('admin', grants);
  const run = (action: string, body: Record<string, unknown>) => h.json<Outcome>(act(athlete.user.id, action), { body, cookie: op.cookie });
  const audits = async (type: string, id: string, action: string) =>
    ((await h.auditFor(type, id)) as Audit[]).filter((a) => a.action === action);
  return { h, athlete, op, run, audits };
}

describe('operator actions: onboarding and analytics', () => {
  it('resets onboarding once (the answers go, audited); a second reset changes nothing', async () => {
    const { h, athlete, op, run, audits } = await world(['users.manage']);
    expect((await h.json('/api/v1/intake', { method: 'PUT', body: {}, cookie: athlete.cookie })).status).toBe(200);
    const res = await run('reset-onboarding', { reason: 'Wants to start over' });
    expect(res.status).toBe(200);
    expect(res.body.changed).toBe(true);
    expect(await h.db.select().from(athleteIntake).where(eq(athleteIntake.userId, athlete.user.id))).toHaveLength(0);
    const [row] = await audits('user', athlete.user.id, 'operator.reset_onboarding');
    expect(row).toMatchObject({
      actorId: op.id,
      payload: { reason: 'Wants to start over', before: { answered: true }, after: { answered: false } },
    });
    const again = await run('reset-onboarding', { reason: 'again' });
    expect(again.body.changed).toBe(false);
    expect(await audits('user', athlete.user.id, 'operator.reset_onboarding')).toHaveLength(1);
  });

  it('re-runs analytics for one athlete (system.analytics_rebuild), audited', async () => {
    const { athlete, run, audits } = await world(['system.analytics_rebuild']);
    const res = await run('rerun-analytics', { reason: 'Loads looked wrong' });
    expect(res.status).toBe(200);
    expect(res.body.after).toMatchObject({ activities: 0 });
    expect((await audits('user', athlete.user.id, 'operator.rerun_analytics'))[0]?.payload).toMatchObject({
      reason: 'Loads looked wrong',
      after: { activities: 0 },
    });
  });
});

describe('operator actions: ingestion and imports', () => {
  it('re-queues a failed job (audited on the job); a finished one is a 409, another athlete’s a 404', async () => {
    const { h, athlete, op, run, audits } = await world(['ingestion.retry']);
    const job = async (status: 'error' | 'done') => {
      const [row] = await h.db
        .insert(ingestJobs)
        .values({
          userId: athlete.user.id,
          kind: 'strava.activity',
          payload: {},
          dedupeKey: crypto.randomUUID(),
          status,
          attempts: 5,
          lastError: 'boom',
        })
        .returning({ id: ingestJobs.id });
      return row!.id;
    };
    const failed = await job('error');
    const res = await run('retry-job', { reason: 'Strava was down', jobId: failed });
    expect(res.status).toBe(200);
    expect(res.body.after).toMatchObject({ requeued: [failed] });
    const [row] = await audits('job', failed, 'operator.retry_job');
    expect(row).toMatchObject({
      actorId: op.id,
      payload: {
        reason: 'Strava was down',
        jobId: failed,
        userId: athlete.user.id,
        before: { jobs: [{ id: failed, status: 'error', attempts: 5 }] },
      },
    });
    const done = await job('done');
    const conflict = await run('retry-job', { reason: 'x', jobId: done });
    expect(conflict.status).toBe(409);
    expectErrorShape(conflict.body, 'CONFLICT');
    expect((await run('retry-job', { reason: 'x', jobId: crypto.randomUUID() })).status).toBe(404);
    // The per-athlete retry with nothing failed changes nothing and writes no audit row.
    const other = await world(['ingestion.retry']);
    const none = await other.run('retry-ingestion', { reason: 'check' });
    expect(none.body).toMatchObject({ changed: false });
    expect(await other.audits('user', other.athlete.user.id, 'operator.retry_ingestion')).toHaveLength(0);
  });

  it('retries a failed import from its stored file until it is done; a missing file is a 409', async () => {
    const { h, athlete, run, audits } = await world(['ingestion.retry']);
    const insert = async (objectKey: string) => {
      const [row] = await h.db
        .insert(importJobs)
        .values({
          userId: athlete.user.id,
          filename: 'run.gpx',
          objectKey,
          sizeBytes: 100,
          status: 'error',
          attempts: 3,
          error: IMPORT_FAILED_TEXT,
        })
        .returning({ id: importJobs.id });
      return row!.id;
    };
    const key = `imports/${athlete.user.id}/${crypto.randomUUID()}`;
    await env.UPLOADS.put(key, gpxRun(new Date('2025-05-01T06:00:00Z')).xml);
    const stored = await insert(key);
    const res = await run('retry-import', { reason: 'Parser fixed', importId: stored });
    expect(res.status).toBe(200);
    expect(res.body.changed).toBe(true);
    expect((await audits('import', stored, 'operator.retry_import'))[0]?.payload).toMatchObject({
      reason: 'Parser fixed',
      importId: stored,
      before: { status: 'error' },
      after: { status: 'queued' },
    });
    await vi.waitFor(
      async () => {
        const [row] = await h.db.select().from(importJobs).where(eq(importJobs.id, stored));
        expect(row).toMatchObject({ status: 'done', imported: 1 });
      },
      { timeout: 30_000, interval: 100 },
    );
    expect((await run('retry-import', { reason: 'again', importId: stored })).status).toBe(409);
    const gone = await insert(`imports/${athlete.user.id}/${crypto.randomUUID()}`);
    const missing = await run('retry-import', { reason: 'x', importId: gone });
    expect(missing.status).toBe(409);
    expect((missing.body as unknown as { error: { message: string } }).error.message).toMatch(/no longer stored/);
  });
});

describe('operator actions: the coach thread', () => {
  it('deletes conversations and messages, keeps the cost ledger, and refuses while a turn is live', async () => {
    const { h, athlete, run, audits } = await world(['users.manage']);
    const [conv] = await h.db.insert(coachConversations).values({ userId: athlete.user.id, title: 'Race plan' }).returning();
    const [msg] = await h.db
      .insert(coachMessages)
      .values({ conversationId: conv!.id, userId: athlete.user.id, role: 'assistant', content: 'Hi', status: 'streaming' })
      .returning();
    await h.db
      .insert(coachLlmCalls)
      .values({ userId: athlete.user.id, messageId: msg!.id, provider: 'anthropic', model: 'm', outcome: 'ok', costNanoUsd: 1000 });
    const busy = await run('clear-coach-thread', { reason: 'Asked by athlete' });
    expect(busy.status).toBe(409);
    expectErrorShape(busy.body, 'COACH_BUSY');
    await h.db.update(coachMessages).set({ status: 'complete' }).where(eq(coachMessages.id, msg!.id));
    const res = await run('clear-coach-thread', { reason: 'Asked by athlete' });
    expect(res.status).toBe(200);
    expect(res.body.before).toMatchObject({ conversations: 1, messages: 1, llmCallsKept: 1 });
    expect(await h.db.select().from(coachConversations).where(eq(coachConversations.userId, athlete.user.id))).toHaveLength(0);
    const kept = await h.db.select().from(coachLlmCalls).where(eq(coachLlmCalls.userId, athlete.user.id));
    expect(kept).toMatchObject([{ messageId: null, costNanoUsd: 1000 }]);
    expect((await audits('user', athlete.user.id, 'operator.clear_coach_thread'))[0]?.payload).toMatchObject({
      reason: 'Asked by athlete',
      before: { conversations: 1, messages: 1 },
      after: { conversations: 0, llmCallsKept: 1 },
    });
    expect((await run('clear-coach-thread', { reason: 'again' })).body.changed).toBe(false);
  });
});
