// The end of the soak: after the load stops, wait (bounded) for the queues to drain, then account for every
// piece of accepted work against the truth — our tables for what the app did, the provider sandboxes for
// what the providers did and were asked to do. Each line: accepted, done, lost (accepted, never done) and
// twice (done more than once).
import pg from 'pg';
import type { Stack } from '../../scripts/lib/stack.ts';
import { pendingJobs, type Q } from './pending-jobs.ts';
import type { Tally } from './tally.ts';

export interface Line {
  what: string;
  accepted: number;
  done: number;
  lost: number;
  twice: number;
  note?: string;
}

/** Waits until nothing accepted is still in flight (imports, exports, deletions, ingest jobs, outboxes), at most `maxMs`. */
export async function drain(stack: Stack, tally: Tally, maxMs: number, log: (l: string) => void): Promise<number> {
  const t0 = Date.now();
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  db.on('error', () => {});
  await db.connect();
  try {
    for (;;) {
      const { rows } = await db.query<{ open: number }>(
        `select (select count(*) from import_jobs where status in ('queued', 'running'))
              + (select count(*) from privacy_requests where status in ('queued', 'running') and coalesce(run_after, now()) <= now())
              + (select count(*) from ingest_jobs where status in ('queued', 'running'))
              + (select count(*) from sms_messages where state in ('scheduled', 'sending') and due_at <= now())
              + (select count(*) from notification_deliveries where status in ('scheduled', 'sending') and due_at <= now())
              + (select count(*) from stripe_events where processed_at is null)
              + (select count(*) from webhook_events where processed_at is null) as open`,
      );
      const open = Number(rows[0]!.open);
      if (open === 0 || Date.now() - t0 > maxMs) {
        if (open) log(`drain: ${open} items still open after ${Math.round((Date.now() - t0) / 1000)} s`);
        return (Date.now() - t0) / 1000;
      }
      await new Promise((r) => setTimeout(r, 2_000));
    }
  } finally {
    await db.end();
  }
  void tally;
}

const sandboxJson = async <T>(stack: Stack, path: string): Promise<T> => (await (await fetch(`${stack.sandboxUrl}${path}`)).json()) as T;

