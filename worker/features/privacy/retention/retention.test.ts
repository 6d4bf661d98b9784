import { sql } from 'drizzle-orm';
import { describe, expect, it, onTestFinished } from 'vitest';
import { cronJobs } from '../../../jobs/cron';
import { createLogger } from '../../../lib/logger';
import { Harness } from '../../../testing/harness';
import { createServices } from '../../../wiring';
import { createAuditService } from '../../audit';
import { archiveKey, exportObjectsPrefix } from '../export/export.service';
import { r2ArchiveStore } from './archive-store';
import { TABLE_SWEEPS } from './retention.repo';
import { RETENTION_JOB, RETENTION_RULES, type SweptRuleId, limitMs } from './retention.rules';
import { SWEPT_RULES, createRetentionService } from './retention.service';

const NOW = new Date('2026-11-20T03:30:00Z');
const HOUR = 3_600_000;
/** Just past a rule's limit, and just inside it. */
const past = (id: SweptRuleId) => new Date(NOW.getTime() - limitMs(id) - HOUR);
const inside = (id: SweptRuleId) => new Date(NOW.getTime() - limitMs(id) + HOUR);
const tag = () => crypto.randomUUID().slice(0, 8);

function retentionAt(h: Harness, opts: { batchSize?: number; maxBatches?: number } = {}) {
  return createRetentionService({
    db: h.db,
    clock: { now: () => NOW },
    audit: createAuditService(h.db, null),
    archives: r2ArchiveStore(h.env.UPLOADS),
    ...opts,
  });
}

const one = async <T>(h: Harness, q: ReturnType<typeof sql>) => (await h.db.execute(q)).rows[0] as T | undefined;
const exists = async (h: Harness, q: ReturnType<typeof sql>) => (await h.db.execute(q)).rows.length > 0;

async function user(h: Harness) {
  return (await h.signup()).user.id;
}

/**
 * One case per rule the job enforces (the Record makes a missing one a type error): rows just past the limit
 * (`old`), rows just inside it or otherwise not due (`young`), and whether each is still as it was.
 */
