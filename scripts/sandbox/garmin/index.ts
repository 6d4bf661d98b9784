// Garmin Connect sandbox module, mounted at /garmin: OAuth 2.0 with PKCE (/garmin/oauth2Confirm,
// /garmin/di-oauth2-service/oauth/token), the Activity API (/garmin/wellness-api/rest/…), pings to the app,
// a control API (/garmin/_control/…) and a dashboard (/garmin/). See ../README.md.
import { BodyTooLarge, sendHtml } from '../http.ts';
import type { SandboxModule } from '../http.ts';
import { BadJson, json } from '../strava/common.ts';
import { handleApi } from './api.ts';
import { handleControl } from './control.ts';
import { handleOAuth } from './oauth.ts';
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
    async handle(req, res, url) {
      if (req.method === 'GET' && (url.pathname === '/garmin' || url.pathname === '/garmin/')) {
        sendHtml(res, 200, dashboardPage(state, opts.nav()));
        return true;
      }
      try {
        const handled =
          (await handleOAuth(state, req, res, url)) ||
          (await handleApi(state, req, res, url)) ||
          (await handleControl(state, req, res, url));
        // Status and route template only: tokens, codes and user ids stay out of logs; file downloads are not logged (a backfill makes dozens).
        if (handled && (!url.pathname.includes('/activityFile') || res.statusCode >= 400))
          log(`garmin ${req.method} ${url.pathname.replace(/\/\d+/g, '/{n}')} → ${res.statusCode}`);
        return handled;
      } catch (err) {
        if (err instanceof BodyTooLarge) json(res, 413, { errorMessage: 'Payload too large' });
        else if (err instanceof SyntaxError || err instanceof BadJson) json(res, 400, { errorMessage: 'Malformed request body' });
        else throw err;
        return true;
      }
    },
  };
}
