// Sandbox time and Strava's rate limits. Sandbox time runs `timeScale` times faster than the wall
// clock, so a 15-minute window can pass in 15 real seconds (timeScale 60) and tokens expire sooner.

export interface RateLimits {
  /** Overall requests per 15 minutes / per day (Strava's defaults: 200 / 2,000). */
  shortLimit: number;
  dailyLimit: number;
  /** Read (GET) requests per 15 minutes / per day (defaults: 100 / 1,000). */
  readShortLimit: number;
  readDailyLimit: number;
}

export const DEFAULT_LIMITS: RateLimits = { shortLimit: 200, dailyLimit: 2000, readShortLimit: 100, readDailyLimit: 1000 };

export class SandboxClock {
  #epochMs: number;
  #realStart: number;
  #scale: number;

  constructor(timeScale = 1, startMs = Date.now()) {
    this.#epochMs = startMs;
    this.#realStart = Date.now();
    this.#scale = timeScale;
  }

  get timeScale(): number {
    return this.#scale;
  }

  nowMs(): number {
    return this.#epochMs + (Date.now() - this.#realStart) * this.#scale;
  }

  nowSec(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  /** The wall-clock instant at which sandbox time reaches `sandboxMs`, at the current speed. */
  wallMsAt(sandboxMs: number): number {
    return this.#realStart + (sandboxMs - this.#epochMs) / this.#scale;
  }

  /** Changes speed from now on without a jump in sandbox time. */
  setScale(timeScale: number): void {
    this.#epochMs = this.nowMs();
    this.#realStart = Date.now();
    this.#scale = timeScale;
  }

  /** Jumps sandbox time (tests: expire tokens or cross a window without waiting). */
  advance(seconds: number): void {
    this.#epochMs += seconds * 1000;
  }

  /**
   * Restarts sandbox time so its windows (15 min, 1 day) begin exactly when wall-clock windows of
   * 900/timeScale s and 86400/timeScale s do — the ones a client that scales its own budget (e.g.
   * STRAVA_WINDOW_SECONDS=3 at ×300) computes from Date.now(). Sandbox midnight (today, UTC) is
   * pinned to the last wall-clock multiple of a scaled day, so sandbox time stays close to today.
   */
  alignToWall(): void {
    const now = Date.now();
    const scaledDay = 86_400_000 / this.#scale;
    this.#realStart = Math.floor(now / scaledDay) * scaledDay;
    this.#epochMs = Math.floor(now / 86_400_000) * 86_400_000;
  }

  set(ms: number): void {
    this.#epochMs = ms;
    this.#realStart = Date.now();
  }
}

export interface Usage {
  short: number;
  daily: number;
  readShort: number;
  readDaily: number;
}

/**
 * Fixed windows aligned like Strava's: 15-minute ones at :00/:15/:30/:45 and a daily one at
 * midnight UTC, both in sandbox time. Every request is counted, including those rejected with a
 * 429 — Strava counts a request refused by the 15-minute limit against the daily one.
 */
export class RateLimiter {
  limits: RateLimits;
  #usage: Usage = { short: 0, daily: 0, readShort: 0, readDaily: 0 };
  #shortWindow = -1;
  #dayWindow = -1;
  readonly #clock: SandboxClock;

  constructor(clock: SandboxClock, limits: RateLimits) {
    this.#clock = clock;
    this.limits = { ...limits };
  }

  #roll(): void {
    const sec = this.#clock.nowSec();
    const short = Math.floor(sec / 900);
    const day = Math.floor(sec / 86_400);
    if (day !== this.#dayWindow) {
      this.#dayWindow = day;
      this.#usage.daily = 0;
      this.#usage.readDaily = 0;
    }
    if (short !== this.#shortWindow) {
      this.#shortWindow = short;
      this.#usage.short = 0;
      this.#usage.readShort = 0;
    }
  }

  /** Counts one request; returns whether it is within all limits that apply to it. */
  /** The current 15-minute window's number (sandbox time), for per-window statistics. */
  get windowIndex(): number {
    return this.#shortWindow;
  }

  take(isRead: boolean): boolean {
    this.#roll();
    const u = this.#usage;
    u.short++;
    u.daily++;
    if (isRead) {
      u.readShort++;
      u.readDaily++;
    }
    const l = this.limits;
    const overall = u.short <= l.shortLimit && u.daily <= l.dailyLimit;
    const reads = !isRead || (u.readShort <= l.readShortLimit && u.readDaily <= l.readDailyLimit);
    return overall && reads;
  }

  usage(): Usage {
    this.#roll();
    return { ...this.#usage };
  }

  /** Seconds of sandbox time until the 15-minute window and the day roll over. */
  resetsIn(): { short: number; daily: number } {
    const sec = this.#clock.nowSec();
    return { short: 900 - (sec % 900), daily: 86_400 - (sec % 86_400) };
  }

  reset(): void {
    this.#usage = { short: 0, daily: 0, readShort: 0, readDaily: 0 };
    this.#shortWindow = -1;
    this.#dayWindow = -1;
  }

  /** Strava's four headers, each "<15-minute>,<daily>". */
  headers(): Record<string, string> {
    const u = this.usage();
    const l = this.limits;
    return {
      'x-ratelimit-limit': `${l.shortLimit},${l.dailyLimit}`,
      'x-ratelimit-usage': `${u.short},${u.daily}`,
      'x-readratelimit-limit': `${l.readShortLimit},${l.readDailyLimit}`,
      'x-readratelimit-usage': `${u.readShort},${u.readDaily}`,
    };
  }
}
