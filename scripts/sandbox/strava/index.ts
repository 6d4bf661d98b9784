// Strava sandbox module, mounted at /strava: OAuth (/strava/oauth/…), API v3 (/strava/api/v3/…),
// control API (/strava/_control/…) and a dashboard page (/strava/). See ../README.md.
import { BodyTooLarge, providerHandler } from '../http.ts';
import type { SandboxModule } from '../http.ts';
import { handleApi } from './api.ts';
import { fault } from './common.ts';
import { handleControl } from './control.ts';
import { handleOAuth } from './oauth.ts';
import { dashboardPage } from './pages.ts';
import { configFrom } from './config.ts';
import type { StravaConfig, StravaOptions } from './config.ts';
import { StravaState } from './state.ts';
import type { RateLimits } from './ratelimit.ts';

export type { StravaOptions, StravaConfig } from './config.ts';

/** What Node-side callers (tests' globalSetup, benchmarks) get on `sandbox.strava`. */
export interface StravaHandle {
  /** Counters, usage, config, athletes and recent webhook deliveries (same as GET /strava/_control/state). */
  state: () => ReturnType<StravaState['snapshot']>;
  /** Changes limits, time scale, activities per athlete or client credentials; restarts rate windows. */
  configure: (patch: Partial<Omit<StravaConfig, 'limits'>> & { limits?: Partial<RateLimits> }) => void;
  /** Forgets athletes, tokens, edits, subscription and counters; keeps the config. */
  reset: () => void;
  /** Moves sandbox time forward (expire tokens, cross rate windows). */
  advanceClock: (seconds: number) => void;
}

export interface StravaSandbox extends SandboxModule, StravaHandle {}

export function createStravaSandbox(opts: {
  options?: StravaOptions;
  log?: (line: string) => void;
  nav: () => { href: string; label: string }[];
}): StravaSandbox {
  const state = new StravaState(configFrom(opts.options));
  const log = opts.log ?? (() => {});
  return {
    prefix: 'strava',
    title: 'Strava',
    home: '/strava/',
    state: () => state.snapshot(),
    configure: (patch) => state.configure(patch),
    reset: () => state.reset(),
    advanceClock: (seconds) => state.clock.advance(seconds),
    handle: providerHandler({
      prefix: 'strava',
      dashboard: () => dashboardPage(state, opts.nav()),
      handlers: [(...r) => handleOAuth(state, ...r), (...r) => handleApi(state, ...r), (...r) => handleControl(state, ...r)],
      log,
      shape: (path) => path.replace(/\/\d+/g, '/{id}'),
      // Successful API reads are not logged: a backfill makes thousands.
      quiet: (path) => path.startsWith('/strava/api/'),
      // Unparseable OAuth bodies (bad JSON) get Strava's 400 rather than the sandbox's 500.
      badBody: (res, err) => {
        if (err instanceof BodyTooLarge) fault(res, 413, 'Payload Too Large', 'Request', 'body', 'too large');
        else if (err instanceof SyntaxError) fault(res, 400, 'Bad Request', 'Request', 'body', 'invalid');
        else return false;
        return true;
      },
    }),
  };
}
