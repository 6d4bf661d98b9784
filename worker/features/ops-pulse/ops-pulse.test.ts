import { describe, expect, it } from 'vitest';
import { ingestionState, ingestJobs, smsMessages, stripeEvents } from '../../db/schema';
import { eventually } from '../../testing/eventually';
import { expectErrorShape, Harness } from '../../testing/harness';
import { coachWorld } from '../coach-os/sms/sms-testing';
import { ago, fix, pulse, rowOf, section } from './ops-pulse.testing';

// The pulse on fixtures of our own: each stuck thing shows up with its button, and the button fixes it (imports
// and webhooks: ops-pulse-imports.test.ts).
// The file's tests share its database, so assertions look at each test's own rows (and counts at least them).
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
});
