// The ingestion half of the pulse: stuck jobs, deferred athletes, errors by cause, imports that failed or brought nothing in.
import type { Executor } from '../../db/executor';
import { emptyImportCause, failedImportCause, IMPORT_CAUSES, importCauseLabel, jobCause, jobRetryRefusal } from './ops-pulse-causes';
import * as ingestRepo from './ops-pulse.repo';
import type { Budget, Fix, FixIntent, Row, Section } from './ops-pulse.schema';

export interface PulseClock {
  now: Date;
  hourAgo: Date;
  dayAgo: Date;
  stuckBefore: Date;
}

export interface QueueFigure {
  name: string;
  backlog: number;
  deadLetter: number;
  oldest: Date | null;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const minutesSince = (d: Date | null, now: Date) => (d ? Math.max(0, Math.round((now.getTime() - d.getTime()) / 60_000)) : null);

const FIXES: Record<FixIntent, { label: string; path: ((id: string) => string) | null; permission: string }> = {
  'retry-job': { label: 'Retry job', path: (id) => `/api/v1/admin/ops/jobs/${id}/retry`, permission: 'ingestion.retry' },
  'retry-import': { label: 'Retry import', path: (id) => `/api/v1/admin/ops/imports/${id}/retry`, permission: 'ingestion.retry' },
  'resume-athlete': { label: 'Resume now', path: (id) => `/api/v1/admin/ops/athletes/${id}/resume`, permission: 'ingestion.retry' },
  // Per-athlete operator actions: the same as on the athlete page (/admin/athletes/:id), for the row's athlete.
  'retry-ingestion': { label: 'Retry ingestion', path: null, permission: 'ingestion.retry' },
  'resync-billing': { label: 'Re-sync billing', path: null, permission: 'billing.manage' },
  'reprocess-stripe-event': {
    label: 'Re-process event',
    path: (id) => `/api/v1/admin/ops/stripe-events/${id}/reprocess`,
    permission: 'billing.manage',
  },
  'retry-sms': { label: 'Retry send', path: (id) => `/api/v1/admin/ops/sms/${id}/retry`, permission: 'users.manage' },
  'retry-automation': { label: 'Retry run', path: (id) => `/api/v1/admin/ops/automation-runs/${id}/retry`, permission: 'users.manage' },
};

/**
 * The button for a row. "Resume now" is offered only when the brake is off and the budget has room now;
 * a retry whose cause is permanent (`refused`: why, and what to do instead) is not offered at all.
 */
export function fixFor(intent: FixIntent, id: string, ctx: { paused: boolean; budget: Budget | null }, refused?: string | null): Fix {
  const f = FIXES[intent];
  let available = !refused;
  let note: string | null = refused ?? null;
  if (intent === 'resume-athlete') {
    if (ctx.paused) [available, note] = [false, 'The emergency brake is on: releasing the brake resumes everyone.'];
    else if (!ctx.budget) [available, note] = [false, 'The provider budget could not be read: wait for the scheduled resume.'];
    else if (!ctx.budget.hasRoom)
      [available, note] = [false, 'The provider budget is spent or blocked until the window resets: it resumes by itself then.'];
    else note = 'Every job still takes a permit from the provider budget, so resuming early cannot exceed the rate limits.';
  }
  return { intent, label: f.label, path: f.path ? f.path(id) : null, permission: f.permission, available, note };
}

/**
 * Why an import brought nothing in, from what it recorded per entry: "3 entries skipped: 2 × not a readable
 * FIT file (not a FIT file), 1 × a format we do not import". Reasons only, never entry names (the pulse shows no personal data).
 */
export function skippedSummary(skipped: { reason: string; detail?: string }[]): string {
  const groups = new Map<string, number>();
  for (const s of skipped) {
    const why = importCauseLabel(s.reason);
    const key = s.detail ? `${why} (${s.detail.slice(0, 80)})` : why;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const parts = [...groups].sort((a, b) => b[1] - a[1]).map(([why, n]) => (skipped.length === 1 ? why : `${n} × ${why}`));
  const more = parts.length > 5 ? `, and ${parts.length - 5} more reasons` : '';
  if (skipped.length === 0) return 'No entry was recorded';
  return `${skipped.length} ${skipped.length === 1 ? 'entry' : 'entries'} skipped: ${parts.slice(0, 5).join(', ')}${more}`;
}

/** Failed jobs per cause, in the table's words: stored text from before the codes counts as unknown. */
function causeCounts(rows: { cause: string; lastHour: number; lastDay: number }[]) {
  const out = new Map<string, { cause: string; lastHour: number; lastDay: number }>();
  for (const r of rows) {
    const c = jobCause(r.cause);
    const key = `${c.code}: ${c.label} (${c.class})`;
    const acc = out.get(key) ?? { cause: key, lastHour: 0, lastDay: 0 };
    acc.lastHour += r.lastHour;
    acc.lastDay += r.lastDay;
    out.set(key, acc);
  }
  return [...out.values()].sort((a, b) => b.lastDay - a.lastDay);
}

export async function ingestSections(db: Executor, t: PulseClock, ctx: { paused: boolean; budget: Budget | null }) {
  const [counts, causes, stuckJobs, failedJobs, states, importCounts, failedImports, emptyImports, hooks] = await Promise.all([
    ingestRepo.jobCounts(db, t.stuckBefore, t.hourAgo, t.dayAgo),
    ingestRepo.errorCauses(db, t.hourAgo, t.dayAgo),
    ingestRepo.stuckJobs(db, t.stuckBefore),
    ingestRepo.failedJobs(db, t.dayAgo),
    ingestRepo.athleteStates(db, ['deferred', 'paused', 'error']),
    ingestRepo.importCounts(db, t.dayAgo),
    ingestRepo.failedImports(db, t.dayAgo),
    ingestRepo.emptyImports(db, t.dayAgo),
    ingestRepo.webhookBacklog(db),
  ]);

  const stuck: Section = {
    key: 'stuck',
    title: 'Stuck jobs',
    counts: { stuck: counts.stuck, queued: counts.queued, running: counts.running, deferred: counts.deferred },
    causes: [],
    rows: stuckJobs.map((j): Row => {
      const since = j.status === 'running' ? j.startedAt : j.status === 'deferred' ? j.runAfter : j.updatedAt;
      const how = j.status === 'running' ? 'running for' : j.status === 'deferred' ? 'past its resume time by' : 'queued, untaken for';
      return {
        id: j.id,
        label: `${j.kind} job ${j.status}`,
        detail: `${how} ${minutesSince(since, t.now)} min · attempt ${j.attempts}${j.lastError ? ` · last: ${j.lastError}` : ''}`,
        at: iso(since),
        userId: j.userId,
        orgId: null,
        fix: fixFor('retry-job', j.id, ctx),
      };
    }),
    note: 'The five-minute sweep re-queues running and deferred jobs past the threshold; retry does it now.',
  };

  const waiting = states.filter((s) => s.status !== 'error');
  const deferred: Section = {
    key: 'deferred',
    title: 'Waiting athletes',
    counts: {
      deferred: waiting.filter((s) => s.status === 'deferred').length,
      paused: waiting.filter((s) => s.status === 'paused').length,
    },
    causes: [],
    rows: waiting.map(
      (s): Row => ({
        id: `${s.userId}:${s.source}`,
        label: s.status === 'paused' ? `${s.source}: held by the emergency brake` : `${s.source}: deferred by the rate budget`,
        detail:
          s.status === 'paused'
            ? 'Resumes when the brake is released.'
            : s.resumeAt
              ? `Resumes by itself in ${Math.max(0, Math.ceil((s.resumeAt.getTime() - t.now.getTime()) / 60_000))} min (the time shown).`
              : 'Waiting for the next budget window.',
        at: iso(s.status === 'paused' ? s.updatedAt : s.resumeAt),
        userId: s.userId,
        orgId: null,
        fix: s.status === 'deferred' ? fixFor('resume-athlete', s.userId, ctx) : null,
      }),
    ),
    note: null,
  };

  const athleteErrors = states.filter((s) => s.status === 'error');
  const errors: Section = {
    key: 'ingestion_errors',
    title: 'Ingestion errors',
    counts: { lastHour: counts.errorsLastHour, lastDay: counts.errorsLastDay, athletes: athleteErrors.length },
    causes: causeCounts(causes),
    rows: [
      ...athleteErrors.map(
        (s): Row => ({
          id: `${s.userId}:${s.source}`,
          label: `${s.source} ingestion in error`,
          detail: s.lastError ?? 'No error recorded.',
          at: iso(s.updatedAt),
          userId: s.userId,
          orgId: null,
          fix: fixFor('retry-ingestion', s.userId, ctx),
        }),
      ),
      ...failedJobs.map((j): Row => {
        const cause = jobCause(j.lastError);
        return {
          id: j.id,
          label: `${j.kind} job failed: ${cause.label}`,
          detail: `cause ${cause.code} (${cause.class}) · ${j.attempts} attempts`,
          at: iso(j.finishedAt),
          userId: j.userId,
          orgId: null,
          fix: fixFor('retry-job', j.id, ctx, jobRetryRefusal(j)),
        };
      }),
    ],
    note: null,
  };

  // Beside the failed ones, the uploads that finished with nothing in (a corrupt file, an archive of unreadable
  // ones): "done" to the queue, but the athlete got nothing, and the same button runs them again.
  const imports: Section = {
    key: 'imports',
    title: 'Imports failing or bringing nothing in',
    counts: {
      failedLastDay: importCounts.failedLastDay,
      nothingLastDay: importCounts.nothingLastDay,
      queued: importCounts.queued,
      running: importCounts.running,
    },
    causes: [],
    rows: [
      ...failedImports.map((i): Row => {
        const cause = IMPORT_CAUSES[failedImportCause(i.error)];
        return {
          id: i.id,
          label: `Import failed: ${cause.label}`,
          detail: `${i.error ?? 'unknown error'} · ${i.attempts} attempts`,
          at: iso(i.finishedAt),
          userId: i.userId,
          orgId: null,
          fix: fixFor('retry-import', i.id, ctx, cause.kind === 'permanent' ? cause.advice : null),
        };
      }),
      ...emptyImports.map((i): Row => {
        const cause = emptyImportCause(i.skipped);
        return {
          id: i.id,
          label: `Imported nothing: ${importCauseLabel(cause.code)}`,
          detail: skippedSummary(i.skipped),
          at: iso(i.finishedAt),
          userId: i.userId,
          orgId: null,
          fix: fixFor('retry-import', i.id, ctx, cause.kind === 'permanent' ? IMPORT_CAUSES[cause.code].advice : null),
        };
      }),
    ].sort((a, b) => (b.at ?? '').localeCompare(a.at ?? '')),
    note: null,
  };

  const queues: QueueFigure[] = [
    { name: 'ingest', backlog: counts.queued + counts.running + counts.deferred, deadLetter: counts.deadLetter, oldest: counts.oldestOpen },
    {
      name: 'imports',
      backlog: importCounts.queued + importCounts.running,
      deadLetter: importCounts.deadLetter,
      oldest: importCounts.oldestOpen,
    },
    { name: 'strava webhooks', backlog: hooks.backlog, deadLetter: 0, oldest: hooks.oldest },
  ];
  return { sections: [stuck, deferred, errors, imports], queues };
}
