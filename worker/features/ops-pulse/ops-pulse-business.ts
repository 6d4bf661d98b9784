// The business half of the pulse: SMS, notification email, automations, Stripe events, webhook rejections, the AI coach.
import type { Executor } from '../../db/executor';
import * as businessRepo from './ops-pulse-business.repo';
import { outcomeLabel } from './ops-pulse-causes';
import * as ingestRepo from './ops-pulse.repo';
import { fixFor, type PulseClock, type QueueFigure } from './ops-pulse-ingest';
import type { Row, Section } from './ops-pulse.schema';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const ctx = { paused: false, budget: null };

/** Webhook outcomes that are normal work, not rejections. */
const STRAVA_ACCEPTED = ['refresh_queued', 'deleted', 'deauthorized', 'ignored', 'processed'];
const STRIPE_ACCEPTED = ['processed', 'duplicate', 'ignored'];
/** The coach's second model provider: a call there means the first one failed over. */
export const FALLBACK_PROVIDER = 'mistral';
/** A Stripe event still waiting this long lost its queue message (the sweep re-queues it after 10 minutes). */
const STRIPE_WAITING_MS = 15 * 60_000;

export async function businessSections(db: Executor, t: PulseClock) {
  const waitingBefore = new Date(t.now.getTime() - STRIPE_WAITING_MS);
  const [
    smsCounts,
    failedSms,
    emailCounts,
    failedEmails,
    runCounts,
    failedRuns,
    stripeCounts,
    unresolved,
    hooks,
    stripeRejects,
    coach,
    turns,
    pushCounts,
  ] = await Promise.all([
    businessRepo.smsCounts(db, t.now, t.hourAgo, t.dayAgo),
    businessRepo.failedSms(db, t.dayAgo),
    businessRepo.emailCounts(db, t.now, t.hourAgo, t.dayAgo),
    businessRepo.failedEmails(db, t.dayAgo),
    businessRepo.automationCounts(db, t.now, t.dayAgo),
    businessRepo.failedRuns(db, t.dayAgo),
    businessRepo.stripeCounts(db, waitingBefore),
    businessRepo.unresolvedStripe(db, waitingBefore),
    ingestRepo.webhookOutcomes(db, t.hourAgo, t.dayAgo, STRAVA_ACCEPTED),
    ingestRepo.stripeOutcomes(db, t.hourAgo, t.dayAgo, STRIPE_ACCEPTED),
    businessRepo.coachCounts(db, t.hourAgo, t.dayAgo, FALLBACK_PROVIDER),
    businessRepo.failedTurns(db, t.dayAgo),
    businessRepo.emailCounts(db, t.now, t.hourAgo, t.dayAgo, 'push'),
  ]);

  const sms: Section = {
    key: 'sms',
    title: 'SMS failures',
    counts: { failedLastHour: smsCounts.failedLastHour, failedLastDay: smsCounts.failedLastDay, deferred: smsCounts.deferred },
    causes: [],
    rows: failedSms.map(
      (m): Row => ({
        id: m.id,
        label: `${m.kind} SMS failed`,
        detail: `${[m.errorCode, m.errorMessage].filter(Boolean).join(': ') || 'refused'} · ${m.attempts} attempts`,
        at: iso(m.updatedAt),
        userId: m.ownerId,
        orgId: m.orgId,
        fix: fixFor('retry-sms', m.id, ctx),
      }),
    ),
    note: 'Deferred messages wait for the end of the org’s quiet hours and go out by themselves.',
  };

  const email: Section = {
    key: 'email',
    title: 'Notification email',
    counts: {
      failedLastHour: emailCounts.failedLastHour,
      failedLastDay: emailCounts.failedLastDay,
      retrying: emailCounts.retrying,
      deferred: emailCounts.waiting,
      // Web Push rows share the outbox (ADR 076); a device gone (404/410) fails once and is removed, never retried.
      pushFailedLastHour: pushCounts.failedLastHour,
      pushFailedLastDay: pushCounts.failedLastDay,
      pushRetrying: pushCounts.retrying,
    },
    causes: [],
    rows: failedEmails.map(
      (m): Row => ({
        id: m.id,
        label:
          m.channel === 'push'
            ? `${m.type} push failed${m.reason === 'subscription_gone' ? ' (device gone)' : ''}`
            : `${m.kind === 'single' ? m.type : `${m.kind} summary`} email failed`,
        detail: `${m.lastError ?? 'refused'} · ${m.attempts} attempts`,
        at: iso(m.updatedAt),
        userId: m.userId,
        orgId: null,
        fix: null,
      }),
    ),
    note: 'Waiting emails are deferred by do-not-disturb, a send time or a digest window and go out by themselves; a failed send retried 1, 4, 16 and 64 minutes later before it counts here.',
  };

  const automations: Section = {
    key: 'automations',
    title: 'Automation failures',
    counts: { failedLastDay: runCounts.failedLastDay, retrying: runCounts.retrying, failedForGood: runCounts.deadLetter },
    causes: [],
    rows: failedRuns.map(
      (r): Row => ({
        id: r.id,
        label: `“${r.automationName}” failed`,
        detail: `${r.errorCode ?? 'error'}${r.errorMessage ? `: ${r.errorMessage}` : ''} · attempt ${r.attempt}${
          r.nextAttemptAt ? ` · retries by itself at ${r.nextAttemptAt.toISOString()}` : ' · no retries left'
        }`,
        at: iso(r.finishedAt),
        userId: r.ownerId,
        orgId: r.orgId,
        fix: fixFor('retry-automation', r.id, ctx),
      }),
    ),
    note: null,
  };

  const stripe: Section = {
    key: 'stripe',
    title: 'Stripe events unresolved',
    counts: { unresolved: stripeCounts.unresolved, waiting: stripeCounts.waiting },
    causes: [],
    rows: unresolved.map(
      (e): Row => ({
        id: e.id,
        label: `${e.type} ${e.outcome ?? 'waiting'}`,
        detail: `${e.stripeEventId} · ${e.attempts} deliveries${e.customer ? ` · customer ${e.customer}` : ''}${
          e.ownerType === 'org' ? ` · org ${e.ownerId}` : ''
        }`,
        at: iso(e.receivedAt),
        userId: e.ownerType === 'user' ? e.ownerId : null,
        orgId: e.ownerType === 'org' ? e.ownerId : null,
        fix: fixFor('reprocess-stripe-event', e.id, ctx),
      }),
    ),
    note: 'Re-process runs the event again now; when the owner is known, their athlete page also offers Re-sync billing.',
  };

  // Each stored outcome in words; a door delivery that was only normal work ("files:10") is no rejection.
  const rejections = [
    ...hooks.map((h) => ({ ...h, ...outcomeLabel(h.provider, h.reason) })),
    ...stripeRejects.map((h) => ({ ...h, ...outcomeLabel('stripe', h.reason) })),
  ].filter((r) => r.rejected);
  const webhooks: Section = {
    key: 'webhooks',
    title: 'Webhook rejections',
    counts: {
      lastHour: rejections.reduce((s, r) => s + r.lastHour, 0),
      lastDay: rejections.reduce((s, r) => s + r.lastDay, 0),
    },
    causes: rejections.map((r) => ({ cause: r.label, lastHour: r.lastHour, lastDay: r.lastDay })),
    rows: [],
    note:
      'Counts what the database keeps: stored events whose outcome was not normal work. Deliveries refused at the door ' +
      '(bad signature, wrong account, malformed) are never stored: they are only in the logs (4xx, e.g. SIGNATURE_INVALID).',
  };

  const aiCoach: Section = {
    key: 'ai_coach',
    title: 'AI coach failures and fallbacks',
    counts: coach,
    causes: [],
    rows: turns.map(
      (m): Row => ({
        id: m.id,
        label: `Coach turn ${m.status}`,
        detail: `${m.errorCode ?? 'no error code'}${m.provider ? ` · ${m.provider}` : ''} · conversation ${m.conversationId}`,
        at: iso(m.createdAt),
        userId: m.userId,
        orgId: null,
        fix: null,
      }),
    ),
    note: `A call to ${FALLBACK_PROVIDER} means the primary model failed over. Failed turns refund their quota; the athlete asks again.`,
  };

  const queues: QueueFigure[] = [
    { name: 'stripe events', backlog: stripeCounts.backlog, deadLetter: stripeCounts.unresolved, oldest: stripeCounts.oldest },
    { name: 'sms', backlog: smsCounts.backlog, deadLetter: smsCounts.deadLetter, oldest: smsCounts.oldestDue },
    { name: 'notification email', backlog: emailCounts.backlog, deadLetter: emailCounts.failedLastDay, oldest: emailCounts.oldestDue },
    { name: 'web push', backlog: pushCounts.backlog, deadLetter: pushCounts.failedLastDay, oldest: pushCounts.oldestDue },
    { name: 'automations', backlog: runCounts.backlog, deadLetter: runCounts.deadLetter, oldest: null },
  ];
  return { sections: [sms, email, automations, stripe, webhooks, aiCoach], queues };
}
