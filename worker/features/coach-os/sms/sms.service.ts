// The coach console's SMS: booking confirmations, reminders and follow-ups planned from booking
// events (and repaired by the per-minute cron), templates per org, the client's message thread, manual
// messages, and sendToClient for automations. Quiet hours and consent are decided at planning and
// again at sending, in the org's own zone.

import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import type { Logger } from '../../../lib/logger';
import type { SmsSender } from '../../../providers/twilio/twilio';
import type { AuditService } from '../../audit';
import type { CoachEvent, CoachEvents } from '../coach-events';
import { createCoachRepo } from '../coach-os.repo';
import type { Member } from '../coach-os.service';
import type { OrgPlan } from '../org-plan';
import { createSmsDelivery, outcomeOf, type Outcome } from './sms-delivery';
import { createSmsInbound } from './sms-inbound';
import { createSmsPlanner, placement } from './sms-planner';
import { createSmsRepo, type SmsRow } from './sms.repo';
import { reopenFailedSms } from './sms-retry.repo';
import {
  DEFAULT_TEMPLATES,
  MAX_TEMPLATE_LENGTH,
  TEMPLATE_KINDS,
  TEMPLATE_VARIABLES,
  renderTemplate,
  sampleValues,
  templateProblems,
  type TemplateKind,
} from './sms-templates';

export interface SmsDeps {
  db: Db;
  clock: Clock;
  sender: SmsSender;
  logger: Logger;
  events: CoachEvents;
  audit: AuditService;
  /** Sending is part of Team: without it messages are still planned (and shown) but settle as skipped. */
  orgPlan: OrgPlan;
  /** Runs work after the response (waitUntil); without it the work is awaited in place. */
  defer?: (p: Promise<unknown>) => void;
}

export interface SendToClientInput {
  orgId: string;
  clientId: string;
  body: string;
  kind: 'automation' | 'manual';
  /** Idempotency key per client: the same key to the same client sends once. */
  key: string;
}

/** SMS segments the text costs: 160/153 characters of plain text, 70/67 once anything else appears. */
export function smsSegments(text: string): number {
  const plain = /^[\x20-\x7e\n\r]*$/.test(text);
  const [one, many] = plain ? [160, 153] : [70, 67];
  return text.length <= one ? 1 : Math.ceil(text.length / many);
}

