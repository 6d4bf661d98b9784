// Control API under /llm/_control: script answers per athlete and provider, read the requests the
// models received (bodies only, never keys), count client aborts, reset, and set default latency.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '../http.ts';
import type { LlmProvider, LlmState, LlmStep } from './state.ts';

const PROVIDERS = new Set<LlmProvider>(['anthropic', 'mistral']);

function validStep(s: unknown): s is LlmStep {
  if (typeof s !== 'object' || s === null) return false;
  const step = s as Record<string, unknown>;
  if ('status' in step) return step.status === 429 || step.status === 529 || step.status === 500;
  if ('midStreamError' in step) return step.midStreamError === 'overloaded_error';
  if ('hang' in step) return step.hang === true;
  const ms = (v: unknown) => v === undefined || (typeof v === 'number' && v >= 0 && v <= 60_000);
  return ms(step.firstTokenMs) && ms(step.chunkMs);
}

export async function handleControl(state: LlmState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (!url.pathname.startsWith('/llm/_control')) return false;
  const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
  const ref = url.searchParams.get('athleteRef') ?? undefined;
  const provider = url.searchParams.get('provider') ?? undefined;
  let body: Record<string, unknown> = {};
  if (req.method === 'POST') {
    try {
      const raw = await readBody(req);
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      sendJson(res, 400, { error: 'Body must be JSON.' });
      return true;
    }
  }
  switch (route) {
    case 'POST /llm/_control/script': {
      const { athleteRef, provider: p, steps } = body;
      if (
        typeof athleteRef !== 'string' ||
        !athleteRef ||
        !PROVIDERS.has(p as LlmProvider) ||
        !Array.isArray(steps) ||
        !steps.every(validStep)
      ) {
        sendJson(res, 400, { error: "{ athleteRef, provider: 'anthropic' | 'mistral', steps: Step[] } (see the sandbox README)" });
        return true;
      }
      state.script(athleteRef, p as LlmProvider, steps);
      sendJson(res, 200, { scripted: steps.length });
      return true;
    }
    case 'GET /llm/_control/requests':
      if (!ref) return missingRef(res);
      if (provider && !PROVIDERS.has(provider as LlmProvider)) {
        sendJson(res, 400, { error: "provider must be 'anthropic' or 'mistral'" });
        return true;
      }
      sendJson(res, 200, { requests: state.requests(ref, provider as LlmProvider | undefined) });
      return true;
    case 'GET /llm/_control/aborts':
      if (!ref) return missingRef(res);
      sendJson(res, 200, { aborts: state.aborts(ref) });
      return true;
    case 'DELETE /llm/_control':
      state.reset(ref);
      sendJson(res, 200, { reset: ref ?? 'all' });
      return true;
    case 'GET /llm/_control/state':
      sendJson(res, 200, { latency: state.latency, athletes: state.athleteRefs() });
      return true;
    case 'POST /llm/_control/config': {
      const ok = (v: unknown) => v === undefined || (typeof v === 'number' && v >= 0 && v <= 60_000);
      if (!ok(body.firstTokenMs) || !ok(body.chunkMs)) {
        sendJson(res, 400, { error: '{ firstTokenMs?, chunkMs? } in ms (0..60000)' });
        return true;
      }
      if (typeof body.firstTokenMs === 'number') state.latency.firstTokenMs = body.firstTokenMs;
      if (typeof body.chunkMs === 'number') state.latency.chunkMs = body.chunkMs;
      sendJson(res, 200, { latency: state.latency });
      return true;
    }
    default:
      return false;
  }
}

function missingRef(res: ServerResponse): true {
  sendJson(res, 400, { error: 'athleteRef is required' });
  return true;
}
