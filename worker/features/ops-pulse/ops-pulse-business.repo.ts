import { and, desc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import {
  automationRuns,
  automations,
  billingCustomers,
  coachLlmCalls,
  coachMessages,
  notificationDeliveries,
  orgs,
  smsMessages,
  stripeEvents,
} from '../../db/schema';
import { ROWS } from './ops-pulse.repo';

// Ops Pulse reads over the business side: SMS, notification email, automations, Stripe events, the AI coach.

export async function smsCounts(db: Executor, now: Date, hourAgo: Date, dayAgo: Date) {
  const [row] = await db
    .select({
      failedLastHour: sql<number>`count(*) filter (where ${smsMessages.state} = 'failed' and ${smsMessages.updatedAt} >= ${hourAgo})::int`,
      failedLastDay: sql<number>`count(*) filter (where ${smsMessages.state} = 'failed' and ${smsMessages.updatedAt} >= ${dayAgo})::int`,
      deferred: sql<number>`count(*) filter (where ${smsMessages.state} = 'deferred')::int`,
      // Due and not sent yet: what the per-minute tick still has to take.
      backlog: sql<number>`count(*) filter (where ${smsMessages.state} in ('scheduled', 'deferred', 'sending') and ${smsMessages.dueAt} <= ${now})::int`,
      deadLetter: sql<number>`count(*) filter (where ${smsMessages.state} = 'failed')::int`,
      oldestDue: sql<Date | null>`min(${smsMessages.dueAt}) filter (where ${smsMessages.state} in ('scheduled', 'deferred', 'sending') and ${smsMessages.dueAt} <= ${now})`,
    })
    .from(smsMessages)
    .where(and(eq(smsMessages.direction, 'outbound'), inArray(smsMessages.state, ['failed', 'deferred', 'scheduled', 'sending'])));
  return { ...row!, oldestDue: row?.oldestDue ? new Date(row.oldestDue) : null };
}

export function failedSms(db: Executor, dayAgo: Date) {
  return db
    .select({
      id: smsMessages.id,
      orgId: smsMessages.orgId,
      ownerId: orgs.createdBy,
      kind: smsMessages.kind,
      errorCode: smsMessages.errorCode,
      errorMessage: smsMessages.errorMessage,
      attempts: smsMessages.attempts,
      updatedAt: smsMessages.updatedAt,
    })
    .from(smsMessages)
    .leftJoin(orgs, eq(orgs.id, smsMessages.orgId))
    .where(and(eq(smsMessages.direction, 'outbound'), eq(smsMessages.state, 'failed'), gte(smsMessages.updatedAt, dayAgo)))
    .orderBy(desc(smsMessages.updatedAt))
    .limit(ROWS);
}

export async function automationCounts(db: Executor, now: Date, dayAgo: Date) {
  const [row] = await db
    .select({
      failedLastDay: sql<number>`count(*) filter (where ${automationRuns.status} = 'failed' and ${automationRuns.finishedAt} >= ${dayAgo})::int`,
      retrying: sql<number>`count(*) filter (where ${automationRuns.status} = 'failed' and ${automationRuns.nextAttemptAt} is not null)::int`,
      backlog: sql<number>`count(*) filter (where ${automationRuns.status} in ('pending', 'failed') and ${automationRuns.nextAttemptAt} <= ${now})::int`,
      deadLetter: sql<number>`count(*) filter (where ${automationRuns.status} = 'failed' and ${automationRuns.nextAttemptAt} is null)::int`,
    })
    .from(automationRuns)
    .where(or(eq(automationRuns.status, 'failed'), eq(automationRuns.status, 'pending')));
  return row!;
}

export function failedRuns(db: Executor, dayAgo: Date) {
  return db
    .select({
      id: automationRuns.id,
      orgId: automationRuns.orgId,
      ownerId: orgs.createdBy,
      automationName: automations.name,
      errorCode: automationRuns.errorCode,
      errorMessage: automationRuns.errorMessage,
      attempt: automationRuns.attempt,
      nextAttemptAt: automationRuns.nextAttemptAt,
      finishedAt: automationRuns.finishedAt,
    })
    .from(automationRuns)
    .innerJoin(automations, eq(automations.id, automationRuns.automationId))
    .leftJoin(orgs, eq(orgs.id, automationRuns.orgId))
    .where(and(eq(automationRuns.status, 'failed'), gte(automationRuns.startedAt, dayAgo)))
    .orderBy(desc(automationRuns.finishedAt))
    .limit(ROWS);
}

/** Unresolved: given up on by the consumer ('unresolved'), or still waiting since before `waitingBefore`. */
export async function stripeCounts(db: Executor, waitingBefore: Date) {
  const [row] = await db
    .select({
      unresolved: sql<number>`count(*) filter (where ${stripeEvents.outcome} = 'unresolved')::int`,
      waiting: sql<number>`count(*) filter (where ${stripeEvents.processedAt} is null and ${stripeEvents.receivedAt} < ${waitingBefore})::int`,
      backlog: sql<number>`count(*) filter (where ${stripeEvents.processedAt} is null)::int`,
      oldest: sql<Date | null>`min(${stripeEvents.receivedAt}) filter (where ${stripeEvents.processedAt} is null)`,
    })
    .from(stripeEvents)
    .where(or(eq(stripeEvents.outcome, 'unresolved'), isNull(stripeEvents.processedAt)));
  return { ...row!, oldest: row?.oldest ? new Date(row.oldest) : null };
}

export function unresolvedStripe(db: Executor, waitingBefore: Date) {
  const customer = sql<string | null>`${stripeEvents.payload}->'data'->'object'->>'customer'`;
  return db
    .select({
      id: stripeEvents.id,
      stripeEventId: stripeEvents.stripeEventId,
      type: stripeEvents.type,
      outcome: stripeEvents.outcome,
      attempts: stripeEvents.attempts,
      receivedAt: stripeEvents.receivedAt,
      customer,
      ownerType: billingCustomers.ownerType,
      ownerId: billingCustomers.ownerId,
    })
    .from(stripeEvents)
    .leftJoin(billingCustomers, eq(billingCustomers.stripeCustomerId, customer))
    .where(or(eq(stripeEvents.outcome, 'unresolved'), and(isNull(stripeEvents.processedAt), lte(stripeEvents.receivedAt, waitingBefore))))
    .orderBy(desc(stripeEvents.receivedAt))
    .limit(ROWS);
}

/** Coach turns that failed or ended partial, and model calls that errored or went to the fallback provider. */
export async function coachCounts(db: Executor, hourAgo: Date, dayAgo: Date, fallbackProvider: string) {
  const [messages] = await db
    .select({
      failedLastHour: sql<number>`count(*) filter (where ${coachMessages.status} = 'failed' and ${coachMessages.createdAt} >= ${hourAgo})::int`,
      failedLastDay: sql<number>`count(*) filter (where ${coachMessages.status} = 'failed')::int`,
      partialLastHour: sql<number>`count(*) filter (where ${coachMessages.status} = 'partial' and ${coachMessages.createdAt} >= ${hourAgo})::int`,
      partialLastDay: sql<number>`count(*) filter (where ${coachMessages.status} = 'partial')::int`,
    })
    .from(coachMessages)
    .where(and(inArray(coachMessages.status, ['failed', 'partial']), gte(coachMessages.createdAt, dayAgo)));
  const [calls] = await db
    .select({
      fallbackLastHour: sql<number>`count(*) filter (where ${coachLlmCalls.provider} = ${fallbackProvider} and ${coachLlmCalls.createdAt} >= ${hourAgo})::int`,
      fallbackLastDay: sql<number>`count(*) filter (where ${coachLlmCalls.provider} = ${fallbackProvider})::int`,
      llmErrorsLastHour: sql<number>`count(*) filter (where ${coachLlmCalls.outcome} = 'error' and ${coachLlmCalls.createdAt} >= ${hourAgo})::int`,
      llmErrorsLastDay: sql<number>`count(*) filter (where ${coachLlmCalls.outcome} = 'error')::int`,
    })
    .from(coachLlmCalls)
    .where(gte(coachLlmCalls.createdAt, dayAgo));
  return { ...messages!, ...calls! };
}

export function failedTurns(db: Executor, dayAgo: Date) {
  return db
    .select({
      id: coachMessages.id,
      userId: coachMessages.userId,
      conversationId: coachMessages.conversationId,
      status: coachMessages.status,
      errorCode: coachMessages.errorCode,
      provider: coachMessages.provider,
      createdAt: coachMessages.createdAt,
    })
    .from(coachMessages)
    .where(and(inArray(coachMessages.status, ['failed', 'partial']), gte(coachMessages.createdAt, dayAgo)))
    .orderBy(desc(coachMessages.createdAt))
    .limit(ROWS);
}

/** The notification outbox's counts for one channel: email (the default) or Web Push (ADR 076). */
export async function emailCounts(db: Executor, now: Date, hourAgo: Date, dayAgo: Date, channel: 'email' | 'push' = 'email') {
  const d = notificationDeliveries;
  const [row] = await db
    .select({
      failedLastHour: sql<number>`count(*) filter (where ${d.status} = 'failed' and ${d.updatedAt} >= ${hourAgo})::int`,
      failedLastDay: sql<number>`count(*) filter (where ${d.status} = 'failed' and ${d.updatedAt} >= ${dayAgo})::int`,
      retrying: sql<number>`count(*) filter (where ${d.status} = 'scheduled' and ${d.lastError} is not null)::int`,
      waiting: sql<number>`count(*) filter (where ${d.status} = 'scheduled' and ${d.dueAt} > ${now})::int`,
      backlog: sql<number>`count(*) filter (where ${d.status} in ('scheduled', 'sending') and ${d.dueAt} <= ${now})::int`,
      oldestDue: sql<Date | null>`min(${d.dueAt}) filter (where ${d.status} in ('scheduled', 'sending') and ${d.dueAt} <= ${now})`,
    })
    .from(d)
    .where(
      and(eq(d.channel, channel), or(inArray(d.status, ['scheduled', 'sending']), and(eq(d.status, 'failed'), gte(d.updatedAt, dayAgo)))),
    );
  return { ...row!, oldestDue: row?.oldestDue ? new Date(row.oldestDue) : null };
}

export function failedEmails(db: Executor, dayAgo: Date) {
  const d = notificationDeliveries;
  return db
    .select({
      id: d.id,
      userId: d.userId,
      kind: d.kind,
      type: d.type,
      channel: d.channel,
      reason: d.reason,
      attempts: d.attempts,
      lastError: d.lastError,
      updatedAt: d.updatedAt,
    })
    .from(d)
    .where(and(eq(d.status, 'failed'), gte(d.updatedAt, dayAgo)))
    .orderBy(desc(d.updatedAt))
    .limit(ROWS);
}
