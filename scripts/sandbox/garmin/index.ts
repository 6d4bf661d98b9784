// Garmin Connect sandbox module, mounted at /garmin: OAuth 2.0 with PKCE (/garmin/oauth2Confirm,
// /garmin/di-oauth2-service/oauth/token), the Activity API (/garmin/wellness-api/rest/…), pings to the app,
// a control API (/garmin/_control/…) and a dashboard (/garmin/). See ../README.md.
import { BodyTooLarge, providerHandler } from '../http.ts';
import type { SandboxModule } from '../http.ts';
import { BadJson, json } from '../strava/common.ts';
import { handleApi } from './api.ts';
import { handleControl } from './control.ts';
import { handleOAuth } from './oauth.ts';
import { handleCourses } from './courses.ts';
import { handleTraining } from './training.ts';
import { dashboardPage } from './pages.ts';
import { configFrom, GarminState } from './state.ts';
import type { GarminOptions } from './state.ts';

export type { GarminConfig, GarminOptions } from './state.ts';
export { userIdOf, garminActivityId } from './state.ts';

/** What Node-side callers (the dev stack, tests' global setup, benchmarks) get on `sandbox.garmin`. */
export interface GarminHandle {
  state: () => ReturnType<GarminState['snapshot']>;
  /** Webhook URL, credentials, histories, token life, rate limits. */
  configure: (patch: GarminOptions) => void;
  reset: () => void;
}

export interface GarminSandbox extends SandboxModule, GarminHandle {}

export function createGarminSandbox(opts: {
  options?: GarminOptions;
  log?: (line: string) => void;
  nav: () => { href: string; label: string }[];
}): GarminSandbox {
  const state = new GarminState(configFrom(opts.options));
  const log = opts.log ?? (() => {});
  return {
    prefix: 'garmin',
    title: 'Garmin',
    home: '/garmin/',
    state: () => state.snapshot(),
    configure: (patch) => state.configure(patch),
    reset: () => state.reset(),
    handle: providerHandler({
      prefix: 'garmin',
      dashboard: () => dashboardPage(state, opts.nav()),
      handlers: [
        (...r) => handleOAuth(state, ...r),
        (...r) => handleApi(state, ...r),
        (...r) => handleTraining(state, ...r),
        (...r) => handleCourses(state, ...r),
        (...r) => handleControl(state, ...r),
      ],
      log,
      shape: (path) => path.replace(/\/\d+/g, '/{n}'),
      // File downloads are not logged: a backfill makes dozens.
      quiet: (path) => path.includes('/activityFile'),
      badBody: (res, err) => {
        if (err instanceof BodyTooLarge) json(res, 413, { errorMessage: 'Payload too large' });
        else if (err instanceof SyntaxError || err instanceof BadJson) json(res, 400, { errorMessage: 'Malformed request body' });
        else return false;
        return true;
      },
    }),
  };
}
