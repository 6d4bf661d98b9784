// One exchange in the thread: the athlete's question, or the coach's answer with its evidence, its
// proposal and (when it did not finish) a calm note with Retry.
import { Form } from '@remix-run/react';
import type { ReactElement, ReactNode } from 'react';
import type { ClaimCheck, CoachMessageView, CoachReceipt, ProposalView } from '~/utils/ai-coach';
import { useHydrated } from '../ClientOnly';
import { Button } from '../ui';
import { AnswerText } from './AnswerText';
import { CheckNote, Receipts, WithheldNote } from './Evidence';
import { ProposalCard } from './ProposalCard';

export function Question({ text, pending }: { text: string; pending?: boolean }) {
  return (
    <li className="coach-msg coach-msg-user">
      <span className="visually-hidden">You: </span>
      <div className="coach-bubble">{text}</div>
      {pending ? <span className="coach-msg-meta">Sending…</span> : null}
    </li>
  );
}

export interface AnswerProps {
  text: string;
  receipts: CoachReceipt[];
  check: ClaimCheck | null;
  corrected: string | null;
  withheld: { source: string; count: number }[];
  proposal: ProposalView | null;
  /** A quiet line while the coach works ("Looking at your fitness…"). */
  activity?: string | null;
  /** Shown under the text: why the answer is short, and Retry. */
  footer?: ReactNode;
  /** Still the streamed draft, not yet the saved message. */
  draft?: boolean;
  timeZone: string;
  onFollowUp: (text: string) => void;
  onChanged: () => void;
}

export function Answer(p: AnswerProps) {
  return (
    <li className="coach-msg coach-msg-assistant" data-draft={p.draft ? '' : undefined}>
      <span className="visually-hidden">Coach: </span>
      <div className="coach-bubble">
        {p.text ? <AnswerText text={p.text} /> : null}
        {p.activity ? (
          <p className="coach-activity">
            <span className="coach-dots" aria-hidden="true" />
            {p.activity}
          </p>
        ) : null}
        <CheckNote check={p.check} corrected={p.corrected} />
        <Receipts receipts={p.receipts} />
        <WithheldNote withheld={p.withheld} />
        {p.footer}
      </div>
      {p.proposal ? <ProposalCard proposal={p.proposal} timeZone={p.timeZone} onFollowUp={p.onFollowUp} onChanged={p.onChanged} /> : null}
    </li>
  );
}

/** Why an answer ended early, calmly, with Retry where it helps. */
export function EndNote({ text, onRetry, busy, messageId }: { text: string; onRetry?: () => void; busy?: boolean; messageId?: string }) {
  // With JavaScript Retry streams; without it, a stored answer is retried by a form post (the whole answer comes back).
  const hydrated = useHydrated();
  return (
    <div className="coach-end-note">
      <p>{text}</p>
      {onRetry && hydrated ? (
        <Button size="sm" variant="secondary" onClick={onRetry} disabled={busy}>
          Retry
        </Button>
      ) : onRetry && messageId ? (
        <Form method="post">
          <input type="hidden" name="intent" value="retry" />
          <input type="hidden" name="messageId" value={messageId} />
          <Button type="submit" size="sm" variant="secondary">
            Retry
          </Button>
        </Form>
      ) : null}
    </div>
  );
}

const END_TEXT: Partial<Record<CoachMessageView['status'], string>> = {
  partial: 'This answer was cut short. What arrived is kept.',
  failed: "Your coach couldn't answer just now. Nothing was counted against your questions.",
  stopped: 'You stopped this answer.',
  streaming: 'Your coach is still writing this answer…',
};

/**
 * A stored message as an item of the thread, keyed by its id. An answer is the same Answer element the
 * streamed draft renders under the same key, so the saved message takes over the draft's element in place
 * and what the reader opened in it (the receipts) stays open.
 */
export function storedMessage(
  m: CoachMessageView,
  props: { timeZone: string; busy: boolean; onRetry: (id: string) => void; onFollowUp: (text: string) => void; onChanged: () => void },
): ReactElement {
  if (m.role === 'user') return <Question key={m.id} text={m.content} />;
  const end = END_TEXT[m.status];
  return (
    <Answer
      key={m.id}
      text={m.content}
      receipts={m.receipts}
      check={m.checks}
      corrected={null}
      withheld={m.withheld}
      proposal={m.proposal}
      timeZone={props.timeZone}
      onFollowUp={props.onFollowUp}
      onChanged={props.onChanged}
      footer={
        end ? (
          <EndNote
            text={end}
            busy={props.busy}
            messageId={m.id}
            onRetry={m.status === 'streaming' ? undefined : () => props.onRetry(m.id)}
          />
        ) : null
      }
    />
  );
}
