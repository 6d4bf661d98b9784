// The question box: a plain form post (the page's action runs the turn and shows the finished answer),
// intercepted with JavaScript to stream. Enter sends, Shift+Enter is a new line.
import { Form, Link } from '@remix-run/react';
import type { FormEvent, KeyboardEvent, RefObject } from 'react';
import { day } from '~/utils/analytics-format';
import { MAX_QUESTION, type CoachUsage } from '~/utils/ai-coach';
import { Button } from '../ui';

interface Props {
  value: string;
  onChange: (text: string) => void;
  /** With JavaScript: stream instead of posting. Absent: the form posts. */
  onSend?: (text: string, clientMessageId: string) => void;
  clientMessageId: string;
  usage: CoachUsage;
  busy: boolean;
  onStop?: () => void;
  textareaRef: RefObject<HTMLTextAreaElement>;
  /** The route the form posts to ("/ai-coach?index" for a new conversation). */
  action?: string;
  error?: string | null;
}

export function Composer({ value, onChange, onSend, clientMessageId, usage, busy, onStop, textareaRef, action, error }: Props) {
  const usedUp = usage.limit !== null && usage.used >= usage.limit;
  const reason = busy ? 'Your coach is answering. You can ask again when it has finished.' : usedUp ? quotaText(usage) : null;
  const empty = value.trim() === '';

  const submit = (e: FormEvent<HTMLFormElement>) => {
    if (!onSend) return;
    e.preventDefault();
    if (busy || usedUp || empty) return;
    onSend(value.trim(), clientMessageId);
  };
  const keys = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing) return;
    e.preventDefault();
    e.currentTarget.form?.requestSubmit();
  };

  return (
    <Form method="post" action={action} className="coach-composer" onSubmit={submit}>
      <input type="hidden" name="intent" value="ask" />
      <input type="hidden" name="clientMessageId" value={clientMessageId} />
      <label htmlFor="coach-question" className="visually-hidden">
        Ask your coach
      </label>
      <textarea
        id="coach-question"
        ref={textareaRef}
        name="text"
        className="input coach-input"
        rows={2}
        maxLength={MAX_QUESTION}
        required
        placeholder="Ask about your training…"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={keys}
        aria-describedby="coach-composer-hint"
        disabled={usedUp}
      />
      <div className="coach-composer-row">
        <p id="coach-composer-hint" className="coach-composer-hint">
          {reason ?? (
            <>
              <span className="coach-hide-narrow">Enter to send, Shift+Enter for a new line. </span>
              {usage.limit !== null ? (
                <>
                  {usage.used} of {usage.limit} this month
                  {usage.free ? (
                    <>
                      {' · '}
                      <Link to="/pricing">Upgrade</Link>
                    </>
                  ) : null}
                </>
              ) : null}
            </>
          )}
          {usedUp ? (
            <>
              {' '}
              <Link to="/pricing">See the plans</Link>
            </>
          ) : null}
        </p>
        {busy && onStop ? (
          <Button variant="secondary" size="sm" onClick={onStop}>
            Stop
          </Button>
        ) : (
          <Button type="submit" size="sm" disabled={busy || usedUp} aria-disabled={busy || usedUp || undefined}>
            Send
          </Button>
        )}
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </Form>
  );
}

function quotaText(u: CoachUsage): string {
  const when = u.resetsOn ? ` They come back on ${day(u.resetsOn)}.` : '';
  return `You've used your ${u.limit} questions this month.${when}`;
}
