// The three jobs the restart faults kill mid-way, each on an athlete of its own: an archive import, an export, a
// deletion. Each is started, probed for "mid-way" from its row, and after the kill waited for and reconciled.
import { readFileSync } from 'node:fs';
import { BENCH_PASSWORD } from '../users.ts';
import type { FaultContext } from './fault.ts';
import {
  ARCHIVE_ACTIVITIES,
  DELETION_ACTIVITIES,
  EXPORT_ACTIVITIES,
  FINISH_TIMEOUT_MS,
  type Kill,
  query,
  report,
  restartArchive,
  type StartedJob,
  seconds,
  seededAthlete,
  sleep,
  until,
} from './restart-support.ts';

type Athlete = Awaited<ReturnType<typeof seededAthlete>>;
/** The athletes whose export and deletion are killed, seeded ahead when the jobs must start at a given moment. */
export const seedExporter = (ctx: FaultContext) => seededAthlete(ctx, 'restart-export', EXPORT_ACTIVITIES);
export const seedDeleted = (ctx: FaultContext) => seededAthlete(ctx, 'restart-deletion', DELETION_ACTIVITIES);

const after = (kill: Kill, at: number | null) => (at === null ? '?' : seconds(at - kill.killedAt));
/** How a job ended as its owner saw it: its end status and when, or the moment the wait gave up on it. */
const ended = (status: string | undefined, kill: Kill, at: number) =>
  status
    ? `was '${status}' ${after(kill, at)} s after the kill`
    : `had not ended when the wait gave up ${after(kill, at)} s after the kill`;

/** A Strava archive upload: mid-way once `midAt` of it is stored. Reconciled: every activity once, all counted imported. */
export async function startImport(ctx: FaultContext, midAt = 0.25): Promise<StartedJob> {
  const { stack } = ctx;
  const startedAt = new Date();
  const archive = readFileSync(restartArchive());
  const athlete = await seededAthlete(ctx, 'restart-import', 0);
  const res = await fetch(`${stack.workerUrl}/api/v1/imports?filename=export_restart.zip`, {
    method: 'POST',
    headers: { cookie: athlete.cookie, origin: stack.appUrl, 'content-type': 'application/octet-stream' },
    body: new Blob([new Uint8Array(archive)]),
  });
  const job = (await res.json()) as { id: string };
  if (res.status !== 202) throw new Error(`restart-mid-import: upload refused: ${res.status} ${JSON.stringify(job)}`);
  type Row = { status: string; attempts: number; imported: number; duplicates: number; found: number; skipped: unknown[] };
  const row = async () =>
    (
      await query<Row>(stack.databaseUrl, 'select status, attempts, imported, duplicates, found, skipped from import_jobs where id = $1', [
        job.id,
      ])
    )[0];
  const stored = async () =>
    Number(
      (await query<{ n: string }>(stack.databaseUrl, 'select count(*)::text as n from activities where user_id = $1', [athlete.userId]))[0]
        ?.n,
    );
  let mid: { n: number; attempts: number } | undefined;
  return {
    name: 'restart-mid-import',
    async midway() {
      const r = await row();
      const n = await stored();
      if (r?.status === 'running' && n >= ARCHIVE_ACTIVITIES * midAt) mid = { n, attempts: r.attempts };
      return mid && `${n} of ${ARCHIVE_ACTIVITIES} activities stored`;
    },
    queued: async () => ['queued', 'running'].includes((await row())?.status ?? ''),
    async finish(kill) {
      const problems: string[] = [];
      let resumedAt: number | null = null;
      const done = await until(ctx, FINISH_TIMEOUT_MS, async () => {
        const r = await row();
        if (resumedAt === null && r && r.attempts > (mid?.attempts ?? 0)) resumedAt = Date.now();
        return r && (r.status === 'done' || r.status === 'error') ? r : undefined;
      });
      const finishedAt = Date.now();
      const [counts] = await query<{ n: string; distinct: string }>(
        stack.databaseUrl,
        'select count(*)::text as n, count(distinct (source, external_id))::text as distinct from activities where user_id = $1',
        [athlete.userId],
      );
      const n = Number(counts?.n);
      const duplicated = n - Number(counts?.distinct);
      const expected = done ? done.found - done.skipped.length : ARCHIVE_ACTIVITIES;
      if (!done) problems.push(`the import did not finish within ${FINISH_TIMEOUT_MS / 60_000} min of the restart`);
      else if (done.status !== 'done') problems.push(`the import ended '${done.status}'`);
      if (done && done.imported !== expected) problems.push(`the job says ${done.imported} imported of ${expected}`);
      if (n < expected) problems.push(`${expected - n} activities missing`);
      return report('restart-mid-import', startedAt, {
        faultSeconds: kill.downS,
        userSaw: [
          `the API was away ${seconds(kill.downS * 1000)} s (the restart); the import showed 'running' throughout and ${ended(done?.status, kill, finishedAt)}`,
          `the job's counts: found ${done?.found ?? '?'}, imported ${done?.imported ?? '?'}, already there ${done?.duplicates ?? '?'}`,
        ],
        retried: [
          `the import ran again from the start (attempt ${mid?.attempts ?? '?'} → ${(await row())?.attempts ?? '?'}), picked up ${after(kill, resumedAt)} s after the kill (lapsed lease, minute sweep); the ${mid?.n ?? '?'} activities stored before the kill were upserted, not added`,
        ],
        recoverySeconds: resumedAt === null ? null : seconds(resumedAt - kill.killedAt),
        reconciliation: {
          accepted: expected,
          done: Math.min(n - duplicated, expected),
          lost: Math.max(0, expected - (n - duplicated)),
          duplicated,
          detail: `${n} activity rows, ${n - duplicated} distinct; job found ${done?.found ?? '?'}, skipped ${done?.skipped.length ?? '?'}; finished ${after(kill, finishedAt)} s after the kill`,
        },
        problems,
      });
    },
  };
}

