// One live turn in the browser: POST the question (or a retry) with `Accept: text/event-stream`, fold the
// events into a draft answer, reattach with `Last-Event-ID` when the connection drops, stop on request.
// The server is the truth: when the turn ends the page re-reads its loader, and the draft gives way to
// the stored message.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClaimCheck, CoachReceipt, CoachStreamEvent, ProposalView } from '~/utils/ai-coach';
import { CoachApiError, coachFetch, errorOf, getProposal } from './coach-api';
import { readSse } from './sse';

export interface Draft {
  /** The assistant message being written (from the `turn` event). */
  messageId: string | null;
  /** The question, shown until the stored one arrives (null when attaching to another tab's turn). */
  question: { text: string; clientMessageId: string } | null;
  /** A stored message this turn replaces on screen (a retry). */
  replaces: string | null;
  /** The stored question this turn answers (from the `turn` event). */
  replyTo: string | null;
  text: string;
  phase: 'sending' | 'streaming' | 'reconnecting' | 'done' | 'error';
  status: 'complete' | 'partial' | 'stopped' | null;
  tool: string | null;
  corrected: string | null;
  receipts: CoachReceipt[];
  check: ClaimCheck | null;
  proposal: ProposalView | null;
  error: { message: string; retryable: boolean; code: string } | null;
}

const RECONNECTS = 3;
const base = (conversationId: string) => `/api/v1/ai-coach/conversations/${conversationId}`;
const SSE = { accept: 'text/event-stream' };

const fresh = (question: Draft['question'], replaces: string | null): Draft => ({
  messageId: null,
  question,
  replaces,
  replyTo: null,
  text: '',
  phase: 'sending',
  status: null,
  tool: null,
  corrected: null,
  receipts: [],
  check: null,
  proposal: null,
  error: null,
});

