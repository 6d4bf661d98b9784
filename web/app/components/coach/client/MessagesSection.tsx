import { useEffect, useRef, useState, type FormEvent } from 'react';
import { UpgradePrompt } from '~/components/membership/UpgradePrompt';
import { Badge, type BadgeTone, Button, SuccessNotice } from '~/components/ui';
import { formatDateTime } from '~/utils/format';
import { api, fieldErrorsOf, useResource } from '../api';
import { SectionCard } from '../SectionCard';

interface Message {
  id: string;
  direction: 'outbound' | 'inbound';
  kind: string;
  body: string;
  status: 'scheduled' | 'sent' | 'deferred' | 'skipped' | 'failed' | 'received';
  dueAt: string | null;
  sentAt: string | null;
  error: string | null;
  reason: string | null;
  createdAt: string;
}

const STATUS_TONE: Record<Message['status'], BadgeTone> = {
  scheduled: 'info',
  sent: 'success',
  deferred: 'warning',
  skipped: 'neutral',
  failed: 'danger',
  received: 'neutral',
};
/** Why a message was deferred or skipped, or what a reply did, in the coach's words. */
const REASON: Record<string, string> = {
  quiet_hours: 'waits for quiet hours to end',
  quiet_hours_until_session: 'quiet hours last until the session',
  session_started: 'the session had started',
  booking_completed: 'the session was completed',
  booking_no_show: 'marked no-show',
  cancelled: 'the booking was cancelled',
  rescheduled: 'the booking was moved',
  already_confirmed: 'already confirmed',
  consent_revoked: 'the client opted out of texts',
  no_phone: 'no phone number',
  no_client: 'client removed',
  needs_team_plan: 'not sent: SMS is part of the Team plan',
  retrying: 'will retry',
  confirmed: 'confirmed the booking',
  nothing_to_confirm: 'no booking waiting for confirmation',
  opt_out: 'opted out of texts',
  opt_in: 'opted back in to texts',
};

const KIND: Record<string, string> = {
  confirmation: 'Confirmation',
  reminder: 'Reminder',
  follow_up: 'Follow-up',
  automation: 'Automation',
  manual: 'Message',
  inbound: 'Reply',
};

/** The client's SMS thread (oldest at the top, like a phone) and a box to send one (on Team). */
export function MessagesSection({
  clientId,
  timeZone,
  canText,
  team,
}: {
  clientId: string;
  timeZone: string;
  canText: boolean;
  /** Sending is part of Team; without it the thread stays readable and the box gives way to an upgrade prompt. */
  team: boolean;
}) {
  const messages = useResource<{ messages: Message[] }>(`/api/v1/coach/clients/${clientId}/messages`);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const key = useRef<string | null>(null);
  const thread = useRef<HTMLOListElement>(null);
  const count = messages.data?.messages.length ?? 0;

  // The newest message is at the bottom, like a phone: show it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: count is the trigger (a message arrived), read through the ref's DOM.
  useEffect(() => {
    if (thread.current) thread.current.scrollTop = thread.current.scrollHeight;
  }, [count]);

  async function send(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const body = String(new FormData(form).get('body') ?? '').trim();
    if (!body) return setError('Write a message');
    key.current ??= crypto.randomUUID();
    setSending(true);
    setError(null);
    setSent(null);
    try {
      const m = await api<Message>(`/api/v1/coach/clients/${clientId}/messages`, { body: { body, idempotencyKey: key.current } });
      key.current = null;
      form.reset();
      setSent(m.status === 'sent' || m.status === 'scheduled' ? 'Message sent.' : `Message ${m.status}${m.reason ? `: ${m.reason}` : ''}.`);
      messages.reload();
    } catch (err) {
      setError(fieldErrorsOf(err).body ?? (err as Error).message);
    } finally {
      setSending(false);
    }
  }

  return (
    <SectionCard
      id="messages"
      title="Messages"
      noun="messages"
      resource={messages}
      isEmpty={(d) => d.messages.length === 0}
      empty={{ icon: 'message', title: 'No messages yet', text: 'Booking confirmations, reminders and replies will appear here.' }}
    >
      {(d) => (
        <>
          {d.messages.length > 0 ? (
            <ol className="sms-thread" ref={thread} tabIndex={0} aria-label="SMS thread, oldest first">
              {[...d.messages].reverse().map((m) => (
                <li key={m.id} className={`sms sms-${m.direction}`}>
                  <p className="sms-body">{m.body}</p>
                  <p className="sms-meta">
                    {KIND[m.kind] ?? m.kind} · {formatDateTime(m.sentAt ?? m.dueAt ?? m.createdAt, timeZone)}{' '}
                    <Badge tone={STATUS_TONE[m.status]}>{m.status}</Badge>
                    {m.error ? (
                      <span className="sms-why sms-why-error"> {m.error}</span>
                    ) : m.reason ? (
                      <span className="sms-why"> {REASON[m.reason] ?? m.reason.replace(/_/g, ' ')}</span>
                    ) : null}
                  </p>
                </li>
              ))}
            </ol>
          ) : null}
          {!team ? (
            <UpgradePrompt feature="sms" name="Text messages" plural>
              <p>
                Confirmations, reminders and messages you type go out by SMS on the Team plan. Until then they are listed here, not sent.
              </p>
            </UpgradePrompt>
          ) : (
            <form className="form sms-send" onSubmit={send} noValidate>
              <SuccessNotice message={sent} />
              <div className={error ? 'field field-invalid' : 'field'}>
                <label htmlFor="sms-body" className="field-label">
                  Text this client
                </label>
                <textarea
                  id="sms-body"
                  name="body"
                  className="input coach-textarea"
                  rows={2}
                  maxLength={1600}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? 'sms-body-error' : canText ? undefined : 'sms-body-hint'}
                />
                {!canText ? (
                  <p id="sms-body-hint" className="field-hint">
                    This client has no phone number or has not agreed to texts, so a message will not be delivered.
                  </p>
                ) : null}
                {error ? (
                  <p id="sms-body-error" className="field-error">
                    {error}
                  </p>
                ) : null}
              </div>
              <Button type="submit" variant="secondary" disabled={sending}>
                {sending ? 'Sending…' : 'Send SMS'}
              </Button>
            </form>
          )}
        </>
      )}
    </SectionCard>
  );
}
