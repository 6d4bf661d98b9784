// Sending what is due: claim (one holder per row), check consent, booking state and quiet hours at the
// moment of sending, then call Twilio and record the sid or the error. Used by the per-minute cron, by
// the request that books a session (its confirmation) and by sendToClient.

import type { Db } from '../../../db/client';
import { backoffDelay, jittered } from '../../../lib/backoff';
import type { Clock } from '../../../lib/clock';
import type { Logger } from '../../../lib/logger';
import type { SmsSender, SmsSendResult } from '../../../providers/twilio/twilio';
import type { OrgPlan } from '../org-plan';
import { createSmsRepo, type SmsRow } from './sms.repo';
import { wordFor } from './sms-planner';
import { quietHoursEnd } from './sms-templates';

export const MAX_ATTEMPTS = 3;
/** A claim lasts this long; a tick that dies mid-send leaves its rows to the next tick after it. */
const LEASE_MS = 2 * 60_000;
/** Retry after 1 min, then 4 min (a transient Twilio refusal: 429 or 5xx), each stretched by its row's jitter. */
export const retryDelayMs = (attempts: number, messageId: string) =>
  jittered(backoffDelay({ first: 60_000, factor: 4 }, attempts), messageId);

export type Outcome = {
  status: 'sent' | 'scheduled' | 'deferred' | 'skipped' | 'failed';
  messageId: string;
  error?: string;
  reason?: string;
};

/** The reason on a row whose last send got no answer: the next try looks it up at Twilio before sending. */
export const UNCONFIRMED = 'unconfirmed';

const BOOKING_KINDS: SmsRow['kind'][] = ['confirmation', 'reminder'];

export function outcomeOf(row: SmsRow): Outcome {
  const status = row.state === 'sending' || row.state === 'received' ? 'scheduled' : row.state;
  return {
    status,
    messageId: row.id,
    ...(row.errorCode || row.errorMessage ? { error: [row.errorCode, row.errorMessage].filter(Boolean).join(': ') } : {}),
    ...(row.reason ? { reason: row.reason } : {}),
  };
}

