// LLM sandbox: Anthropic (/anthropic/v1/messages) and Mistral (/mistral/v1/chat/completions) over one
// deterministic model and one state, plus the control API (/llm/_control/…). See ../README.md.
import { BodyTooLarge, sendJson } from '../http.ts';
import type { SandboxModule } from '../http.ts';
import { anthropicError, handleAnthropic } from './anthropic.ts';
import { handleControl } from './control.ts';
import { handleMistral, mistralError } from './mistral.ts';
import { type LlmLatency, type LlmProvider, LlmState, type LlmStep, type RecordedRequest } from './state.ts';

export type { LlmLatency, LlmProvider, LlmStep, RecordedRequest } from './state.ts';

/** What Node-side callers (e2e, benchmarks) get on `sandbox.llm`. */
export interface LlmHandle {
  /** Queues answers for the athlete's next requests to that provider, one step per request. */
  script: (athleteRef: string, provider: LlmProvider, steps: LlmStep[]) => void;
  /** Request bodies the models received for this athlete, oldest first. */
  requests: (athleteRef: string, provider?: LlmProvider) => RecordedRequest[];
  /** Streams the client closed before their end. */
  aborts: (athleteRef: string) => number;
  /** Forgets one athlete's scripts, requests and aborts; without a ref, everything incl. the prompt cache. */
  reset: (athleteRef?: string) => void;
  /** Default latency of normal answers (first token ~20 ms, chunks ~2 ms). */
  configure: (latency: Partial<LlmLatency>) => void;
}

export interface LlmSandbox extends LlmHandle {
  /** Mounted under anthropic, mistral and llm (the control API). */
  modules: SandboxModule[];
}

export function createLlmSandbox(opts: { log?: (line: string) => void }): LlmSandbox {
  const state = new LlmState();
  const log = opts.log ?? (() => {});
  const guard =
    (prefix: string, fn: SandboxModule['handle']): SandboxModule['handle'] =>
    async (req, res, url) => {
      try {
        return await fn(req, res, url);
      } catch (err) {
        if (!(err instanceof BodyTooLarge)) throw err;
        if (prefix === 'anthropic') anthropicError(res, 413, 'request_too_large', 'Request exceeds the maximum allowed number of bytes.');
        else if (prefix === 'mistral') mistralError(res, 413, 'invalid_request_error', 'Request too large', null);
        else sendJson(res, 413, { error: 'Body too large.' });
        return true;
      }
    };
  return {
    modules: [
      { prefix: 'anthropic', title: '', handle: guard('anthropic', (req, res, url) => handleAnthropic(state, req, res, url, log)) },
      { prefix: 'mistral', title: '', handle: guard('mistral', (req, res, url) => handleMistral(state, req, res, url, log)) },
      {
        prefix: 'llm',
        title: 'LLM requests',
        home: '/llm/_control/state',
        handle: guard('llm', (req, res, url) => handleControl(state, req, res, url)),
      },
    ],
    script: (ref, provider, steps) => state.script(ref, provider, steps),
    requests: (ref, provider) => state.requests(ref, provider),
    aborts: (ref) => state.aborts(ref),
    reset: (ref) => state.reset(ref),
    configure: (latency) => Object.assign(state.latency, latency),
  };
}
