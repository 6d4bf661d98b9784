// The one table that turns stored cause and outcome codes into words for the operator, and says whether
// running the thing again can help. The stored codes stay as they are; only the pulse maps them, here.
import {
  DOOR_OUTCOME_CODES,
  JOB_FAILURE_CODES,
  type JobFailureCode,
  SKIP_REASONS,
  type SkipReason,
  type StravaEventOutcome,
  storedFailureCode,
  TRANSIENT_IMPORT_ERRORS,
} from '../ingest';

/** permanent: the same input fails the same way; transient: a passing failure, a retry can help; work: normal, not a failure. */
export type CauseKind = 'permanent' | 'transient' | 'work';

interface ImportCause {
  kind: Exclude<CauseKind, 'work'>;
  label: string;
  /** For a permanent cause: why retrying won't help and what to do instead. */
  advice: string | null;
}

const ASK_ORIGINAL = 'Retrying reads the same bytes and fails the same way: ask the athlete for the original file from their watch or app.';

/** Why an upload's entries were skipped (ingest/files SKIP_REASONS), and the import-level failures. */
export const IMPORT_CAUSES: Record<SkipReason | 'archive_refused' | 'failed_passing' | 'nothing_recorded', ImportCause> = {
  unsafe_name: { kind: 'permanent', label: 'a file name the importer refuses', advice: ASK_ORIGINAL },
  malformed_json: { kind: 'permanent', label: 'an unreadable JSON file', advice: ASK_ORIGINAL },
  malformed_csv: { kind: 'permanent', label: 'an unreadable CSV file', advice: ASK_ORIGINAL },
  malformed_fit: { kind: 'permanent', label: 'not a readable FIT file', advice: ASK_ORIGINAL },
  malformed_xml: { kind: 'permanent', label: 'not a readable GPX/TCX file', advice: ASK_ORIGINAL },
  unsupported_type: {
    kind: 'permanent',
    label: 'a format we do not import',
    advice: 'Retrying changes nothing: ask the athlete to export a FIT, GPX or TCX file instead.',
  },
  too_large: {
    kind: 'permanent',
    label: 'a file over the size limit',
    advice: 'Retrying changes nothing: ask the athlete to upload the activity on its own, or a smaller export.',
  },
  no_activity: {
    kind: 'permanent',
    label: 'a file with no activity in it',
    advice: 'Retrying changes nothing: ask the athlete which file holds the activity.',
  },
  archive_refused: {
    kind: 'permanent',
    label: 'the archive was refused',
    advice: 'Retrying reads the same archive and refuses it again: ask the athlete for a fresh export.',
  },
  failed_passing: { kind: 'transient', label: 'the import failed part-way (a crash or deploy)', advice: null },
  nothing_recorded: { kind: 'transient', label: 'no reason recorded', advice: null },
};
export type ImportCauseCode = keyof typeof IMPORT_CAUSES;

/** A failed import's cause, from its stored error: the passing failures are the known retry messages. */
export function failedImportCause(error: string | null): ImportCauseCode {
  if (!error || TRANSIENT_IMPORT_ERRORS.includes(error)) return 'failed_passing';
  return 'archive_refused';
}

/**
 * An upload that brought nothing in: permanent when every entry was skipped for a permanent reason (the
 * same bytes give the same answer), else transient. Returns the dominant reason code.
 */
export function emptyImportCause(skipped: { reason: string }[]): { code: ImportCauseCode; kind: ImportCause['kind'] } {
  if (skipped.length === 0) return { code: 'nothing_recorded', kind: 'transient' };
  const codes = skipped.map((s) => (s.reason in IMPORT_CAUSES ? (s.reason as ImportCauseCode) : 'nothing_recorded'));
  const kind = codes.every((c) => IMPORT_CAUSES[c].kind === 'permanent') ? 'permanent' : 'transient';
  const counts = new Map<ImportCauseCode, number>();
  for (const c of codes) counts.set(c, (counts.get(c) ?? 0) + 1);
  const code = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  return { code, kind };
}

