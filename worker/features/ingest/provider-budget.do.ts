import { DurableObject } from 'cloudflare:workers';
import { decide, initialState, learn, STRAVA_DEFAULT_LIMITS, type BudgetState, type Decision, type Priority } from './budget';
import type { RateLimitInfo } from '../../providers/strava/strava';

interface BudgetEnv {
  STRAVA_WINDOW_SECONDS?: string | number;
  STRAVA_DAY_SECONDS?: string | number;
}

/**
 * One instance per provider app (e.g. "strava"): every provider call takes a permit here first.
 * Single-threaded by construction, so grants never race; state is persisted so a restart does not
 * forget what the window has already spent.
 */
export class ProviderBudget extends DurableObject<BudgetEnv> {
  private state: BudgetState | null = null;
  private readonly windowMs: number;
  private readonly dayMs: number;

  constructor(ctx: DurableObjectState, env: BudgetEnv) {
    super(ctx, env);
    this.windowMs = Number(env.STRAVA_WINDOW_SECONDS ?? 900) * 1000;
    this.dayMs = Number(env.STRAVA_DAY_SECONDS ?? 86_400) * 1000;
    ctx.blockConcurrencyWhile(async () => {
      this.state = (await ctx.storage.get<BudgetState>('state')) ?? null;
    });
  }

  private current(now: number): BudgetState {
    this.state ??= initialState({ ...STRAVA_DEFAULT_LIMITS }, now, this.windowMs, this.dayMs);
    return this.state;
  }

  /** A permit for one call, or when to come back. */
  async acquire(req: { athlete: string; read: boolean; priority: Priority; count?: number }): Promise<Decision> {
    const now = Date.now();
    const decision = decide(this.current(now), req, now, this.windowMs, this.dayMs);
    await this.ctx.storage.put('state', this.state);
    return decision;
  }

  /** What the provider's response said about usage; a 429 blocks until the window resets. */
  async report(res: { status: number; rateLimit: RateLimitInfo | null }): Promise<{ blockedUntil: number }> {
    const now = Date.now();
    const state = this.current(now);
    learn(state, { status: res.status, ...(res.rateLimit ?? {}) }, now, this.windowMs, this.dayMs);
    await this.ctx.storage.put('state', state);
    return { blockedUntil: state.blockedUntil };
  }

  async snapshot(): Promise<BudgetState> {
    return structuredClone(this.current(Date.now()));
  }

  /** For tests and ops: forget everything (e.g. after changing limits). */
  async reset(): Promise<void> {
    this.state = null;
    await this.ctx.storage.deleteAll();
  }
}
