import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import worker from '../../index';
import { SCHEDULES } from '../../jobs/cron';
import type { Body } from '../../testing/bodies';
import { Harness, expectErrorShape } from '../../testing/harness';
import type { RetentionResult } from './audit-viewer.schema';

type Run = Body<typeof RetentionResult>;

/** Rows of this test's own target type: two backdated 400 days, one 300 days, one today. */
async function history(h: Harness) {
  const type = `test.retention.${crypto.randomUUID().slice(0, 8)}`;
  for (const [id, days] of [
    ['old-1', 400],
    ['old-2', 400],
    ['young-300', 300],
    ['young-0', 0],
  ] as const)
    await h.db.execute(sql`
      INSERT INTO audit_log (target_type, target_id, action, created_at)
      VALUES (${type}, ${id}, 'test.retention', now() - make_interval(days => ${days}))`);
  const left = async () =>
    (
      (await h.db.execute(sql`SELECT target_id FROM audit_log WHERE target_type = ${type} ORDER BY target_id`)).rows as {
        target_id: string;
      }[]
    ).map((r) => r.target_id);
  return { type, left };
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as { cause?: { message?: string } }).cause?.message ?? String(err);
  }
  return 'no error';
}

describe('audit retention', () => {
  it('dry-runs first, deletes only rows past the retention on a confirmed run, and audits both', async () => {
    const h = Harness.init();
    const owner = await h.userWithRole('owner');
    const { left } = await history(h);
    const run = (body: unknown) => h.json<Run>('/api/v1/admin/audit/retention', { cookie: owner.cookie, body });

    const dry = await run({ retentionDays: 365 });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, deleted: 0, retentionDays: 365 });
    // Earlier tests of this file may have backdated rows too: at least ours.
    expect(dry.body.matched).toBeGreaterThanOrEqual(2);
    expect(new Date(dry.body.cutoff).getTime()).toBeCloseTo(Date.now() - 365 * 86_400_000, -5);
    expect(await left()).toEqual(['old-1', 'old-2', 'young-0', 'young-300']);

    const unconfirmed = await run({ retentionDays: 365, dryRun: false });
    expect(unconfirmed.status).toBe(400);
    expect(await left()).toHaveLength(4);

    const real = await run({ retentionDays: 365, dryRun: false, confirm: true });
    expect(real.status).toBe(200);
    expect(real.body.dryRun).toBe(false);
    expect(real.body.deleted).toBe(real.body.matched);
    expect(real.body.deleted).toBeGreaterThanOrEqual(2);
    expect(await left()).toEqual(['young-0', 'young-300']);

    const runs = await h.auditForActions(owner.id, 'audit.retention_run');
    expect(runs.map((r) => r.payload)).toEqual([
      expect.objectContaining({ dryRun: true, matched: dry.body.matched, deleted: 0, cutoff: dry.body.cutoff }),
      expect.objectContaining({ dryRun: false, matched: real.body.matched, deleted: real.body.deleted, cutoff: real.body.cutoff }),
    ]);
  });

  it('refuses a retention under 365 days, in the API and in the database', async () => {
    const h = Harness.init();
    const owner = await h.userWithRole('owner');
    const { left } = await history(h);
    const r = await h.json('/api/v1/admin/audit/retention', {
      cookie: owner.cookie,
      body: { retentionDays: 200, dryRun: false, confirm: true },
    });
    expect(r.status).toBe(400);
    expectErrorShape(r.body, 'VALIDATION');
    expect(await refusal(h.db.execute(sql`SELECT * FROM audit_log_purge(200, false)`))).toMatch(/at least/);
    expect(await left()).toHaveLength(4);
  });

  it('keeps young rows even from a plain DELETE or a hand-set purge flag', async () => {
    const h = Harness.init();
    const { type, left } = await history(h);
    expect(await refusal(h.db.execute(sql`DELETE FROM audit_log WHERE target_type = ${type}`))).toMatch(/append-only/);
    const byHand = h.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT set_config('cadence.audit_purge', 'on', true)`);
      await tx.execute(sql`DELETE FROM audit_log WHERE target_type = ${type} AND target_id = 'young-0'`);
    });
    expect(await refusal(byHand)).toMatch(/append-only/);
    expect(await left()).toEqual(['old-1', 'old-2', 'young-0', 'young-300']);
  });

  it('needs audit.retention (audit.read alone is not enough)', async () => {
    const h = Harness.init();
    const reader = await h.userWithRole('admin', ['audit.read']);
    const r = await h.json('/api/v1/admin/audit/retention', { cookie: reader.cookie, body: { retentionDays: 365 } });
    expect(r.status).toBe(403);
    expectErrorShape(r.body, 'FORBIDDEN');
    const granted = await h.userWithRole('admin', ['audit.retention']);
    expect((await h.json('/api/v1/admin/audit/retention', { cookie: granted.cookie, body: { retentionDays: 365 } })).status).toBe(200);
  });

  it('reports a dry run on the 1st of the month from the daily cron, and deletes nothing', async () => {
    const h = Harness.init();
    const { left } = await history(h);
    const reports = async () =>
      (
        await h.db.execute(
          sql`SELECT payload FROM audit_log WHERE action = 'audit.retention_run' AND actor_id IS NULL AND created_at >= now() - interval '1 minute'`,
        )
      ).rows as { payload: { dryRun: boolean; matched: number; deleted: number } }[];
    const tick = async (day: number) => {
      const ctx = createExecutionContext();
      const at = new Date(Date.UTC(2026, 11, day, 3, 30));
      await worker.scheduled(createScheduledController({ scheduledTime: at, cron: SCHEDULES.daily }), env, ctx);
      await waitOnExecutionContext(ctx);
    };
    const before = (await reports()).length;
    await tick(2);
    expect(await reports()).toHaveLength(before);
    await tick(1);
    const after = await reports();
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)?.payload).toMatchObject({ dryRun: true, deleted: 0 });
    expect(after.at(-1)?.payload.matched).toBeGreaterThanOrEqual(2);
    expect(await left()).toHaveLength(4);
  });
});
