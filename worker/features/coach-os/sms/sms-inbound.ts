// Inbound SMS (Twilio's webhook, signature already checked). Rules (ADR 009):
// - Every message is stored once, keyed by MessageSid; a retried webhook changes nothing.
// - STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT: consent revoked for every client with that number
//   (Twilio's opt-out is per sender, across all orgs using our Messaging Service, so ours is too).
// - START, UNSTOP: consent granted again where it was revoked. YES also does (Twilio's default
//   opt-in keywords are START, YES, UNSTOP) and, like Y, confirms a booking.
// - Y / YES (any case, spaces): confirms the soonest future booking still `scheduled` whose
//   confirmation SMS was sent, among the clients with that number in any org. One reply confirms one
//   booking; a second Y confirms the next such booking if there is one, and a reply to an already
//   confirmed booking changes nothing.
// - Anything else is stored for the coach, in the thread of the client last texted from that number.
// - Unknown numbers: stored (no org), nothing else.

import type { Clock } from '../../../lib/clock';
import type { Db } from '../../../db/client';
import type { Logger } from '../../../lib/logger';
import { createBookingsRepo } from '../bookings';
import type { CoachEvents } from '../coach-events';
import { createSmsRepo } from './sms.repo';

const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);
const OPT_IN = new Set(['START', 'UNSTOP', 'YES']);
const CONFIRM = new Set(['Y', 'YES']);

export interface InboundSms {
  messageSid: string;
  from: string;
  to: string;
  body: string;
}

export type InboundResult = {
  stored: boolean;
  action: 'replay' | 'unknown_number' | 'opt_out' | 'opt_in' | 'confirmed' | 'nothing_to_confirm' | 'message';
};

/** "  yes! " → "YES": keywords are matched on the letters alone. */
export const keywordOf = (body: string) =>
  body
    .trim()
    .toUpperCase()
    .replace(/[^A-Z]/g, '');

export function createSmsInbound(deps: { db: Db; clock: Clock; logger: Logger; events: CoachEvents }) {
  const repo = createSmsRepo(deps.db);

  return async function receive(msg: InboundSms): Promise<InboundResult> {
    const now = deps.clock.now();
    const row = await repo.insertInbound({
      direction: 'inbound',
      kind: 'inbound',
      state: 'received',
      key: `inbound:${msg.messageSid}`,
      providerSid: msg.messageSid,
      fromPhone: msg.from,
      body: msg.body,
      dueAt: now,
      sentAt: now,
    });
    if (!row) return { stored: false, action: 'replay' };

    const clients = await repo.clientsByPhone(msg.from);
    if (clients.length === 0) {
      await repo.annotate(row.id, { reason: 'unknown_number' });
      deps.logger.info('sms from unknown number', { messageId: row.id });
      return { stored: true, action: 'unknown_number' };
    }
    const ids = clients.map((c) => c.id);
    const keyword = keywordOf(msg.body);
    const threadClient = (await repo.lastOutboundClient(ids)) ?? ids[0]!;
    const orgOf = (clientId: string) => clients.find((c) => c.id === clientId)!.orgId;

    if (OPT_OUT.has(keyword)) {
      const changed = await repo.setConsent(ids, ['unknown', 'granted'], 'revoked');
      await repo.annotate(row.id, { clientId: threadClient, orgId: orgOf(threadClient), reason: 'opt_out' });
      deps.logger.info('sms opt-out', { messageId: row.id, count: changed.length });
      return { stored: true, action: 'opt_out' };
    }

    let action: InboundResult['action'] = 'message';
    if (OPT_IN.has(keyword)) {
      const changed = await repo.setConsent(ids, ['revoked'], 'granted');
      if (changed.length) action = 'opt_in';
    }
    if (CONFIRM.has(keyword)) {
      const bookings = createBookingsRepo(deps.db);
      let confirmed: { id: string; orgId: string; clientId: string } | undefined;
      // The soonest first; if another reply won it a moment ago, this one takes the next (see the rules above).
      for (const candidate of await repo.confirmable(ids, now)) {
        if (await bookings.transition(candidate.orgId, candidate.id, ['scheduled'], 'confirmed')) {
          confirmed = candidate;
          break;
        }
      }
      if (confirmed) {
        await repo.annotate(row.id, { clientId: confirmed.clientId, orgId: confirmed.orgId, bookingId: confirmed.id, reason: 'confirmed' });
        await deps.events.emit({
          type: 'booking.confirmed',
          orgId: confirmed.orgId,
          clientId: confirmed.clientId,
          bookingId: confirmed.id,
        });
        deps.logger.info('booking confirmed by sms', { messageId: row.id, bookingId: confirmed.id });
        return { stored: true, action: 'confirmed' };
      }
      if (action !== 'opt_in') action = 'nothing_to_confirm';
    }
    await repo.annotate(row.id, { clientId: threadClient, orgId: orgOf(threadClient), reason: action === 'message' ? null : action });
    return { stored: true, action };
  };
}