export async function reconcile(stack: Stack, tally: Tally, since: Date, endpoints: string[]): Promise<Line[]> {
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  db.on('error', () => {});
  await db.connect();
  const q: Q = async (sql, args = []) => (await db.query(sql, args)).rows;
  const lines: Line[] = [];
  try {
    const imports = await q<{ status: string; n: number }>(
      `select status, count(*)::int as n from import_jobs where id = any($1::uuid[]) group by 1`,
      [tally.imports.map((i) => i.id)],
    );
    const done = imports.find((r) => r.status === 'done')?.n ?? 0;
    lines.push({ what: 'uploads (import jobs)', accepted: tally.imports.length, done, lost: tally.imports.length - done, twice: 0 });

    const exports = await q<{ status: string; n: number }>(
      `select status::text, count(*)::int as n from privacy_requests where kind = 'export' and requested_at >= $1 group by 1`,
      [since],
    );
    const ready = exports.filter((r) => r.status === 'ready' || r.status === 'done').reduce((s, r) => s + r.n, 0);
    const asked = exports.reduce((s, r) => s + r.n, 0);
    lines.push({
      what: 'exports',
      accepted: asked,
      done: ready,
      lost: asked - ready,
      twice: 0,
      note: exports.map((r) => `${r.status} ${r.n}`).join(', '),
    });

    const deleted = await q<{ gone: number; receipts: number }>(
      `select (select count(*) from unnest($1::uuid[]) u where not exists (select 1 from users where id = u))::int as gone,
              (select count(*) from deletion_receipts where request_id = any($2::uuid[]))::int as receipts`,
      [tally.deletions.map((d) => d.userId), tally.deletions.flatMap((d) => (d.requestId ? [d.requestId] : []))],
    );
    lines.push({
      what: 'account deletions',
      accepted: tally.deletions.length,
      done: deleted[0]!.gone,
      lost: tally.deletions.length - deleted[0]!.gone,
      twice: Math.max(0, deleted[0]!.receipts - tally.deletions.length),
      note: `${deleted[0]!.receipts} receipts`,
    });

    // Strava: what the sandbox holds for each connected athlete against what we stored.
    let sTruth = 0;
    let sOurs = 0;
    let sTwice = 0;
    for (const s of tally.strava) {
      const truth = await sandboxJson<{ activities: { id: number }[] }>(stack, `/strava/_control/athletes/${s.athleteId}`);
      const ours = await q<{ n: number; distinct: number }>(
        `select count(*)::int as n, count(distinct external_id)::int as distinct from activities where user_id = $1 and source = 'strava' and deleted_at is null`,
        [s.userId],
      );
      sTruth += truth.activities.length;
      sOurs += ours[0]!.distinct;
      sTwice += ours[0]!.n - ours[0]!.distinct;
    }
    // An index job may bring many activities: any Strava job still open makes the difference waiting, not lost.
    const sWaiting = await pendingJobs(
      q,
      tally.strava.map((x) => x.userId),
      'strava.%',
    );
    lines.push({
      what: `Strava activities (${tally.strava.length} athletes)`,
      accepted: sTruth,
      done: sOurs,
      lost: sWaiting.open ? 0 : sTruth - sOurs,
      twice: sTwice,
      note: [
        sWaiting.note,
        tally.connectsStoppedAtProvider ? `${tally.connectsStoppedAtProvider} connects stopped at Strava's own page while it was down` : '',
      ]
        .filter(Boolean)
        .join('; '),
    });

    const garminIds = tally.garmin.flatMap((g) => g.activityIds);
    const g = await q<{ n: number; distinct: number }>(
      `select count(*)::int as n, count(distinct external_id)::int as distinct from activities where source = 'garmin_api' and external_id = any($1::text[])`,
      [garminIds],
    );
    // One file job per announced activity: only as many as are still open can be waiting.
    const gWaiting = await pendingJobs(
      q,
      tally.garmin.map((x) => x.userId),
      'garmin.file',
    );
    lines.push({
      what: 'Garmin activities',
      accepted: garminIds.length,
      done: g[0]!.distinct,
      lost: Math.max(0, garminIds.length - g[0]!.distinct - gWaiting.open),
      twice: g[0]!.n - g[0]!.distinct,
      note: gWaiting.note,
    });

    const polarAdded = tally.polar.reduce((s, p) => s + p.added, 0);
    const p = await q<{ n: number; distinct: number }>(
      `select count(*)::int as n, count(distinct external_id)::int as distinct from activities where source = 'polar_api' and user_id = any($1::uuid[]) and created_at >= $2`,
      [tally.polar.map((x) => x.userId), since],
    );
    lines.push({
      what: 'Polar exercises',
      accepted: polarAdded,
      done: p[0]!.distinct,
      lost: polarAdded - p[0]!.distinct,
      twice: p[0]!.n - p[0]!.distinct,
    });

    const keys = [...tally.deductions.entries()].map(([k, c]) => `manual:${c}:${k}`);
    const uses = await q<{ n: number; distinct: number }>(
      `select count(*)::int as n, count(distinct cause)::int as distinct from session_ledger where kind = 'use' and cause = any($1::text[])`,
      [keys],
    );
    lines.push({
      what: 'deductions (session uses)',
      accepted: keys.length,
      done: uses[0]!.distinct,
      lost: keys.length - uses[0]!.distinct,
      twice: uses[0]!.n - uses[0]!.distinct,
      note: `${tally.deductionRepeats} repeats of a used key sent`,
    });

    const sent = stack.sandbox.twilio
      .messages()
      .filter((m) => m.direction === 'outbound-api' && m.status !== 'failed')
      .map((m) => m.body);
    const smsCounts = tally.sms.map((s) => sent.filter((b) => b.includes(s.token)).length);
    lines.push({
      what: 'SMS sent by the coach',
      accepted: tally.sms.length,
      done: smsCounts.filter((n) => n >= 1).length,
      lost: smsCounts.filter((n) => n === 0).length,
      twice: smsCounts.filter((n) => n > 1).length,
    });

    const replies = await q<{ body: string }>(`select body from sms_messages where direction = 'inbound' and created_at >= $1`, [since]);
    const replyCounts = tally.replies.map((r) => replies.filter((x) => x.body.includes(r.token)).length);
    lines.push({
      what: 'client SMS replies',
      accepted: tally.replies.length,
      done: replyCounts.filter((n) => n >= 1).length,
      lost: replyCounts.filter((n) => n === 0).length,
      twice: replyCounts.filter((n) => n > 1).length,
    });

    const pushes = await q<{ status: string; n: number; due: number }>(
      `select status::text, count(*)::int as n, (count(*) filter (where due_at <= now()))::int as due
         from notification_deliveries where channel = 'push' and created_at >= $1 group by 1`,
      [since],
    );
    const pushSent = pushes.find((r) => r.status === 'sent')?.n ?? 0;
    const pushAll = pushes.reduce((s, r) => s + r.n, 0);
    // Every push the service accepted (201) for the soak's browsers, Topic-replaced ones included.
    const accepted201 = endpoints
      .map(
        (e) =>
          stack.sandbox.push.subscription(e)?.requests.filter((r) => r.status === 201 && Date.parse(r.at) >= since.getTime()).length ?? 0,
      )
      .reduce((s, n) => s + n, 0);
    const waiting = pushes.filter((r) => r.status === 'scheduled').reduce((s, r) => s + (r.n - r.due), 0);
    lines.push({
      what: 'push notifications',
      accepted: pushAll - waiting,
      done: pushSent,
      lost: pushes.filter((r) => ['failed', 'scheduled', 'sending'].includes(r.status)).reduce((s, r) => s + r.due, 0),
      twice: Math.max(0, accepted201 - pushSent),
      note: `${pushes.map((r) => `${r.status} ${r.n}`).join(', ')}; ${waiting} wait for their time (do-not-disturb, digests); push service accepted ${accepted201}; ${tally.comments.length} coach comments`,
    });

    const stripe = await q<{ open: number; unresolved: number; n: number }>(
      `select count(*)::int as n, (count(*) filter (where processed_at is null))::int as open,
              (count(*) filter (where outcome = 'unresolved'))::int as unresolved from stripe_events where received_at >= $1`,
      [since],
    );
    const paid = await q<{ n: number }>(
      `select count(distinct c.owner_id)::int as n from billing_customers c join subscription_mirror m on m.stripe_customer_id = c.stripe_customer_id
        where c.owner_type = 'user' and c.owner_id = any($1::uuid[]) and m.tier = 'elite' and m.status in ('active', 'trialing')`,
      [tally.checkouts.map((c) => c.userId)],
    );
    lines.push({
      what: 'Stripe checkouts paid → Elite',
      accepted: tally.checkouts.length,
      done: paid[0]!.n,
      lost: tally.checkouts.length - paid[0]!.n,
      twice: 0,
      note: `${stripe[0]!.n} events stored, ${stripe[0]!.open} unprocessed, ${stripe[0]!.unresolved} unresolved`,
    });

    const turns = [...tally.coachTurns.values()].reduce((s, n) => s + n, 0);
    const answers = await q<{ n: number; failed: number }>(
      `select (count(*) filter (where status = 'complete'))::int as n, (count(*) filter (where status in ('failed', 'streaming')))::int as failed
         from coach_messages where role = 'assistant' and conversation_id = any($1::uuid[])`,
      [[...tally.coachTurns.keys()]],
    );
    lines.push({
      what: 'AI coach turns answered',
      accepted: turns,
      done: Math.min(turns, answers[0]!.n),
      lost: Math.max(0, turns - answers[0]!.n),
      twice: 0,
      note: `${answers[0]!.failed} failed or unfinished`,
    });

    const webhooks = await q<{ provider: string; open: number; n: number }>(
      `select provider, count(*)::int as n, (count(*) filter (where processed_at is null))::int as open from webhook_events where received_at >= $1 group by 1`,
      [since],
    );
    const open = webhooks.reduce((s, r) => s + r.open, 0);
    const all = webhooks.reduce((s, r) => s + r.n, 0);
    lines.push({
      what: 'webhook deliveries stored',
      accepted: all,
      done: all - open,
      lost: open,
      twice: 0,
      note: webhooks.map((r) => `${r.provider} ${r.n}`).join(', '),
    });

    const automation = await q<{ status: string; n: number }>(
      `select status::text, count(*)::int as n from automation_runs where coalesce(started_at, next_attempt_at) >= $1 group by 1`,
      [since],
    ).catch(() => []);
    const failedRuns = automation.find((r) => r.status === 'failed')?.n ?? 0;
    const runs = automation.reduce((s, r) => s + r.n, 0);
    lines.push({
      what: 'automation runs',
      accepted: runs,
      done: runs - failedRuns,
      lost: failedRuns,
      twice: 0,
      note: automation.map((r) => `${r.status} ${r.n}`).join(', '),
    });
    return lines;
  } finally {
    await db.end();
  }
}
