// One conversation: the stored messages, the live answer (streamed), the composer, and the states in
// between — attaching to a turn another tab started, Stop, Retry, "Jump to latest".
import { useLocation, useNavigate, useRevalidator } from '@remix-run/react';
import { type ReactElement, useEffect, useRef, useState } from 'react';
import { type CoachMessageView, type CoachUsage, newClientMessageId } from '~/utils/ai-coach';
import { Button } from '../ui';
import { Composer } from './Composer';
import { Answer, EndNote, Question, storedMessage } from './Message';
import { type Draft, useCoachStream } from './useCoachStream';
import { useFollowTail } from './useFollowTail';

interface Props {
  conversationId: string;
  messages: CoachMessageView[];
  live: boolean;
  usage: CoachUsage;
  timeZone: string;
  clientMessageId: string;
  /** The JS-off post's refusal (busy, quota…), in words. */
  formError?: string | null;
}

/** A question handed over by the new-conversation page (with JavaScript), asked once on arrival. */
export interface AskState {
  ask?: { text: string; clientMessageId: string };
}

export function Chat({ conversationId, messages, live, usage, timeZone, clientMessageId, formError }: Props) {
  const revalidator = useRevalidator();
  const location = useLocation();
  const navigate = useNavigate();
  const stream = useCoachStream(conversationId, () => revalidator.revalidate());
  const { draft } = stream;
  const [text, setText] = useState('');
  const [cmid, setCmid] = useState(clientMessageId);
  const [announce, setAnnounce] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  const started = useRef(false);
  /** How many messages were stored when the last question was sent (to recognise it once stored). */
  const sentAt = useRef(messages.length);
  const tail = useFollowTail(`${draft?.text.length ?? 0}|${draft?.tool}|${draft?.phase}|${messages.length}`, draft !== null);

  const send = (question: string, id: string) => {
    sentAt.current = messages.length;
    setText('');
    setCmid(newClientMessageId());
    tail.follow();
    input.current?.focus();
    void stream.send(question, id);
  };

  // On arrival: ask the handed-over question, or follow the turn that is already running.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per conversation, on arrival
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const ask = (location.state as AskState | null)?.ask;
    if (ask) {
      navigate(location.pathname, { replace: true, state: null });
      send(ask.text, ask.clientMessageId);
    } else if (live) void stream.attach();
  }, [conversationId]);

  // The stored message takes over from the draft once the page has re-read it.
  useEffect(() => {
    if (!draft || (draft.phase !== 'done' && draft.phase !== 'error')) return;
    const stored = draft.messageId ? messages.find((m) => m.id === draft.messageId) : undefined;
    // A refusal before the turn began: if the question was stored anyway, the stored messages say it all.
    const q = draft.question;
    const asked = !draft.messageId && q && messages.slice(sentAt.current).some((m) => m.role === 'user' && m.content === q.text);
    if ((stored && stored.status !== 'streaming') || asked) stream.setDraft(null);
  }, [messages, draft, stream.setDraft]);

  useEffect(() => {
    if (draft?.phase === 'done') setAnnounce(draft.status === 'stopped' ? 'Answer stopped.' : 'Your coach has answered.');
    else if (draft?.phase === 'error') setAnnounce(draft.error?.message ?? 'The answer did not finish.');
    else if (draft?.phase === 'sending') setAnnounce('');
  }, [draft?.phase, draft?.status, draft?.error?.message]);

  const followUp = (prefix: string) => {
    setText(prefix);
    requestAnimationFrame(() => {
      const el = input.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(prefix.length, prefix.length);
    });
  };
  const hide = new Set([draft?.messageId, draft?.replaces, draft?.question ? draft.replyTo : null].filter(Boolean));
  const shown = messages.filter((m) => !hide.has(m.id));
  const common = { timeZone, onFollowUp: followUp, onChanged: () => revalidator.revalidate() };

  return (
    <div className="coach-chat">
      <ol className="coach-thread" aria-label="Conversation">
        {/* One keyed list: the draft's answer and the saved message share the message id (see storedMessage). */}
        {[
          ...shown.map((m) => storedMessage(m, { busy: stream.busy, onRetry: (id) => void stream.retry(id), ...common })),
          ...(draft
            ? draftItems(draft, { busy: stream.busy, onRetry: () => void stream.retry(draft.messageId, draft.question), ...common })
            : []),
        ]}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {announce}
      </p>
      {tail.away ? (
        <Button variant="secondary" size="sm" className="coach-jump" onClick={tail.jump}>
          Jump to latest ↓
        </Button>
      ) : null}
      <div className="coach-composer-dock">
        <Composer
          value={text}
          onChange={setText}
          onSend={send}
          clientMessageId={cmid}
          usage={usage}
          busy={stream.busy}
          onStop={() => void stream.stop()}
          textareaRef={input}
          error={formError}
        />
      </div>
    </div>
  );
}

/** The live turn as items of the thread: the question until it is stored, and the answer keyed by its message id. */
function draftItems(
  draft: Draft,
  {
    busy,
    onRetry,
    ...common
  }: { busy: boolean; onRetry: () => void; timeZone: string; onFollowUp: (t: string) => void; onChanged: () => void },
): ReactElement[] {
  const working = draft.phase === 'sending' || draft.phase === 'streaming' || draft.phase === 'reconnecting';
  const activity =
    draft.phase === 'reconnecting'
      ? 'Reconnecting…'
      : draft.tool
        ? draft.tool
        : working && !draft.text
          ? draft.phase === 'sending'
            ? 'Thinking…'
            : 'Looking at your data…'
          : null;
  const noAnswer = !draft.text && draft.phase === 'error' && !draft.messageId;
  const items: ReactElement[] = [];
  if (draft.question) {
    items.push(
      <Question key={`asking:${draft.question.clientMessageId}`} text={draft.question.text} pending={draft.phase === 'sending'} />,
    );
  }
  if (noAnswer) {
    items.push(
      <li key="draft-refused" className="coach-msg coach-msg-assistant">
        <div className="coach-bubble coach-bubble-quiet">
          <EndNote text={draft.error?.message ?? 'That did not work.'} onRetry={draft.error?.retryable ? onRetry : undefined} busy={busy} />
        </div>
      </li>,
    );
    return items;
  }
  items.push(
    <Answer
      key={draft.messageId ?? 'draft-answer'}
      draft
      text={draft.text}
      receipts={draft.receipts}
      check={draft.check}
      corrected={draft.corrected}
      withheld={[]}
      proposal={draft.proposal}
      activity={activity}
      {...common}
      footer={
        draft.phase === 'error' ? (
          <EndNote
            text={`${draft.error?.message ?? 'The answer did not finish.'}${draft.text ? ' What arrived is kept.' : ''}`}
            onRetry={draft.error?.retryable ? onRetry : undefined}
            busy={busy}
          />
        ) : draft.status === 'stopped' ? (
          <EndNote text="You stopped this answer." onRetry={onRetry} busy={busy} />
        ) : null
      }
    />,
  );
  return items;
}
