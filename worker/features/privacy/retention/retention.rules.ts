// The retention table: one rule per kind of data we keep for a limited time — what it is, how long, why,
// and the cron job that enforces it. The daily retention job (retention.job.ts) runs the rules it owns from
// this list, and the public page "What we keep and for how long" (/privacy/retention) is rendered from it,
// so what we publish and what we delete cannot drift apart. Pure data: the web bundle imports it too.

/** The daily job of this folder; rules it enforces have a sweep in retention.sweeps.ts (the compiler checks). */
export const RETENTION_JOB = 'privacy.retention';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How long, in machine terms: a fixed age (from the column the sweep names) or the row's own expiry. */
export type Limit = { readonly ms: number } | { readonly expiry: true } | { readonly policy: string };

export interface RetentionRule {
  readonly id: string;
  /** The data, in the reader's words (shown on the public page). */
  readonly what: string;
  /** How long, in words (shown). */
  readonly keep: string;
  readonly limit: Limit;
  /** The legal or product reason (shown). */
  readonly why: string;
  /** What happens when the time is up (shown). */
  readonly after: string;
  /** The cron job (its `name` in worker/jobs/cron.ts) that enforces the rule; retention.test.ts checks it exists. */
  readonly job: string;
  /** The feature that owns the job, when it is not this folder. */
  readonly owner?: string;
  /** Set while the owning work has not landed its job yet: who builds it. The test fails once the job exists. */
  readonly pending?: string;
}

