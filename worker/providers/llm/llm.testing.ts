import { env } from 'cloudflare:test';
import { parseEnv } from '../../env';
import { createProviders } from '../index';
import { type LlmClient, LlmError, type LlmEvent, type LlmMessage, type LlmProviderName, type LlmRequest } from './llm';

// Shared by the Anthropic and Mistral client tests: the real clients from createProviders(env), pointed
// at the sandbox, a request with a fresh athleteRef, and a way to drain a stream into events or an error.

export const client = (provider: LlmProviderName): LlmClient => createProviders(parseEnv(env)).llm[provider];

const INSTRUCTIONS =
  'You are Cadence, an endurance coach. Every number you state about the athlete must come from a tool result of this turn. '.repeat(40);

export function request(athleteRef: string, question: string, over: Partial<LlmRequest> = {}): LlmRequest {
  return {
    model: 'claude-sonnet-test',
    // Unique per test so the prompt cache starts cold for each.
    system: `${INSTRUCTIONS}\nConversation ${athleteRef}.`,
    context: `Today: 2026-11-23. Units: km. Time zone: Europe/Amsterdam. ${'Recent training summary line. '.repeat(20)}`,
    tools: [
      {
        name: 'get_fitness',
        description: 'Fitness, fatigue and form.',
        inputSchema: { type: 'object', properties: { days: { type: 'integer' } } },
      },
      {
        name: 'query_activities',
        description: 'Activities in a window.',
        inputSchema: { type: 'object', properties: { sport: { type: 'string' } } },
      },
    ],
    messages: [{ role: 'user', content: [{ type: 'text', text: question }] }],
    maxTokens: 512,
    athleteRef,
    timeoutMs: 10_000,
    ...over,
  };
}

/** The conversation after the model called a tool, with its result (a ToolResult) appended. */
export function withToolResult(req: LlmRequest, toolUse: { id: string; name: string; input: unknown }, result: unknown): LlmRequest {
  const messages: LlmMessage[] = [
    ...req.messages,
    { role: 'assistant', content: [{ type: 'tool_use', ...toolUse }] },
    { role: 'user', content: [{ type: 'tool_result', toolUseId: toolUse.id, content: JSON.stringify(result) }] },
  ];
  return { ...req, messages };
}

export function fitnessResult(ctl: number) {
  return {
    tool: 'get_fitness',
    window: { from: '2026-10-13', to: '2026-11-23' },
    units: 'km',
    timeZone: 'Europe/Amsterdam',
    facts: [
      { label: 'your fitness (CTL)', value: ctl, unit: 'load' },
      { label: 'your form (TSB)', value: -4.2, unit: 'load' },
    ],
    receipts: [],
    empty: null,
    withheld: [],
  };
}

export async function drain(stream: AsyncIterable<LlmEvent>): Promise<{ events: LlmEvent[]; error: LlmError | null }> {
  const events: LlmEvent[] = [];
  try {
    for await (const e of stream) events.push(e);
    return { events, error: null };
  } catch (err) {
    if (!(err instanceof LlmError)) throw err;
    return { events, error: err };
  }
}

export const textOf = (events: LlmEvent[]) => events.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');
export const lastUsage = (events: LlmEvent[]) => events.filter((e) => e.type === 'usage').at(-1)?.usage;
export const toolUses = (events: LlmEvent[]) => events.flatMap((e) => (e.type === 'tool_use' ? [e] : []));