/** Why a retry of this import cannot help (its cause is permanent), or null when it may. */
export function importRetryRefusal(row: {
  status: string;
  error: string | null;
  skipped: { reason: string }[];
  imported: number;
  duplicates: number;
}): string | null {
  if (row.status === 'error') {
    const cause = IMPORT_CAUSES[failedImportCause(row.error)];
    return cause.kind === 'permanent' ? `Not retried: ${cause.label}. ${cause.advice}` : null;
  }
  // Only an upload that brought nothing in is retryable at all; the repo's condition refuses the rest.
  if (row.status !== 'done' || row.imported > 0 || row.duplicates > 0) return null;
  const { code, kind } = emptyImportCause(row.skipped);
  return kind === 'permanent' ? `Not retried: ${IMPORT_CAUSES[code].label}. ${IMPORT_CAUSES[code].advice}` : null;
}

export type CauseClass = 'permanent' | 'retryable' | 'unknown';

/** A failed import's cause in the same shape as a job's (`jobCause`), for the pages that show both. */
export function importFailureCause(error: string | null) {
  const code = failedImportCause(error);
  const cause = IMPORT_CAUSES[code];
  const cls: CauseClass = cause.kind === 'permanent' ? 'permanent' : 'retryable';
  return { code, class: cls, kind: cause.kind, label: cause.label, advice: cause.advice };
}

export const importCauseLabel = (code: string): string => IMPORT_CAUSES[code as ImportCauseCode]?.label ?? code;

/**
 * Why an ingest or live-door job failed (the code ingest stores at the failure, ingest/job-failure.ts). A
 * provider's refusal of the athlete or of the request, a file the parsers refuse and data refused as
 * implausible fail the same way again; timeouts, 5xx and rate limits pass; an unknown cause may pass.
 */
export const JOB_CAUSES: Record<JobFailureCode, ImportCause> = {
  auth_revoked: {
    kind: 'permanent',
    label: 'the provider refused the athlete’s authorisation',
    advice: 'Retrying is refused the same way: the athlete has to connect the provider again.',
  },
  provider_refused: {
    kind: 'permanent',
    label: 'the provider refused the request (4xx)',
    advice: 'Retrying sends the same request and is refused again: check the provider’s answer in the logs.',
  },
  not_found: {
    kind: 'permanent',
    label: 'the provider no longer has it',
    advice: 'Retrying asks for the same thing: it is gone at the provider (deleted, or a download link that expired).',
  },
  file_unreadable: { kind: 'permanent', label: 'a file the importer cannot read', advice: ASK_ORIGINAL },
  plausibility_refused: {
    kind: 'permanent',
    label: 'the data was refused as implausible',
    advice: 'Retrying reads the same data and refuses it again: ask the athlete for the original file.',
  },
  timeout: { kind: 'transient', label: 'the provider timed out', advice: null },
  provider_5xx: { kind: 'transient', label: 'the provider failed (5xx)', advice: null },
  rate_limited: { kind: 'transient', label: 'the provider’s rate limit', advice: null },
  unknown: { kind: 'transient', label: 'unknown', advice: null },
};

/** A job's stored last_error as its cause: the code, its class ('permanent', 'retryable', or 'unknown') and words. */
export function jobCause(lastError: string | null) {
  const code = storedFailureCode(lastError);
  const cause = JOB_CAUSES[code];
  const cls: CauseClass = code === 'unknown' ? 'unknown' : cause.kind === 'permanent' ? 'permanent' : 'retryable';
  return { code, class: cls, kind: cause.kind, label: cause.label, advice: cause.advice };
}

/** Why a retry of this failed job cannot help (its cause is permanent), or null when it may: one rule for every retry button. */
export function jobRetryRefusal(job: { status: string; lastError: string | null }): string | null {
  if (job.status !== 'error') return null;
  const cause = jobCause(job.lastError);
  return cause.kind === 'permanent' ? `Not retried: ${cause.label}. ${cause.advice}` : null;
}

