// An SMS row as a client's thread shows it: a message still being handed to Twilio reads as scheduled.
import type { SmsRow } from './sms.repo';
import type { SmsMessage } from './sms.schema';

export function presentMessage(r: SmsRow): SmsMessage {
  return {
    id: r.id,
    direction: r.direction,
    kind: r.kind,
    body: r.body,
    status: r.state === 'sending' ? 'scheduled' : r.state,
    dueAt: r.direction === 'outbound' ? r.dueAt.toISOString() : null,
    sentAt: r.sentAt?.toISOString() ?? null,
    error: r.errorCode || r.errorMessage ? [r.errorCode, r.errorMessage].filter(Boolean).join(': ') : null,
    reason: r.reason,
    bookingId: r.bookingId,
    createdAt: r.createdAt.toISOString(),
  };
}