export function createSmsDelivery(deps: { db: Db; clock: Clock; sender: SmsSender; logger: Logger; orgPlan: OrgPlan }) {
  const repo = createSmsRepo(deps.db);

  /** Decides and performs one claimed row; returns its settled state. `onTeam` answers per org (once per batch). */
  async function deliver(row: SmsRow, onTeam: (orgId: string) => Promise<boolean> = deps.orgPlan.hasTeam): Promise<SmsRow> {
    const now = deps.clock.now();
    const settle = async (patch: Parameters<typeof repo.settle>[1]) => (await repo.settle(row.id, patch, now)) ?? row;
    if (!row.clientId) return settle({ state: 'skipped', reason: 'no_client' });
    const who = await repo.clientWithOrg(row.clientId);
    if (!who) return settle({ state: 'skipped', reason: 'no_client' });
    const { client, org } = who;
    if (!client.phone) return settle({ state: 'skipped', reason: 'no_phone' });
    if (client.smsConsent === 'revoked') return settle({ state: 'skipped', reason: 'consent_revoked' });
    // Decided as it goes, like consent: an org that takes Team before a reminder is due gets it sent.
    if (!(await onTeam(org.id))) return settle({ state: 'skipped', reason: 'needs_team_plan' });

    let startsAt: Date | null = null;
    let body = row.body;
    if (row.bookingId && BOOKING_KINDS.includes(row.kind)) {
      const ctx = await repo.bookingContext(row.bookingId);
      const b = ctx?.booking;
      if (!b || b.status === 'cancelled') return settle({ state: 'skipped', reason: 'cancelled' });
      if (b.status === 'no_show' || b.status === 'completed') return settle({ state: 'skipped', reason: `booking_${b.status}` });
      if (row.kind === 'confirmation' && b.status === 'confirmed') return settle({ state: 'skipped', reason: 'already_confirmed' });
      if (b.startsAt <= now) return settle({ state: 'skipped', reason: 'session_started' });
      startsAt = b.startsAt;
      // Worded again as it goes: the org's zone, its template or the place may have changed since it
      // was planned, and the client must read what the calendar and the latest confirmation say.
      const kind = row.kind as 'confirmation' | 'reminder';
      body = wordFor(kind, await repo.template(org.id, kind), {
        orgName: org.name,
        timeZone: org.timeZone,
        clientName: client.name,
        coachName: ctx.coachName,
        startsAt: b.startsAt,
        location: b.location,
      });
    }

    // A message the coach types by hand goes now: they see the clock; everything automatic waits.
    if (row.kind !== 'manual') {
      const quietEnd = quietHoursEnd(now, org);
      if (quietEnd) {
        if (startsAt && quietEnd >= startsAt) return settle({ state: 'skipped', reason: 'quiet_hours_until_session' });
        return settle({ state: 'deferred', dueAt: quietEnd, reason: 'quiet_hours' });
      }
    }

    // The last attempt got no answer: Twilio may hold it already. Look before sending again (Twilio has no
    // idempotency key); a lookup that fails is not an answer either, so it waits for the next try.
    if (row.reason === UNCONFIRMED) {
      let found: { sid: string } | undefined;
      try {
        const hits = await deps.sender.findSent({ to: client.phone, body: row.body, since: row.createdAt });
        const known = await repo.knownSids(hits.map((m) => m.sid));
        found = hits.find((m) => !known.has(m.sid));
      } catch (err) {
        deps.logger.warn('sms lookup failed', { messageId: row.id, errorName: err instanceof Error ? err.name : 'unknown' });
        return retryOrFail(row, now, settle, row.body, { code: null, message: 'Twilio could not say whether it was sent' }, true);
      }
      if (found) {
        deps.logger.info('sms found sent after an unconfirmed attempt', { messageId: row.id, kind: row.kind });
        return settle({
          state: 'sent',
          body: row.body,
          providerSid: found.sid,
          sentAt: now,
          errorCode: null,
          errorMessage: null,
          reason: null,
        });
      }
    }

    let result: SmsSendResult;
    try {
      result = await deps.sender.send({ to: client.phone, body });
    } catch (err) {
      result = {
        ok: false as const,
        code: null,
        message: 'Could not reach the SMS provider',
        status: 0,
        retryable: true,
        unconfirmed: true,
      };
      deps.logger.warn('sms provider unreachable', { messageId: row.id, errorName: err instanceof Error ? err.name : 'unknown' });
    }
    if (result.ok) {
      deps.logger.info('sms sent', { messageId: row.id, kind: row.kind });
      return settle({ state: 'sent', body, providerSid: result.sid, sentAt: now, errorCode: null, errorMessage: null, reason: null });
    }
    const code = result.code === null ? null : String(result.code);
    deps.logger.warn('sms refused', { messageId: row.id, code: code ?? String(result.status), count: row.attempts });
    if (!result.retryable) return settle({ state: 'failed', body, errorCode: code, errorMessage: result.message, reason: null });
    return retryOrFail(row, now, settle, body, { code, message: result.message }, result.unconfirmed === true);
  }

  /**
   * Another try later (backoff with the row's jitter), or `failed` once the attempts are spent. `body` is the text
   * last put to Twilio; an unconfirmed row keeps it and its reason, so the next try looks that text up first. Out
   * of attempts it fails saying Twilio may still have sent it (never sent once more on a guess).
   */
  function retryOrFail(
    row: SmsRow,
    now: Date,
    settle: (patch: Parameters<typeof repo.settle>[1]) => Promise<SmsRow>,
    body: string,
    error: { code: string | null; message: string },
    unconfirmed: boolean,
  ): Promise<SmsRow> {
    if (row.attempts < MAX_ATTEMPTS)
      return settle({
        state: 'scheduled',
        body,
        dueAt: new Date(now.getTime() + retryDelayMs(row.attempts, row.id)),
        errorCode: error.code,
        errorMessage: error.message,
        reason: unconfirmed ? UNCONFIRMED : 'retrying',
      });
    return settle({
      state: 'failed',
      body,
      errorCode: error.code,
      errorMessage: unconfirmed ? `${error.message} (Twilio may have sent it)` : error.message,
      reason: unconfirmed ? UNCONFIRMED : null,
    });
  }

  return {
    deliver,

    /** Sends whatever is due now (or just `ids`, if due): each row by exactly one caller. */
    async sendDue(opts: { limit?: number; ids?: string[] } = {}): Promise<SmsRow[]> {
      if (opts.ids && opts.ids.length === 0) return [];
      const now = deps.clock.now();
      const claimed = await repo.claimDue(now, new Date(now.getTime() + LEASE_MS), opts.limit ?? 200, { ids: opts.ids });
      const done: SmsRow[] = [];
      const plans = new Map<string, Promise<boolean>>();
      const onTeam = (orgId: string) => plans.get(orgId) ?? plans.set(orgId, deps.orgPlan.hasTeam(orgId)).get(orgId)!;
      // A few at a time: Twilio queues per sender anyway, and a tick must not open hundreds of requests.
      for (let i = 0; i < claimed.length; i += 10)
        done.push(...(await Promise.all(claimed.slice(i, i + 10).map((row) => deliver(row, onTeam)))));
      return done;
    },
  };
}

export type SmsDelivery = ReturnType<typeof createSmsDelivery>;