export const RETENTION_RULES = [
  {
    id: 'export-archives',
    what: 'Data export archives (the zip you download)',
    keep: '72 hours after the archive is ready',
    limit: { ms: 72 * HOUR },
    why: 'An archive is a full copy of your account. Keeping it only as long as you need to download it limits the harm if a link leaks.',
    after: 'The file is deleted from storage and the request is marked expired; you can ask for a new export at any time.',
    job: RETENTION_JOB,
  },
  {
    id: 'webhook-payloads',
    what: "Raw notifications from connected services (Strava, Garmin, Polar and other providers' webhooks)",
    keep: '30 days after it arrives (once it has been handled)',
    limit: { ms: 30 * DAY },
    why: 'Kept only to retry or investigate a failed sync; providers stop redelivering long before 30 days.',
    after: 'The raw content is erased; the delivery id and its outcome stay so a late duplicate is still recognised.',
    job: RETENTION_JOB,
  },
  {
    id: 'stripe-payloads',
    what: 'Raw payment notifications from Stripe',
    keep: '30 days after it arrives (once it has been handled)',
    limit: { ms: 30 * DAY },
    why: 'Kept only to reprocess a failed billing update; Stripe stops retrying after 3 days. Invoices stay at Stripe as tax law requires.',
    after: 'The raw content is erased; the event id, type and outcome stay as the billing log.',
    job: RETENTION_JOB,
  },
  {
    id: 'sessions',
    what: 'Sign-in sessions (device, browser, last seen)',
    keep: 'Until the session expires (30 days after sign-in) or you sign out',
    limit: { expiry: true },
    why: 'An expired session can no longer sign anyone in, so there is no reason to keep it.',
    after: 'Deleted.',
    job: RETENTION_JOB,
  },
  {
    id: 'password-reset-links',
    what: 'Password reset links',
    keep: 'Until the link expires (30 minutes)',
    limit: { expiry: true },
    why: 'A reset link is a credential; once it can no longer be used it is only a risk.',
    after: 'Deleted.',
    job: RETENTION_JOB,
  },
  {
    id: 'oauth-states',
    what: 'One-time codes used while connecting Strava or another service',
    keep: '1 day after use',
    limit: { ms: DAY },
    why: 'Recorded so a connection link cannot be replayed; the link itself stops working after 10 minutes.',
    after: 'Deleted.',
    job: RETENTION_JOB,
  },
  {
    id: 'login-throttle',
    what: 'Failed sign-in counters (by network address, or a one-way hash of the email)',
    keep: '1 day after the last failed attempt',
    limit: { ms: DAY },
    why: 'They slow down password guessing; a lock lasts at most an hour, so a day-old counter protects nothing.',
    after: 'Deleted.',
    job: RETENTION_JOB,
  },
  {
    id: 'notifications',
    what: 'In-app notifications',
    keep: '180 days',
    limit: { ms: 180 * DAY },
    why: 'The notification centre is for recent news; what they point at (activities, plans, messages) stays in your account.',
    after: 'Deleted.',
    job: RETENTION_JOB,
  },
  {
    id: 'notification-emails',
    what: 'The record of emails we sent or skipped',
    keep: '180 days after sending',
    limit: { ms: 180 * DAY },
    why: 'Kept to answer "did you email me?" and to debug delivery problems.',
    after: 'Deleted.',
    job: RETENTION_JOB,
  },
  {
    id: 'notification-gates',
    what: 'Duplicate guards for notifications (which events already notified you)',
    keep: '90 days',
    limit: { ms: 90 * DAY },
    why: 'They stop the same event notifying you twice; no event is redelivered after that long.',
    after: 'Deleted.',
    job: RETENTION_JOB,
  },
  {
    id: 'idempotency-keys',
    what: 'Replay guards for changes sent again from your device (marking a workout done offline)',
    keep: '14 days',
    limit: { ms: 14 * DAY },
    why: 'They let a change queued on a phone without signal be sent again without doing it twice; offline pages are kept on the device no longer than 14 days.',
    after: 'Deleted.',
    job: RETENTION_JOB,
  },
  {
    id: 'privacy-requests',
    what: 'Finished export and deletion requests (dates, status, who asked)',
    keep: '3 years after the request is finished',
    limit: { ms: 3 * 365 * DAY },
    why: 'The record that we answered a data-protection request, and when, for the time a complaint about it can be brought.',
    after: 'Deleted, together with a deletion receipt if it has one.',
    job: RETENTION_JOB,
  },
  {
    id: 'deletion-receipts',
    what: 'Deleted-account receipts (counts of what was erased, under a one-way hash — never your name or email)',
    keep: '3 years after the deletion',
    limit: { ms: 3 * 365 * DAY },
    why: 'Proof of erasure: lets us show a regulator, or you, that the deletion happened and what it covered, for the time a complaint can be brought.',
    after: 'Deleted.',
    job: RETENTION_JOB,
  },
  {
    id: 'audit-log',
    what: 'The security and operator audit log',
    keep: 'At least 365 days',
    limit: { ms: 365 * DAY },
    why: 'Who did what to an account, operators included, must be answerable for at least a year; the database refuses to delete younger entries. Entries about a deleted account are pseudonymised.',
    after: 'Reported monthly; an owner confirms the purge of entries past the limit.',
    job: 'audit.retention_report',
    owner: 'audit',
  },
  {
    id: 'strava-data',
    what: 'Activities and streams received through the Strava API',
    keep: "As Strava's API terms say: while you stay connected, and in the strict policy mode (Strava's 2026 API policy) full details for 7 days only",
    limit: { policy: 'activities/policy/policy.table.ts (the strava row, both modes)' },
    why: "Strava's API terms set how long its data may be kept and who may see it. Files you upload yourself (including your Strava archive) are yours and follow your account.",
    after:
      'Strict mode: cut down to sport, date, time and distance after 7 days, and you are told once. Either mode: deleted when you disconnect Strava or delete your account.',
    job: 'strava.cache_window',
    owner: 'activities (the data-use policy, ADR 036)',
  },
] as const satisfies readonly RetentionRule[];

export type RetentionRuleId = (typeof RETENTION_RULES)[number]['id'];
/** The rules the daily retention job of this folder enforces. */
export type SweptRuleId = Extract<(typeof RETENTION_RULES)[number], { job: typeof RETENTION_JOB }>['id'];

export const ruleById = (id: RetentionRuleId): RetentionRule => RETENTION_RULES.find((r) => r.id === id)!;

/** The milliseconds of a rule with a fixed age limit (a programming error for any other). */
export function limitMs(id: SweptRuleId): number {
  const { limit } = ruleById(id);
  if (!('ms' in limit)) throw new Error(`${id}: no fixed age limit`);
  return limit.ms;
}