type PrivacyRow = { status: string; step: number | null; done: string[] | null; lease: Date | null; updated: Date };

/** A privacy request's row, and the moment a run took it again after the kill (a lease set since). */
function privacyProbe(ctx: FaultContext, id: string) {
  const row = async () =>
    (
      await query<PrivacyRow>(
        ctx.stack.databaseUrl,
        `select status, (progress->>'step')::int as step, array(select jsonb_array_elements_text(coalesce(progress->'done', '[]'))) as done,
                lease_until as lease, updated_at as updated from privacy_requests where id = $1`,
        [id],
      )
    )[0];
  const waitEnd = async (kill: Kill, ends: string[]) => {
    let resumedAt: number | null = null;
    const end = await until(ctx, FINISH_TIMEOUT_MS, async () => {
      const r = await row();
      const open = r && ['queued', 'running'].includes(r.status);
      if (resumedAt === null && r && (!open || (r.lease && r.updated.getTime() > kill.killedAt))) resumedAt = Date.now();
      return r && ends.includes(r.status) ? r : undefined;
    });
    return { end, resumedAt, finishedAt: Date.now() };
  };
  return { row, waitEnd };
}

/** "Download my data": mid-way once a slice has been writing for 3 s. Reconciled: one archive, downloadable, one notice. */
export async function startExport(ctx: FaultContext, seeded?: Athlete): Promise<StartedJob> {
  const { stack } = ctx;
  const startedAt = new Date();
  const athlete = seeded ?? (await seedExporter(ctx));
  const res = await fetch(`${stack.workerUrl}/api/v1/privacy/exports`, {
    method: 'POST',
    headers: { cookie: athlete.cookie, origin: stack.appUrl },
  });
  const asked = (await res.json()) as { id: string };
  if (![200, 202].includes(res.status)) throw new Error(`restart-mid-export: refused: ${res.status} ${JSON.stringify(asked)}`);
  const { row, waitEnd } = privacyProbe(ctx, asked.id);
  let runningSince: number | null = null;
  let mid: string | undefined;
  const notices = async () =>
    Number(
      (
        await query<{ n: string }>(
          stack.databaseUrl,
          `select count(*)::text as n from notifications where user_id = $1 and kind = 'privacy.export_ready'`,
          [athlete.userId],
        )
      )[0]?.n,
    );
  return {
    name: 'restart-mid-export',
    async midway() {
      const r = await row();
      if (r?.status !== 'running' || !r.lease) return undefined;
      runningSince ??= Date.now();
      if (Date.now() - runningSince >= 3_000) mid = `a slice writing (step ${r.step ?? 0} saved)`;
      return mid;
    },
    queued: async () => ['queued', 'running'].includes((await row())?.status ?? ''),
    async finish(kill) {
      const problems: string[] = [];
      const { end, resumedAt, finishedAt } = await waitEnd(kill, ['ready', 'failed']);
      const [ready] = await query<{ n: string }>(
        stack.databaseUrl,
        `select count(*)::text as n from privacy_requests where user_id = $1 and kind = 'export' and status = 'ready'`,
        [athlete.userId],
      );
      // The notice is written by the notify queue's consumer: give it a moment before counting it missing.
      let told = await notices();
      if (end && told === 0) {
        await sleep(5_000, ctx.signal);
        told = await notices();
      }
      let bytes = 0;
      if (end?.status === 'ready') {
        const dl = await fetch(`${stack.workerUrl}/api/v1/privacy/exports/${asked.id}/download`, { headers: { cookie: athlete.cookie } });
        bytes = dl.ok ? (await dl.arrayBuffer()).byteLength : 0;
        if (!dl.ok) problems.push(`the archive did not download: ${dl.status}`);
      }
      if (!end) problems.push(`the export did not finish within ${FINISH_TIMEOUT_MS / 60_000} min of the restart`);
      else if (end.status !== 'ready') problems.push(`the export ended '${end.status}'`);
      if (told > 1) problems.push(`${told} "export ready" notices`);
      if (end?.status === 'ready' && told === 0) problems.push('no "export ready" notice');
      return report('restart-mid-export', startedAt, {
        faultSeconds: kill.downS,
        userSaw: [
          `the API was away ${seconds(kill.downS * 1000)} s (the restart); the export showed 'running' throughout and ${ended(end?.status, kill, finishedAt)}`,
          `one archive of ${(bytes / 1024 / 1024).toFixed(1)} MiB downloaded; ${told} "ready" notice`,
        ],
        retried: [
          `${mid ? 'the slice in flight was written again from its last checkpoint' : 'its lost message was sent again'}, picked up ${after(kill, resumedAt)} s after the kill (lapsed lease or quiet request, minute sweep)`,
        ],
        recoverySeconds: resumedAt === null ? null : seconds(resumedAt - kill.killedAt),
        reconciliation: {
          accepted: 1,
          done: Number(ready?.n) === 1 ? 1 : 0,
          lost: end?.status === 'ready' ? 0 : 1,
          duplicated: Math.max(0, Number(ready?.n) - 1) + Math.max(0, told - 1),
          detail: `${EXPORT_ACTIVITIES} activities with streams; killed ${mid ?? 'while queued'}; ${ready?.n} ready export(s), ${told} notice(s), ${bytes} bytes; finished ${after(kill, finishedAt)} s after the kill`,
        },
        problems,
      });
    },
  };
}