type Seeded = { old: string[]; young: string[]; intact: (label: string) => Promise<boolean> };
const CASES: Record<SweptRuleId, (h: Harness) => Promise<Seeded>> = {
  async 'export-archives'(h) {
    const uid = await user(h);
    const other = await user(h);
    const mk = async (u: string, expiresAt: Date) => {
      const r = await one<{ id: string }>(
        h,
        sql`insert into privacy_requests (kind, status, user_id, due_at, completed_at, expires_at, result)
            values ('export', 'ready', ${u}, ${NOW}, ${new Date(expiresAt.getTime() - 72 * HOUR)}, ${expiresAt},
                    ${JSON.stringify({ bytes: 3, files: 1 })}::jsonb) returning id`,
      );
      await h.env.UPLOADS.put(archiveKey(u, r!.id), 'zip');
      await h.env.UPLOADS.put(`${exportObjectsPrefix(u, r!.id)}checkpoint-1`, 'state');
      return r!.id;
    };
    const expired = await mk(uid, new Date(NOW.getTime() - HOUR));
    const ready = await mk(other, new Date(NOW.getTime() + HOUR));
    const ids: Record<string, [string, string]> = { expired: [expired, uid], ready: [ready, other] };
    return {
      old: ['expired'],
      young: ['ready'],
      async intact(label) {
        const [id, u] = ids[label]!;
        const row = await one<{ status: string }>(h, sql`select status from privacy_requests where id = ${id}`);
        const files = [await h.env.UPLOADS.head(archiveKey(u, id)), await h.env.UPLOADS.head(`${exportObjectsPrefix(u, id)}checkpoint-1`)];
        if (row?.status === 'ready') {
          expect(files.every(Boolean)).toBe(true);
          return true;
        }
        // Expired: the archive and its checkpoints are gone, never one without the other.
        expect(row?.status).toBe('expired');
        expect(files.some(Boolean)).toBe(false);
        return false;
      },
    };
  },
  async 'webhook-payloads'(h) {
    const t = tag();
    const mk = (label: string, receivedAt: Date, processed: boolean) =>
      h.db.execute(sql`insert into webhook_events (provider, dedupe_key, payload, received_at, processed_at)
        values ('strava', ${`${t}:${label}`}, '{"owner_id": 42}'::jsonb, ${receivedAt}, ${processed ? receivedAt : null})`);
    await mk('old', past('webhook-payloads'), true);
    await mk('young', inside('webhook-payloads'), true);
    await mk('unprocessed', past('webhook-payloads'), false);
    return {
      old: ['old'],
      young: ['young', 'unprocessed'],
      intact: (label) => exists(h, sql`select 1 from webhook_events where dedupe_key = ${`${t}:${label}`} and payload ? 'owner_id'`),
    };
  },
  async 'stripe-payloads'(h) {
    const t = tag();
    const mk = (label: string, receivedAt: Date) =>
      h.db.execute(sql`insert into stripe_events (stripe_event_id, type, created, payload, received_at, processed_at, outcome)
        values (${`evt_${t}_${label}`}, 'invoice.paid', ${receivedAt}, '{"customer": "cus_1"}'::jsonb, ${receivedAt}, ${receivedAt}, 'processed')`);
    await mk('old', past('stripe-payloads'));
    await mk('young', inside('stripe-payloads'));
    return {
      old: ['old'],
      young: ['young'],
      async intact(label) {
        const row = await one<{ payload: Record<string, unknown>; outcome: string }>(
          h,
          sql`select payload, outcome from stripe_events where stripe_event_id = ${`evt_${t}_${label}`}`,
        );
        // The row (id, type, outcome) stays as the billing log either way.
        expect(row?.outcome).toBe('processed');
        return 'customer' in (row?.payload ?? {});
      },
    };
  },
  async sessions(h) {
    const uid = await user(h);
    const t = tag();
    for (const [label, expiresAt] of [
      ['old', new Date(NOW.getTime() - 60_000)],
      ['young', new Date(NOW.getTime() + 60_000)],
    ] as const)
      await h.db.execute(sql`insert into sessions (token_hash, user_id, auth_version, expires_at)
        values (${`${t}:${label}`}, ${uid}, 1, ${expiresAt})`);
    return { old: ['old'], young: ['young'], intact: (l) => exists(h, sql`select 1 from sessions where token_hash = ${`${t}:${l}`}`) };
  },
  async 'password-reset-links'(h) {
    const uid = await user(h);
    const t = tag();
    for (const [label, expiresAt] of [
      ['old', new Date(NOW.getTime() - 60_000)],
      ['young', new Date(NOW.getTime() + 60_000)],
    ] as const)
      await h.db.execute(
        sql`insert into password_reset_tokens (token_hash, user_id, expires_at) values (${`${t}:${label}`}, ${uid}, ${expiresAt})`,
      );
    return {
      old: ['old'],
      young: ['young'],
      intact: (l) => exists(h, sql`select 1 from password_reset_tokens where token_hash = ${`${t}:${l}`}`),
    };
  },
  async 'oauth-states'(h) {
    const t = tag();
    await h.db.execute(sql`insert into oauth_states (nonce, consumed_at) values (${`${t}:old`}, ${past('oauth-states')}),
      (${`${t}:young`}, ${inside('oauth-states')})`);
    return { old: ['old'], young: ['young'], intact: (l) => exists(h, sql`select 1 from oauth_states where nonce = ${`${t}:${l}`}`) };
  },
  async 'login-throttle'(h) {
    const t = tag();
    await h.db.execute(sql`insert into login_throttle (key, failures, locked_until, last_failure_at) values
      (${`ip:${t}:old`}, 3, null, ${past('login-throttle')}),
      (${`ip:${t}:young`}, 3, null, ${inside('login-throttle')}),
      (${`ip:${t}:locked`}, 30, ${new Date(NOW.getTime() + HOUR)}, ${past('login-throttle')})`);
    return {
      old: ['old'],
      young: ['young', 'locked'],
      intact: (l) => exists(h, sql`select 1 from login_throttle where key = ${`ip:${t}:${l}`}`),
    };
  },
  async notifications(h) {
    const uid = await user(h);
    const t = tag();
    for (const [label, at] of [
      ['old', past('notifications')],
      ['young', inside('notifications')],
    ] as const)
      await h.db.execute(sql`insert into notifications (user_id, dedupe_key, kind, title, created_at)
        values (${uid}, ${`${t}:${label}`}, 'plan.created', 'Your plan is ready', ${at})`);
    return { old: ['old'], young: ['young'], intact: (l) => exists(h, sql`select 1 from notifications where dedupe_key = ${`${t}:${l}`}`) };
  },
  async 'notification-emails'(h) {
    const uid = await user(h);
    const t = tag();
    for (const [label, status, at] of [
      ['old', 'sent', past('notification-emails')],
      ['young', 'sent', inside('notification-emails')],
      ['waiting', 'scheduled', past('notification-emails')],
    ] as const)
      await h.db.execute(sql`insert into notification_deliveries (user_id, dedupe_key, kind, category, type, status, due_at, updated_at)
        values (${uid}, ${`${t}:${label}`}, 'single', 'load', 'load.warning', ${status}, ${at}, ${at})`);
    return {
      old: ['old'],
      young: ['young', 'waiting'],
      intact: (l) => exists(h, sql`select 1 from notification_deliveries where dedupe_key = ${`${t}:${l}`}`),
    };
  },
  async 'notification-gates'(h) {
    const uid = await user(h);
    const t = tag();
    await h.db.execute(sql`insert into notification_events (dedupe_key, user_id, type, created_at) values
      (${`${t}:old`}, ${uid}, 'load.warning', ${past('notification-gates')}),
      (${`${t}:young`}, ${uid}, 'load.warning', ${inside('notification-gates')})`);
    return {
      old: ['old'],
      young: ['young'],
      intact: (l) => exists(h, sql`select 1 from notification_events where dedupe_key = ${`${t}:${l}`}`),
    };
  },
  async 'idempotency-keys'(h) {
    const uid = await user(h);
    const t = tag();
    await h.db.execute(sql`insert into idempotency_keys (user_id, key, route, request_hash, response_status, response_body, created_at) values
      (${uid}, ${`${t}:old`}, 'PUT /x', 'h', 200, '{}', ${past('idempotency-keys')}),
      (${uid}, ${`${t}:young`}, 'PUT /x', 'h', 200, '{}', ${inside('idempotency-keys')})`);
    return {
      old: ['old'],
      young: ['young'],
      intact: (l) => exists(h, sql`select 1 from idempotency_keys where key = ${`${t}:${l}`}`),
    };
  },
  async 'privacy-requests'(h) {
    const ids: Record<string, string> = {};
    for (const [label, kind, status, completedAt] of [
      ['old', 'export', 'expired', past('privacy-requests')],
      ['young', 'deletion', 'done', inside('privacy-requests')],
      ['open', 'deletion', 'queued', null],
    ] as const) {
      const r = await one<{ id: string }>(
        h,
        sql`insert into privacy_requests (kind, status, user_id, requested_at, due_at, completed_at, updated_at)
            values (${kind}, ${status}, ${await user(h)}, ${past('privacy-requests')}, ${past('privacy-requests')}, ${completedAt},
                    ${past('privacy-requests')}) returning id`,
      );
      ids[label] = r!.id;
    }
    return {
      old: ['old'],
      young: ['young', 'open'],
      intact: (l) => exists(h, sql`select 1 from privacy_requests where id = ${ids[l]!}`),
    };
  },
  async 'deletion-receipts'(h) {
    const ids: Record<string, string> = {};
    for (const [label, at] of [
      ['old', past('deletion-receipts')],
      ['young', inside('deletion-receipts')],
    ] as const) {
      // The request itself finished recently (its own rule keeps it): only the receipt's age decides.
      const r = await one<{ id: string }>(
        h,
        sql`insert into privacy_requests (kind, status, due_at, completed_at) values ('deletion', 'done', ${NOW}, ${NOW}) returning id`,
      );
      const rc = await one<{ id: string }>(
        h,
        sql`insert into deletion_receipts (request_id, subject_hash, created_at, counts)
            values (${r!.id}, ${`hash-${tag()}`}, ${at}, '{"activities": 3}'::jsonb) returning id`,
      );
      ids[label] = rc!.id;
    }
    return {
      old: ['old'],
      young: ['young'],
      intact: (l) => exists(h, sql`select 1 from deletion_receipts where id = ${ids[l]!}`),
    };
  },
};