const PROVIDERS: Record<string, string> = { strava: 'Strava', garmin: 'Garmin', polar: 'Polar', stripe: 'Stripe' };
export const providerName = (p: string) => PROVIDERS[p] ?? p.charAt(0).toUpperCase() + p.slice(1);

type OutcomeCode = (typeof DOOR_OUTCOME_CODES)[number] | StravaEventOutcome | 'unresolved' | 'retry';

/** Webhook outcome parts ("files:10", "unconfirmed:1", Strava's "unknown_owner"), each with its count n. */
export const OUTCOME_LABELS: Record<OutcomeCode, { kind: CauseKind; label: (provider: string, n: number) => string }> = {
  files: { kind: 'work', label: (p, n) => `${p}: ${n} new ${n === 1 ? 'file' : 'files'} announced, download queued` },
  unknown: { kind: 'permanent', label: (p, n) => `${p}: ${n} ${n === 1 ? 'notice' : 'notices'} for an athlete not connected here` },
  deregistered: { kind: 'work', label: (p, n) => `${p}: ${n} ${n === 1 ? 'athlete' : 'athletes'} deregistered` },
  unconfirmed: { kind: 'permanent', label: (p, n) => `${p} still lists the athlete: deregistration ping ignored (${n})` },
  permissions: { kind: 'work', label: (p, n) => `${p}: ${n} permission ${n === 1 ? 'change' : 'changes'} applied` },
  stale: { kind: 'work', label: (p, n) => `${p}: ${n} permission ${n === 1 ? 'ping' : 'pings'} older than the permissions held, ignored` },
  wellness: { kind: 'work', label: (p, n) => `${p}: ${n} health ${n === 1 ? 'summary' : 'summaries'} stored as wellness` },
  withheld: { kind: 'work', label: (p, n) => `${p}: ${n} health ${n === 1 ? 'summary' : 'summaries'} not stored (no wellness consent)` },
  nothing: { kind: 'work', label: (p) => `${p}: delivery with nothing to do` },
  invalid: { kind: 'permanent', label: (p) => `${p}: stored delivery unreadable` },
  unknown_owner: { kind: 'permanent', label: (p) => `${p}: event for an athlete not connected here` },
  deauthorized: { kind: 'work', label: (p) => `${p}: athlete disconnected` },
  deleted: { kind: 'work', label: (p) => `${p}: activity deleted` },
  refresh_queued: { kind: 'work', label: (p) => `${p}: activity refresh queued` },
  ignored: { kind: 'work', label: (p) => `${p}: event ignored` },
  unresolved: { kind: 'transient', label: (p) => `${p}: event unresolved, retried by the sweep` },
  retry: { kind: 'transient', label: (p) => `${p}: event waiting for a retry` },
};

/** "files:10 unknown:2" from Garmin → ["Garmin: 10 new files announced…", "Garmin: 2 notices for…"]; unknown codes shown as stored. */
export function outcomeLabel(provider: string, outcome: string): { label: string; rejected: boolean } {
  const name = providerName(provider);
  const parts = outcome.split(' ').filter(Boolean);
  const labels: string[] = [];
  let rejected = false;
  for (const part of parts) {
    const [code, count] = part.split(':') as [string, string | undefined];
    const entry = OUTCOME_LABELS[code as OutcomeCode];
    const n = count === undefined ? 1 : Number(count);
    if (!entry || !Number.isFinite(n)) {
      labels.push(`${name}: ${part}`);
      rejected = true;
      continue;
    }
    labels.push(entry.label(name, n));
    if (entry.kind !== 'work') rejected = true;
  }
  return { label: labels.join('; ') || `${name}: ${outcome}`, rejected };
}

/** Every stored code the pulse may meet, for the test that each has a label. */
export const KNOWN_CODES = { skip: SKIP_REASONS, door: DOOR_OUTCOME_CODES, job: JOB_FAILURE_CODES } as const;
