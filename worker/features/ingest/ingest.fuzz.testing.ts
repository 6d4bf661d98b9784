// The API fuzz test's targets for ingest's operations (worker/http/api-fuzz.test.ts collects every feature's):
// real rows made for each operation alone, so its valid request succeeds and its mutations reach as deep as they can.
import { randomToken } from '../../lib/crypto';
import { gpxRun } from '../../testing/fixtures/files';
import type { TargetSpec } from '../../http/api-fuzz-kit.testing';

export const fuzzTargets: Record<string, TargetSpec> = {
  // Uploads and Strava.
  'POST /api/v1/imports': {
    make: async () => ({
      query: { filename: 'fuzz-run.gpx' },
      body: gpxRun(new Date('2025-06-01T06:00:00Z')).xml,
      headers: { 'content-type': 'application/octet-stream' },
    }),
  },
  'GET /api/v1/connections/strava/signup': { make: async (k) => ({ query: { invite: await k.h.createInvite({ maxUses: 10 }) } }) },
  'DELETE /api/v1/connections/strava': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      await k.stravaConnection(p.id);
      return { cookie: p.cookie };
    },
  },
  'DELETE /api/v1/connections/{provider}': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      await k.garminConnection(p.id);
      return { cookie: p.cookie, params: { provider: 'garmin' } };
    },
  },
  'GET /api/v1/connections/garmin/health': {
    make: async (k) => {
      const p = await k.person();
      await k.garminConnection(p.id);
      return { cookie: p.cookie };
    },
  },
  // Turned off: nothing to ask Garmin for (turning it on needs HEALTH_EXPORT, which the kit's connection lacks).
  'PUT /api/v1/connections/garmin/health': {
    make: async (k) => {
      const p = await k.person();
      await k.garminConnection(p.id);
      return { cookie: p.cookie, body: { enabled: false } };
    },
  },
  // Wellness from Polar: read, and turned off (on needs a live Polar connection the fuzzer has no sandbox user for).
  'GET /api/v1/connections/{provider}/wellness': {
    make: async (k) => ({ cookie: (await k.person()).cookie, params: { provider: 'polar' } }),
  },
  'PUT /api/v1/connections/{provider}/wellness': {
    make: async (k) => ({ cookie: (await k.person()).cookie, params: { provider: 'polar' }, body: { enabled: false } }),
  },
  // A ping as Garmin sends it, for a user nobody connected: verified, stored, acknowledged, nothing fetched.
  'POST /webhooks/garmin': {
    make: async (k) => ({
      body: JSON.stringify({
        activityFiles: [
          {
            userId: randomToken(16).replace(/[^A-Za-z0-9]/g, 'a'),
            summaryId: '1-file',
            fileType: 'FIT',
            callbackURL: `${k.h.env.GARMIN_API_URL}wellness-api/rest/activityFile?id=1&token=${randomToken(8)}`,
            activityId: 1,
          },
        ],
      }),
      headers: { 'garmin-client-id': k.h.env.GARMIN_CLIENT_ID ?? '', 'content-type': 'application/json;charset=UTF-8' },
    }),
  },
  // Polar's webhook-creation PING: answered 200 (unsigned by design), carrying nothing.
  'POST /webhooks/polar': {
    make: async () => ({
      body: JSON.stringify({ event: 'PING', timestamp: new Date().toISOString() }),
      headers: { 'content-type': 'application/json' },
    }),
  },
  'GET /webhooks/strava': {
    make: async (k) => ({
      query: { 'hub.mode': 'subscribe', 'hub.verify_token': k.h.env.STRAVA_WEBHOOK_VERIFY_TOKEN, 'hub.challenge': 'fuzz' },
    }),
  },
};
