// Pure scheduling rules of the provider budget (the Durable Object only holds the state).
// Windows follow the provider's: 15 minutes aligned to :00/:15/:30/:45 and the UTC day, both
// configurable so tests and benchmarks can run them in seconds.

export interface Limits {
  short: number;
  daily: number;
  readShort: number;
  readDaily: number;
}

export const STRAVA_DEFAULT_LIMITS: Limits = { short: 200, daily: 2000, readShort: 100, readDaily: 1000 };

export interface BudgetState {
  limits: Limits;
  windowStart: number;
  dayStart: number;
  used: { short: number; daily: number; readShort: number; readDaily: number };
  /** Set after a 429 or when a window is spent: nobody calls before this time. */
  blockedUntil: number;
  /** Permits granted per athlete in the current short window. */
  perAthlete: Record<string, number>;
  /** Last short window in which each athlete asked (granted or not): who is competing now. */
  lastSeen: Record<string, number>;
}

export type Priority = 'high' | 'normal';
export type Decision =
  | { granted: true }
  | { granted: false; retryAt: number; reason: 'window_spent' | 'daily_spent' | 'blocked' | 'fair_share' };

export function initialState(limits: Limits, now: number, windowMs: number, dayMs: number): BudgetState {
  return {
    limits,
    windowStart: Math.floor(now / windowMs) * windowMs,
    dayStart: Math.floor(now / dayMs) * dayMs,
    used: { short: 0, daily: 0, readShort: 0, readDaily: 0 },
    blockedUntil: 0,
    perAthlete: {},
    lastSeen: {},
  };
}

export function roll(s: BudgetState, now: number, windowMs: number, dayMs: number): void {
  const windowStart = Math.floor(now / windowMs) * windowMs;
  if (windowStart !== s.windowStart) {
    s.windowStart = windowStart;
    s.used.short = 0;
    s.used.readShort = 0;
    s.perAthlete = {};
    // Forget athletes that have not asked for two windows: they no longer compete.
    const current = windowStart / windowMs;
    for (const [k, w] of Object.entries(s.lastSeen)) if (w < current - 1) delete s.lastSeen[k];
  }
  const dayStart = Math.floor(now / dayMs) * dayMs;
  if (dayStart !== s.dayStart) {
    s.dayStart = dayStart;
    s.used.daily = 0;
    s.used.readDaily = 0;
  }
}

/**
 * One permit for one call. Fairness: while others compete, an athlete over its equal share of the
 * window waits for the next one, so a new athlete's first page never queues behind someone's long
 * backfill. Work-conserving: when nobody else is waiting, one athlete may use the whole window.
 * High priority (first index page, webhook refresh) skips the share check, not the limits.
 * `count` takes several permits at once for calls that only make sense together (detail + streams).
 */
export function decide(
  s: BudgetState,
  req: { athlete: string; read: boolean; priority: Priority; count?: number },
  now: number,
  windowMs: number,
  dayMs: number,
): Decision {
  const n = req.count ?? 1;
  roll(s, now, windowMs, dayMs);
  const windowIndex = s.windowStart / windowMs;
  s.lastSeen[req.athlete] = windowIndex;
  const nextWindow = s.windowStart + windowMs;
  if (s.blockedUntil > now) return { granted: false, retryAt: s.blockedUntil, reason: 'blocked' };

  const dailyLeft = Math.min(s.limits.daily - s.used.daily, req.read ? s.limits.readDaily - s.used.readDaily : Infinity);
  if (dailyLeft < n) return { granted: false, retryAt: s.dayStart + dayMs, reason: 'daily_spent' };
  const shortLeft = Math.min(s.limits.short - s.used.short, req.read ? s.limits.readShort - s.used.readShort : Infinity);
  if (shortLeft < n) return { granted: false, retryAt: nextWindow, reason: 'window_spent' };

  if (req.priority === 'normal') {
    const competing = Object.keys(s.lastSeen).length;
    const limit = req.read ? s.limits.readShort : s.limits.short;
    const share = Math.max(1, Math.floor(limit / Math.max(1, competing)));
    const mine = s.perAthlete[req.athlete] ?? 0;
    if (mine + n > share) {
      // Keep what the other competing athletes are still owed of their share of this window.
      let owed = 0;
      for (const a of Object.keys(s.lastSeen)) if (a !== req.athlete) owed += Math.max(0, share - (s.perAthlete[a] ?? 0));
      if (shortLeft - n < owed) return { granted: false, retryAt: nextWindow, reason: 'fair_share' };
    }
  }

  s.used.short += n;
  s.used.daily += n;
  if (req.read) {
    s.used.readShort += n;
    s.used.readDaily += n;
  }
  s.perAthlete[req.athlete] = (s.perAthlete[req.athlete] ?? 0) + n;
  return { granted: true };
}

/** Learns real usage and limits from a response; a 429 blocks everyone until the window (or day) resets. */
export function learn(
  s: BudgetState,
  res: {
    status: number;
    limit?: [number, number] | null;
    usage?: [number, number] | null;
    readLimit?: [number, number] | null;
    readUsage?: [number, number] | null;
  },
  now: number,
  windowMs: number,
  dayMs: number,
): void {
  roll(s, now, windowMs, dayMs);
  if (res.limit) [s.limits.short, s.limits.daily] = res.limit;
  if (res.readLimit) [s.limits.readShort, s.limits.readDaily] = res.readLimit;
  // Our counters include permits still in flight, so only ever raise them from the headers.
  if (res.usage) {
    s.used.short = Math.max(s.used.short, res.usage[0]);
    s.used.daily = Math.max(s.used.daily, res.usage[1]);
  }
  if (res.readUsage) {
    s.used.readShort = Math.max(s.used.readShort, res.readUsage[0]);
    s.used.readDaily = Math.max(s.used.readDaily, res.readUsage[1]);
  }
  if (res.status === 429) {
    const dailySpent = s.used.daily >= s.limits.daily || s.used.readDaily >= s.limits.readDaily;
    s.blockedUntil = Math.max(s.blockedUntil, dailySpent ? s.dayStart + dayMs : s.windowStart + windowMs);
  }
}