/** An account deletion (grace ended): mid-way once its files are erased. Reconciled: account gone, one receipt kept and emailed. */
export async function startDeletion(ctx: FaultContext, seeded?: Athlete): Promise<StartedJob> {
  const { stack } = ctx;
  const startedAt = new Date();
  const athlete = seeded ?? (await seedDeleted(ctx));
  const res = await fetch(`${stack.workerUrl}/api/v1/me/deletion`, {
    method: 'POST',
    headers: { cookie: athlete.cookie, origin: stack.appUrl, 'content-type': 'application/json' },
    body: JSON.stringify({ password: BENCH_PASSWORD, confirm: 'DELETE' }),
  });
  const asked = (await res.json()) as { requestId: string };
  if (res.status !== 202) throw new Error(`restart-mid-deletion: refused: ${res.status} ${JSON.stringify(asked)}`);
  // The grace period ended now; the hourly cron hands it to the privacy queue.
  await query(stack.databaseUrl, 'update privacy_requests set run_after = now() where id = $1', [asked.requestId]);
  await stack.fireCron('0 * * * *');
  const { row, waitEnd } = privacyProbe(ctx, asked.requestId);
  let mid: string[] | undefined;
  const receiptMails = async () =>
    (
      (await (await fetch(`${stack.sandboxUrl}/email/outbox.json?to=${encodeURIComponent(athlete.email)}`)).json()) as {
        messages: { subject: string }[];
      }
    ).messages.filter((m) => m.subject.toLowerCase().includes('receipt')).length;
  return {
    name: 'restart-mid-deletion',
    async midway() {
      const r = await row();
      if (r?.status === 'running' && r.done?.includes('files')) mid = r.done;
      return mid && `after steps ${mid.join(', ')}`;
    },
    queued: async () => ['queued', 'running'].includes((await row())?.status ?? ''),
    async finish(kill) {
      const problems: string[] = [];
      const { end, resumedAt, finishedAt } = await waitEnd(kill, ['done', 'failed']);
      const [counts] = await query<{ users: string; receipts: string }>(
        stack.databaseUrl,
        `select (select count(*) from users where id = $1)::text as users,
                (select count(*) from deletion_receipts where request_id = $2)::text as receipts`,
        [athlete.userId, asked.requestId],
      );
      let mails = await receiptMails();
      if (end && mails === 0) {
        await sleep(5_000, ctx.signal);
        mails = await receiptMails();
      }
      const receipts = Number(counts?.receipts);
      const left = Number(counts?.users);
      if (!end) problems.push(`the deletion did not finish within ${FINISH_TIMEOUT_MS / 60_000} min of the restart`);
      else if (end.status !== 'done') problems.push(`the deletion ended '${end.status}'`);
      if (left) problems.push('the account is still there (half-deleted)');
      if (receipts !== 1) problems.push(`${receipts} receipts kept`);
      if (mails !== 1) problems.push(`${mails} receipt emails`);
      const ok = end?.status === 'done' && !left;
      return report('restart-mid-deletion', startedAt, {
        faultSeconds: kill.downS,
        userSaw: [
          `the API was away ${seconds(kill.downS * 1000)} s (the restart); the request showed 'running' and ${ended(end?.status, kill, finishedAt)}`,
          `${mails} receipt email, ${receipts} receipt kept, account ${left ? 'still there' : 'gone'}`,
        ],
        retried: [
          `${mid ? `resumed after its last finished step (${mid.join(', ')} not run again)` : 'its lost message was sent again'}, picked up ${after(kill, resumedAt)} s after the kill (lapsed lease or quiet request, minute sweep)`,
        ],
        recoverySeconds: resumedAt === null ? null : seconds(resumedAt - kill.killedAt),
        reconciliation: {
          accepted: 1,
          done: ok ? 1 : 0,
          lost: ok ? 0 : 1,
          duplicated: Math.max(0, receipts - 1) + Math.max(0, mails - 1),
          detail: `${DELETION_ACTIVITIES} activities with streams; killed ${mid ? `after ${mid.at(-1)}` : 'while queued'}; ${receipts} receipt(s), ${mails} email(s); finished ${after(kill, finishedAt)} s after the kill`,
        },
        problems,
      });
    },
  };
}
