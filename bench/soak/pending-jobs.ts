// Ingest jobs still open for some athletes: what the soak's reconciliation and the inbound replay fault call
// waiting rather than lost.
import type pg from 'pg';

export type Q = <R extends pg.QueryResultRow>(sql: string, args?: unknown[]) => Promise<R[]>;

/**
 * Provider jobs of these athletes not finished yet: deferred by a provider's budget to a known time, or running
 * (a job killed with the worker comes back by the stuck sweep). Waiting work is not lost; the line says when.
 * `kinds`: a LIKE pattern of job kinds (`garmin.file`: one activity each).
 */
export async function pendingJobs(q: Q, userIds: string[], kinds = '%'): Promise<{ open: number; note: string }> {
  const rows = await q<{ status: string; n: number; next: Date | null; cause: string | null }>(
    `select status::text, count(*)::int as n, min(run_after) as next, min(last_error) as cause from ingest_jobs
      where user_id = any($1::uuid[]) and kind like $2 and status in ('queued', 'running', 'deferred') group by 1`,
    [userIds, kinds],
  );
  const open = rows.reduce((s, r) => s + r.n, 0);
  return {
    open,
    note: open
      ? `waiting, not lost: ${rows.map((r) => `${r.n} ${r.status}${r.next ? ` until ${r.next.toISOString().slice(11, 19)}` : ''}${r.cause ? ` (${r.cause.slice(0, 40)})` : ''}`).join(', ')}`
      : '',
  };
}