async function states(s: Seeded) {
  const out: Record<string, boolean> = {};
  for (const label of [...s.old, ...s.young]) out[label] = await s.intact(label);
  return out;
}

describe('the retention table', () => {
  it('every rule names a job that exists, and every rule of the daily job has its sweep', () => {
    const jobs = new Set(Object.values(cronJobs).flatMap((list) => list.map((j) => j.name)));
    const problems: string[] = [];
    for (const rule of RETENTION_RULES) {
      const pending = 'pending' in rule && rule.pending;
      if (!jobs.has(rule.job) && !pending) problems.push(`${rule.id}: no cron job named ${rule.job}`);
      if (jobs.has(rule.job) && pending) problems.push(`${rule.id}: ${rule.job} exists now, drop the pending note`);
      for (const field of ['what', 'keep', 'why', 'after'] as const) if (rule[field].length < 5) problems.push(`${rule.id}: no ${field}`);
    }
    expect(problems).toEqual([]);
    expect(jobs.has(RETENTION_JOB)).toBe(true);
    expect([...SWEPT_RULES, ...Object.keys(TABLE_SWEEPS)].length).toBeGreaterThan(0);
    expect(new Set(RETENTION_RULES.map((r) => r.id)).size).toBe(RETENTION_RULES.length);
    // The daily job's rules are exactly the sweeps (plus the export archives, which also touch R2).
    expect(SWEPT_RULES.filter((id) => id !== 'export-archives').sort()).toEqual(Object.keys(TABLE_SWEEPS).sort());
  });

  for (const id of SWEPT_RULES) {
    it(`${id}: a dry run counts and keeps everything; a real run removes exactly what is past the limit; a rerun finds nothing`, async () => {
      const h = Harness.init();
      const seeded = await CASES[id](h);
      const all = Object.fromEntries([...seeded.old, ...seeded.young].map((l) => [l, true]));
      const retention = retentionAt(h);

      const dry = await retention.run({ dryRun: true, only: [id] });
      expect(dry.rules[id]).toEqual({ matched: seeded.old.length, deleted: 0, more: false });
      expect(await states(seeded)).toEqual(all);

      const real = await retention.run({ dryRun: false, only: [id] });
      expect(real.rules[id]).toEqual({ matched: seeded.old.length, deleted: seeded.old.length, more: false });
      expect(await states(seeded)).toEqual({ ...all, ...Object.fromEntries(seeded.old.map((l) => [l, false])) });

      const again = await retention.run({ dryRun: false, only: [id] });
      expect(again.rules[id]).toEqual({ matched: 0, deleted: 0, more: false });

      const audited = (
        await h.db.execute(sql`select actor_id, payload from audit_log where action = 'privacy.retention_run' and payload->'rules' ? ${id}
          order by id`)
      ).rows as { actor_id: string | null; payload: { dryRun: boolean; rules: Record<string, { matched: number; deleted: number }> } }[];
      expect(audited.map((a) => [a.actor_id, a.payload.dryRun, a.payload.rules[id]])).toEqual([
        [null, true, { matched: seeded.old.length, deleted: 0, more: false }],
        [null, false, { matched: seeded.old.length, deleted: seeded.old.length, more: false }],
        [null, false, { matched: 0, deleted: 0, more: false }],
      ]);
    });
  }

  it('works in bounded batches: a run stops at its bound and says so, the next one continues', async () => {
    const h = Harness.init();
    const t = tag();
    for (let i = 0; i < 5; i++)
      await h.db.execute(sql`insert into oauth_states (nonce, consumed_at) values (${`${t}:${i}`}, ${past('oauth-states')})`);
    const left = async () =>
      Number((await one<{ n: number }>(h, sql`select count(*)::int as n from oauth_states where nonce like ${`${t}:%`}`))!.n);
    const bounded = retentionAt(h, { batchSize: 2, maxBatches: 2 });
    expect((await bounded.run({ dryRun: false, only: ['oauth-states'] })).rules['oauth-states']).toEqual({
      matched: 5,
      deleted: 4,
      more: true,
    });
    expect(await left()).toBe(1);
    expect((await bounded.run({ dryRun: false, only: ['oauth-states'] })).rules['oauth-states']).toEqual({
      matched: 1,
      deleted: 1,
      more: false,
    });
    expect(await left()).toBe(0);
  });

  it('two runs at once handle each row once (locked rows are skipped, not waited for or done twice)', async () => {
    const h = Harness.init();
    const t = tag();
    await h.db.execute(sql`insert into webhook_events (provider, dedupe_key, payload, received_at, processed_at)
      select 'strava', ${t} || ':' || g, '{"owner_id": 1}'::jsonb, ${past('webhook-payloads')}, ${past('webhook-payloads')}
      from generate_series(1, 40) g`);
    const a = retentionAt(h, { batchSize: 3 });
    const b = retentionAt(h, { batchSize: 3 });
    const [ra, rb] = await Promise.all([
      a.run({ dryRun: false, only: ['webhook-payloads', 'export-archives'] }),
      b.run({ dryRun: false, only: ['webhook-payloads', 'export-archives'] }),
    ]);
    expect(ra.rules['webhook-payloads'].deleted + rb.rules['webhook-payloads'].deleted).toBe(40);
    const left = await one<{ n: number }>(
      h,
      sql`select count(*)::int as n from webhook_events where dedupe_key like ${`${t}:%`} and payload <> '{}'::jsonb`,
    );
    expect(left!.n).toBe(0);
  });

  it('the daily cron runs it for real, and counts only with RETENTION_DRY_RUN=1', async () => {
    const h = Harness.init();
    const t = tag();
    await h.db.execute(sql`insert into oauth_states (nonce, consumed_at) values (${`${t}:cron`}, now() - interval '2 days')`);
    const job = cronJobs['30 3 * * *']!.find((j) => j.name === RETENTION_JOB)!;
    const servicesWith = (dry: '0' | '1') => {
      const s = createServices(
        { ...h.env, RETENTION_DRY_RUN: dry },
        { requestId: null, logger: createLogger('error'), waitUntil: () => {} },
      );
      onTestFinished(() => s.close());
      return s;
    };
    const kept = () => exists(h, sql`select 1 from oauth_states where nonce = ${`${t}:cron`}`);
    const dry = await job.run(servicesWith('1'), new Date());
    expect(dry.count).toBeGreaterThanOrEqual(1);
    expect(await kept()).toBe(true);
    await job.run(servicesWith('0'), new Date());
    expect(await kept()).toBe(false);
    const runs = (
      await h.db.execute(
        sql`select payload->>'dryRun' as dry from audit_log where action = 'privacy.retention_run' and actor_id is null order by id desc limit 2`,
      )
    ).rows as { dry: string }[];
    expect(runs.map((r) => r.dry)).toEqual(['false', 'true']);
  });
});
