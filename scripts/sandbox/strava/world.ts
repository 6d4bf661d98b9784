// An athlete's own world in the Strava sandbox: a clock, rate limits and a history size of its own. The
// sandbox is shared by every test file of a run; a test that runs time fast, sets the clock back or spends a
// rate window does it in its athlete's world, so no other file's tokens, windows or histories change under it.
import { RateLimiter, SandboxClock } from './ratelimit.ts';
import type { RateLimits } from './ratelimit.ts';

export interface WorldConfig {
  limits: RateLimits;
  timeScale: number;
  /** As the sandbox's own (SandboxClock.alignToWall), for this world's clock only. */
  alignToWallClock: boolean;
  activitiesPerAthlete: number;
  /** The day the generated history ends (ISO); a spec whose athlete trains up to today sets it for that athlete only. */
  historyEnd: string;
}

export type WorldPatch = Partial<Omit<WorldConfig, 'limits'>> & { limits?: Partial<RateLimits> };

/** What governs an athlete's tokens, reads and history: their own world, or the sandbox's (StravaState has the same shape). */
export interface Scope {
  readonly clock: SandboxClock;
  readonly limiter: RateLimiter;
  readonly config: { timeScale: number; activitiesPerAthlete: number; historyEnd: string };
}

export class World implements Scope {
  config: WorldConfig;
  readonly clock: SandboxClock;
  readonly limiter: RateLimiter;

  /** Starts as a copy of `from` (the sandbox's settings and time now), then diverges only by its own patches. */
  constructor(from: WorldConfig, startMs: number) {
    this.config = { ...from, limits: { ...from.limits } };
    this.clock = new SandboxClock(from.timeScale, startMs);
    if (from.alignToWallClock) this.clock.alignToWall();
    this.limiter = new RateLimiter(this.clock, from.limits);
  }

  /** Applies a partial config as the sandbox's POST config does (rate windows restart); true when the history's shape changed. */
  configure(patch: WorldPatch): boolean {
    const before = this.config;
    this.config = { ...before, ...patch, limits: { ...before.limits, ...patch.limits } };
    if (this.config.timeScale !== this.clock.timeScale) this.clock.setScale(this.config.timeScale);
    if (this.config.alignToWallClock) this.clock.alignToWall();
    this.limiter.limits = { ...this.config.limits };
    this.limiter.reset();
    return this.config.activitiesPerAthlete !== before.activitiesPerAthlete || this.config.historyEnd !== before.historyEnd;
  }
}