export function createSmsService(deps: SmsDeps) {
  const repo = createSmsRepo(deps.db);
  const delivery = createSmsDelivery(deps);
  const planner = createSmsPlanner(deps);
  const receive = createSmsInbound(deps);

  const later = (work: () => Promise<unknown>) => {
    // Ids only in logs; the cron retries whatever this misses.
    const p = work().catch((err) =>
      deps.logger.error('deferred sms work failed', { errorName: err instanceof Error ? err.name : 'unknown' }),
    );
    if (deps.defer) deps.defer(p);
    return deps.defer ? Promise.resolve() : p;
  };

  /**
   * Sends `body` to a client now, once per key: consent and (for automations) quiet hours apply —
   * inside quiet hours the message is deferred to their end. A provider refusal comes back as 'failed'.
   */
  async function sendToClient(input: SendToClientInput): Promise<Outcome> {
    const body = input.body.trim();
    if (body === '' || body.length > 1600)
      throw new AppError(ErrorCode.VALIDATION, 'The message must have 1 to 1600 characters.', {
        fields: [{ path: 'body', message: 'Between 1 and 1600 characters' }],
      });
    const who = await repo.clientWithOrg(input.clientId);
    if (!who || who.client.orgId !== input.orgId) throw notFound('Client');
    // Scoped to the org and client: two automations of different orgs may pick the same key.
    const key = `${input.kind}:${input.orgId}:${input.clientId}:${input.key}`;
    const now = deps.clock.now();
    const [row] = await repo.plan([
      {
        orgId: input.orgId,
        clientId: input.clientId,
        direction: 'outbound',
        kind: input.kind,
        key,
        body,
        ...(input.kind === 'manual' ? { state: 'scheduled' as const, dueAt: now, reason: null } : placement(now, who.org, null)),
      },
    ]);
    if (!row) {
      // Asked again with the same key: the first call's result, nothing sent twice.
      const existing = await repo.byKey(key);
      return outcomeOf(existing!);
    }
    if (row.state !== 'scheduled') return outcomeOf(row);
    const [done] = await delivery.sendDue({ ids: [row.id] });
    return outcomeOf(done ?? (await repo.byKey(key))!);
  }

  async function onEvent(e: CoachEvent): Promise<void> {
    if (!('bookingId' in e)) return;
    switch (e.type) {
      case 'booking.created':
      case 'booking.rescheduled': {
        const id = await planner.planBooking(e.bookingId);
        // The coach should see the confirmation go out within seconds; the cron is the backstop.
        if (id) await later(() => delivery.sendDue({ ids: [id] }));
        return;
      }
      case 'booking.completed': {
        const id = await planner.planFollowUp(e.bookingId);
        if (id) await later(() => delivery.sendDue({ ids: [id] }));
        return;
      }
      case 'booking.cancelled':
        await planner.skipBooking(e.bookingId, 'cancelled');
        return;
      case 'booking.no_show':
        await planner.skipBooking(e.bookingId, 'no_show');
        return;
      case 'booking.confirmed':
        await repo.skipPendingOfBooking(e.bookingId, 'already_confirmed', undefined, ['confirmation']);
        return;
    }
  }

  async function clientOf(m: Member, clientId: string) {
    const c = await createCoachRepo(deps.db).getClient(m.org.id, clientId);
    if (!c) throw notFound('Client');
    return c;
  }

  async function templatesOf(orgId: string) {
    const own = new Map((await repo.templates(orgId)).map((t) => [t.kind, t.body]));
    return TEMPLATE_KINDS.map((kind) => ({ kind, body: own.get(kind) ?? DEFAULT_TEMPLATES[kind], isDefault: !own.has(kind) }));
  }

  function requireValid(body: string) {
    const problems = templateProblems(body);
    if (problems.length)
      throw new AppError(ErrorCode.VALIDATION, problems[0]!, { fields: problems.map((message) => ({ path: 'body', message })) });
  }

  return {
    sendToClient,
    onEvent,
    receive,
    /** Subscribes to booking events (called once when the services are built). */
    subscribe(events: CoachEvents) {
      events.on(onEvent);
    },

    /** The per-minute tick: plan reminders a lost event missed, then send what is due. */
    async tick(): Promise<{ planned: number; sent: number; settled: number }> {
      const planned = await planner.planMissingReminders();
      let settled = 0;
      let sent = 0;
      for (let round = 0; round < 10; round++) {
        const done = await delivery.sendDue({ limit: 200 });
        settled += done.length;
        sent += done.filter((r) => r.state === 'sent').length;
        if (done.length < 200) break;
      }
      return { planned, sent, settled };
    },

    planner,
    delivery,

    /** Operators (Ops Pulse): sends a failed message again now, audited; consent and plan still apply. */
    async retryFailed(actor: { id: string; role: string }, messageId: string, reason: string): Promise<Outcome> {
      const now = deps.clock.now();
      const reopened = await deps.db.transaction(async (tx) => {
        const row = await reopenFailedSms(tx, messageId, now);
        if (row)
          await deps.audit.record(
            {
              actor,
              action: 'operator.retry_sms',
              target: { type: 'sms', id: messageId },
              payload: { reason, before: { state: 'failed' }, after: { state: 'scheduled' }, orgId: row.orgId },
            },
            tx,
          );
        return row;
      });
      if (!reopened) throw new AppError(ErrorCode.CONFLICT, 'This message has not failed (or no longer exists): nothing to retry.');
      const [done] = await delivery.sendDue({ ids: [messageId] });
      return done ? outcomeOf(done) : { status: 'scheduled', messageId };
    },

    async listMessages(m: Member, clientId: string, limit = 50): Promise<SmsRow[]> {
      await clientOf(m, clientId);
      return repo.listForClient(m.org.id, clientId, limit);
    },

    /** A message the coach types: sent now (quiet hours do not apply to it), consent still does. */
    async sendManual(m: Member, clientId: string, body: string, idempotencyKey?: string): Promise<SmsRow> {
      await clientOf(m, clientId);
      await deps.orgPlan.requireOrgFeature(m.org.id, 'sms');
      const outcome = await sendToClient({ orgId: m.org.id, clientId, body, kind: 'manual', key: idempotencyKey ?? crypto.randomUUID() });
      await deps.audit.record({
        actor: m.actor,
        action: 'sms.manual_sent',
        target: { type: 'client', id: clientId },
        payload: { messageId: outcome.messageId, status: outcome.status },
      });
      const [row] = (await repo.listForClient(m.org.id, clientId, 50)).filter((r) => r.id === outcome.messageId);
      return row!;
    },

    async templates(m: Member) {
      return { templates: await templatesOf(m.org.id), variables: [...TEMPLATE_VARIABLES], maxLength: MAX_TEMPLATE_LENGTH };
    },

    async saveTemplate(m: Member, kind: TemplateKind, body: string) {
      if (m.role !== 'owner') throw new AppError(ErrorCode.FORBIDDEN, 'Only the organisation’s owner can change its SMS templates.');
      requireValid(body);
      await repo.saveTemplate(m.org.id, kind, body, m.actor.id);
      await deps.audit.record({ actor: m.actor, action: 'sms.template_updated', target: { type: 'org', id: m.org.id }, payload: { kind } });
      return (await templatesOf(m.org.id)).find((t) => t.kind === kind)!;
    },

    async preview(m: Member, kind: TemplateKind, body: string) {
      requireValid(body);
      const coachName = (await repo.displayName(m.actor.id)) ?? 'Your coach';
      const text = renderTemplate(kind, body, sampleValues(m.org, coachName, deps.clock.now()));
      return { kind, text, length: text.length, segments: smsSegments(text) };
    },
  };
}

export type SmsService = ReturnType<typeof createSmsService>;