export function useCoachStream(conversationId: string, onSettled: () => void) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const settledRef = useRef(onSettled);
  settledRef.current = onSettled;
  const update = useCallback((f: (d: Draft) => Draft) => setDraft((d) => (d ? f(d) : d)), []);

  const apply = useCallback(
    (e: CoachStreamEvent) => {
      switch (e.type) {
        case 'turn':
          return update((d) => ({ ...d, messageId: e.messageId, replyTo: e.replyTo, phase: 'streaming' }));
        case 'delta':
          return update((d) => ({ ...d, text: d.text + e.text, phase: 'streaming', tool: null }));
        case 'tool':
          return update((d) => ({ ...d, tool: e.status === 'running' ? e.summary || 'Looking at your data…' : null }));
        case 'replace':
          return update((d) => ({ ...d, text: e.text, corrected: e.reason }));
        case 'receipts':
          return update((d) => ({ ...d, receipts: e.receipts }));
        case 'check':
          return update((d) => ({ ...d, check: e.check }));
        case 'proposal':
          void getProposal(e.proposalId)
            .then((p) => update((d) => ({ ...d, proposal: p })))
            .catch(() => {});
          return;
        case 'done':
          return update((d) => ({ ...d, messageId: e.messageId, phase: 'done', status: e.status, tool: null }));
        case 'error':
          return update((d) => ({
            ...d,
            phase: 'error',
            tool: null,
            error: { message: e.message, retryable: e.retryable, code: e.code },
            status: e.partial ? 'partial' : null,
          }));
      }
    },
    [update],
  );

  /** Reads one response's events; true when the turn reached its end (done or error). */
  const consume = useCallback(
    async (res: Response, signal: AbortSignal, last: { id: string | null }): Promise<boolean> => {
      let ended = false;
      if (!res.body) return false;
      try {
        await readSse(
          res.body,
          (m) => {
            if (m.id) last.id = m.id;
            let event: CoachStreamEvent;
            try {
              event = JSON.parse(m.data) as CoachStreamEvent;
            } catch {
              return;
            }
            if (event.type === 'done' || event.type === 'error') ended = true;
            apply(event);
          },
          signal,
        );
      } catch (err) {
        if (signal.aborted) throw err;
      }
      return ended;
    },
    [apply],
  );

  const run = useCallback(
    async (open: (signal: AbortSignal) => Promise<Response>, startDraft: Draft | null) => {
      abortRef.current?.abort();
      const controller = new AbortController();
      abortRef.current = controller;
      const { signal } = controller;
      if (startDraft) setDraft(startDraft);
      const last = { id: null as string | null };
      try {
        let res = await open(signal);
        if (res.status === 204) {
          // Nothing live any more (it finished meanwhile): the stored messages are the answer.
          setDraft((d) => (d && !d.question ? null : d));
          return;
        }
        if (!res.ok) throw await errorOf(res);
        let ended = await consume(res, signal, last);
        for (let attempt = 1; !ended && attempt <= RECONNECTS && !signal.aborted; attempt++) {
          // The connection dropped mid-turn: reattach and replay what came after the last event seen.
          update((d) => ({ ...d, phase: 'reconnecting' }));
          await new Promise((r) => setTimeout(r, 400 * attempt));
          res = await coachFetch(`${base(conversationId)}/stream`, {
            headers: { ...SSE, ...(last.id ? { 'last-event-id': last.id } : {}) },
            signal,
          });
          if (res.status === 204) {
            ended = true;
            update((d) => ({ ...d, phase: 'done' }));
            break;
          }
          if (!res.ok) throw await errorOf(res);
          ended = await consume(res, signal, last);
        }
        if (!ended && !signal.aborted)
          update((d) => ({
            ...d,
            phase: 'error',
            error: {
              code: 'NETWORK',
              message: 'The connection dropped. What arrived is kept; the full answer is saved.',
              retryable: false,
            },
          }));
      } catch (err) {
        if (signal.aborted) return;
        const e = err instanceof CoachApiError ? err : new CoachApiError(0, 'NETWORK', 'Could not reach Cadence. Try again.');
        update((d) => ({
          ...d,
          phase: 'error',
          tool: null,
          error: { code: e.code, message: e.message, retryable: e.code !== 'QUOTA_EXCEEDED' },
        }));
      } finally {
        if (abortRef.current === controller) abortRef.current = null;
        if (!signal.aborted) settledRef.current();
      }
    },
    [conversationId, consume, update],
  );

  const send = useCallback(
    (text: string, clientMessageId: string) =>
      run(
        (signal) =>
          coachFetch(`${base(conversationId)}/messages`, { method: 'POST', headers: SSE, json: { text, clientMessageId }, signal }),
        fresh({ text, clientMessageId }, null),
      ),
    [conversationId, run],
  );

  /** Retries a failed, partial or stopped answer (or resends a question that never reached a turn). */
  const retry = useCallback(
    (messageId: string | null, question?: Draft['question']) => {
      if (!messageId && question) return send(question.text, question.clientMessageId);
      if (!messageId) return Promise.resolve();
      return run(
        (signal) => coachFetch(`/api/v1/ai-coach/messages/${messageId}/retry`, { method: 'POST', headers: SSE, json: {}, signal }),
        fresh(null, messageId),
      );
    },
    [run, send],
  );

  /** Follows a turn already running (started in another tab, or before a reload). */
  const attach = useCallback(
    () => run((signal) => coachFetch(`${base(conversationId)}/stream`, { headers: SSE, signal }), fresh(null, null)),
    [conversationId, run],
  );

  const stop = useCallback(async () => {
    // The server ends the turn and the stream says `done` with status 'stopped'; the reader stays attached.
    const res = await coachFetch(`${base(conversationId)}/stop`, { method: 'POST', json: {} }).catch(() => null);
    if (!res?.ok) update((d) => ({ ...d, error: { code: 'STOP', message: 'Could not stop the answer. Try again.', retryable: false } }));
  }, [conversationId, update]);

  // Leaving the page closes the connection (the server finishes the turn and keeps it).
  useEffect(() => () => abortRef.current?.abort(), []);

  return { draft, setDraft, send, retry, attach, stop, busy: draft !== null && draft.phase !== 'done' && draft.phase !== 'error' };
}
