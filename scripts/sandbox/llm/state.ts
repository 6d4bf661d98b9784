// LLM sandbox state: per-athlete scripts, recorded requests and client aborts (keyed by athleteRef so
// tests running in parallel never see each other's), plus the prompt cache shared like a real org's.
import { createHash } from 'node:crypto';

export type LlmProvider = 'anthropic' | 'mistral';

/** One scripted answer, consumed by the next request of that athlete and provider. */
export type LlmStep =
  | { status: 429; retryAfter?: number; spendLimit?: boolean }
  | { status: 529 | 500 }
  | { hang: true }
  | { midStreamError: 'overloaded_error'; afterText?: boolean }
  | { wrongNumber: true; firstTokenMs?: number; chunkMs?: number }
  | { ok: true; firstTokenMs?: number; chunkMs?: number }
  | { firstTokenMs?: number; chunkMs?: number };

export interface RecordedRequest {
  provider: LlmProvider;
  path: string;
  at: string;
  stream: boolean;
  /** The request body as sent (headers, and so the API key, are never kept). */
  body: unknown;
  /** High-resolution ms (`performance.timeOrigin + performance.now()`) when the request reached the sandbox. */
  receivedAt: number;
  /** Same clock, when the first text delta was written (streams only; null until then): benches subtract the model's own latency. */
  firstTokenAt: number | null;
}

export interface LlmLatency {
  firstTokenMs: number;
  chunkMs: number;
}

interface AthleteState {
  scripts: Record<LlmProvider, LlmStep[]>;
  requests: RecordedRequest[];
  aborts: number;
}

/** Anthropic's 5-minute ephemeral cache, and the smallest prefix it caches (Sonnet-class). */
export const CACHE_TTL_MS = 5 * 60_000;
export const CACHE_MIN_TOKENS = 1024;

export class LlmState {
  latency: LlmLatency = { firstTokenMs: 20, chunkMs: 2 };
  private readonly athletes = new Map<string, AthleteState>();
  /** Prefix hash → expiry (ms). */
  private readonly cache = new Map<string, number>();

  private athlete(ref: string): AthleteState {
    let s = this.athletes.get(ref);
    if (!s) {
      s = { scripts: { anthropic: [], mistral: [] }, requests: [], aborts: 0 };
      this.athletes.set(ref, s);
    }
    return s;
  }

  script(ref: string, provider: LlmProvider, steps: LlmStep[]): void {
    this.athlete(ref).scripts[provider].push(...steps);
  }

  /** The next scripted step for this athlete and provider, or a normal answer. */
  nextStep(ref: string, provider: LlmProvider): LlmStep {
    return this.athlete(ref).scripts[provider].shift() ?? { ok: true };
  }

  /** Records a request as it arrived (first token time filled in later by the stream) and returns the row. */
  record(ref: string, req: Omit<RecordedRequest, 'at' | 'firstTokenAt'>): RecordedRequest {
    const row: RecordedRequest = { ...req, at: new Date().toISOString(), firstTokenAt: null };
    const list = this.athlete(ref).requests;
    list.push(row);
    if (list.length > 200) list.shift();
    return row;
  }

  requests(ref: string, provider?: LlmProvider): RecordedRequest[] {
    return (this.athletes.get(ref)?.requests ?? []).filter((r) => !provider || r.provider === provider);
  }

  noteAbort(ref: string): void {
    this.athlete(ref).aborts += 1;
  }

  aborts(ref: string): number {
    return this.athletes.get(ref)?.aborts ?? 0;
  }

  /** One athlete's scripts, requests and aborts; without a ref, everything including the cache. */
  reset(ref?: string): void {
    if (ref === undefined) {
      this.athletes.clear();
      this.cache.clear();
    } else this.athletes.delete(ref);
  }

  athleteRefs(): { athleteRef: string; requests: number; aborts: number; scripted: number }[] {
    return [...this.athletes].map(([athleteRef, s]) => ({
      athleteRef,
      requests: s.requests.length,
      aborts: s.aborts,
      scripted: s.scripts.anthropic.length + s.scripts.mistral.length,
    }));
  }

  /**
   * Anthropic-style caching over ordered segments (tools → system → messages) with breakpoints:
   * the longest live cached prefix is read, the longest breakpoint beyond it (≥ 1,024 tokens) is
   * written, and input_tokens is the uncached rest.
   */
  cacheUsage(
    model: string,
    segments: { text: string; breakpoint: boolean }[],
    now = Date.now(),
  ): { input: number; cacheWrite: number; cacheRead: number } {
    const hash = createHash('sha256').update(model);
    let tokens = 0;
    const points: { key: string; tokens: number }[] = [];
    for (const seg of segments) {
      hash.update(`\u0000${seg.text}`);
      tokens += estimateTokens(seg.text);
      if (seg.breakpoint) points.push({ key: hash.copy().digest('hex'), tokens });
    }
    const eligible = points.filter((p) => p.tokens >= CACHE_MIN_TOKENS);
    let read = 0;
    for (const p of eligible) {
      const exp = this.cache.get(p.key);
      if (exp !== undefined && exp > now) read = Math.max(read, p.tokens);
    }
    let written = read;
    for (const p of eligible) {
      if (p.tokens >= read) {
        this.cache.set(p.key, now + CACHE_TTL_MS);
        written = Math.max(written, p.tokens);
      }
    }
    return { input: tokens - written, cacheWrite: written - read, cacheRead: read };
  }
}

/** Roughly a token per four characters, as good as the sandbox needs. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
