// One model call of a turn, with the Mistral fallback and its cost-ledger row. The fallback is taken
// only while nothing has been shown to the athlete; after that an error ends the turn (partial).
import { LlmError, type LlmMessage, type LlmRequest, type LlmUsage } from '../../../providers/llm/llm';
import type { TurnDeps } from './turn.deps';
import { costNanoUsd, MODELS, type ModelConfig, ZERO_USAGE } from '../models.config';

export interface CallResult {
  text: string;
  toolUses: { id: string; name: string; input: unknown }[];
  stop: string;
}

/** What a turn's calls share: what was shown, which provider answers now, the deadline, the abort. */
export interface CallState {
  userId: string;
  messageId: string;
  /** Text the athlete has seen in this turn (no fallback once set). */
  shown: boolean;
  model: ModelConfig;
  /** Set once the turn moved to the fallback: later calls stay there. */
  fellBack: boolean;
  /** The model of the last call that finished (stored with the message). */
  answeredBy: ModelConfig | null;
  deadline: number;
  signal: AbortSignal;
  onText: (text: string) => void;
}

export type CallRequest = Pick<LlmRequest, 'system' | 'context' | 'tools' | 'messages'>;

/** Calls the turn's model (falling back to Mistral before any text on a fallback-worthy error). */
export async function callModel(deps: TurnDeps, st: CallState, req: CallRequest, opts: { stream: boolean }): Promise<CallResult> {
  try {
    return await callOnce(deps, st, st.fellBack ? MODELS.fallback : st.model, req, opts);
  } catch (err) {
    const canFallBack =
      err instanceof LlmError &&
      err.fallbackWorthy &&
      !st.shown &&
      !st.fellBack &&
      !st.signal.aborted &&
      st.model.provider !== MODELS.fallback.provider &&
      remaining(deps, st) > 0;
    if (!canFallBack) throw err;
    st.fellBack = true;
    deps.logger.warn('coach model fallback', { userId: st.userId, messageId: st.messageId, code: err.kind });
    return callOnce(deps, st, MODELS.fallback, req, opts);
  }
}

const remaining = (deps: TurnDeps, st: CallState) => st.deadline - deps.clock.now().getTime();

async function callOnce(
  deps: TurnDeps,
  st: CallState,
  model: ModelConfig,
  req: CallRequest,
  opts: { stream: boolean },
): Promise<CallResult> {
  const client = deps.llm[model.provider];
  const started = Date.now();
  let usage: LlmUsage = ZERO_USAGE;
  let outcome: 'ok' | 'error' | 'aborted' = 'ok';
  let errorKind: string | null = null;
  const out: CallResult = { text: '', toolUses: [], stop: 'other' };
  try {
    const request: LlmRequest = {
      ...req,
      model: model.id,
      maxTokens: model.maxTokens,
      athleteRef: st.userId,
      signal: st.signal,
      timeoutMs: Math.max(1, Math.min(deps.limits.callMs, remaining(deps, st))),
    };
    for await (const ev of client.stream(request)) {
      if (ev.type === 'text') {
        out.text += ev.text;
        if (opts.stream && ev.text.length > 0) {
          st.shown = true;
          st.onText(ev.text);
        }
      } else if (ev.type === 'tool_use') out.toolUses.push({ id: ev.id, name: ev.name, input: ev.input });
      else if (ev.type === 'usage') usage = ev.usage;
      else if (ev.type === 'stop') out.stop = ev.reason;
    }
    return out;
  } catch (err) {
    const kind = err instanceof LlmError ? err.kind : 'unknown';
    outcome = kind === 'aborted' || st.signal.aborted ? 'aborted' : 'error';
    errorKind = st.signal.aborted && kind !== 'aborted' ? 'aborted' : kind;
    // Our own abort may surface as a plain AbortError from the SDK: the turn reads it as an LlmError.
    if (!(err instanceof LlmError)) throw new LlmError(model.provider, st.signal.aborted ? 'aborted' : 'server', 'model call failed');
    throw err;
  } finally {
    await writeLedger(deps, st, model, { outcome, errorKind, usage, latencyMs: Date.now() - started });
    if (outcome === 'ok') st.answeredBy = model;
  }
}

interface LedgerEntry {
  outcome: 'ok' | 'error' | 'aborted';
  errorKind: string | null;
  usage: LlmUsage;
  latencyMs: number;
}

/** One cost-ledger row per call, whatever its outcome; a failed write is logged, never the turn's failure. */
async function writeLedger(deps: TurnDeps, st: CallState, model: ModelConfig, e: LedgerEntry): Promise<void> {
  try {
    await deps.repo.insertLlmCall({
      userId: st.userId,
      messageId: st.messageId,
      provider: model.provider,
      model: model.id,
      outcome: e.outcome,
      errorKind: e.errorKind,
      inputTokens: e.usage.inputTokens,
      outputTokens: e.usage.outputTokens,
      cacheWriteTokens: e.usage.cacheWriteTokens,
      cacheReadTokens: e.usage.cacheReadTokens,
      costNanoUsd: costNanoUsd(model, e.usage),
      latencyMs: e.latencyMs,
    });
  } catch (err) {
    deps.logger.error('coach ledger write failed', { userId: st.userId, messageId: st.messageId, errorName: (err as Error).name });
  }
}

/** The conversation's earlier messages as plain text, alternating roles and starting with the athlete. */
export function historyMessages(rows: { role: 'user' | 'assistant'; content: string }[], question: string): LlmMessage[] {
  const out: LlmMessage[] = [];
  const push = (role: 'user' | 'assistant', text: string) => {
    if (text.trim() === '') return;
    const last = out[out.length - 1];
    const first = last?.content[0];
    if (last && last.role === role && first?.type === 'text') first.text = `${first.text}\n\n${text}`;
    else if (out.length > 0 || role === 'user') out.push({ role, content: [{ type: 'text', text }] });
  };
  for (const r of rows) push(r.role, r.content);
  push('user', question);
  return out;
}
