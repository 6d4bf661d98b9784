import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { testLanes } from './worker/testing/lanes.ts';
import { cloudflareTestWithDatabasePerFile } from './worker/testing/test-databases.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
// Every test file is in exactly one lane: `node` when nothing it runs imports `cloudflare:*`, else `workerd`
// (worker/testing/lanes.ts). A new file lands in one of them by its imports, never in neither.
const lanes = testLanes(root);
/** A service binding's handler that answers every request with one file's bytes. */
const fileServer = (path: string) => async () => new Response(readFileSync(path));

export default defineConfig({
  test: {
    // Two files at a time: workerd tests mostly wait (queues, the sandbox, Postgres), and each has a database of its own.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    setupFiles: ['./worker/testing/setup.ts'],
    // Access-log lines are noise in test output; warnings and errors still show.
    onConsoleLog: (log) => (process.env.SHOW_LOGS || !log.startsWith('{"level":"info"') ? undefined : false),
    projects: [
      {
        extends: true,
        // Pure code (calculations, parsers, formatters, page rules) in plain Node: one worker for the lane,
        // no isolate to boot per file.
        resolve: { alias: { '~': `${root}web/app` } },
        test: { name: 'node', include: lanes.node, environment: 'node', isolate: false },
      },
      {
        extends: true,
        // Tests run inside workerd against the real worker (wrangler.toml), a throwaway embedded Postgres
        // and the provider sandbox, both started by the global setup and injected as bindings. Each test file
        // gets a database of its own, copied from the migrated template (worker/testing/test-databases.ts).
        plugins: [
          cloudflareTestWithDatabasePerFile(({ inject, databaseUrl }) => ({
            main: './worker/index.ts',
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              // The pool sends a test file's whole warm module graph in one WebSocket message; with the LLM SDKs
              // loaded it passes workerd's default 1 MiB limit (128 MiB with this flag). Tests only.
              compatibilityFlags: ['nodejs_compat', 'increase_websocket_message_size'],
              // The offline basemap's bytes (built once by the global setup); tiles.testing.ts puts them in TILES.
              serviceBindings: { BASEMAP_FIXTURE: fileServer(inject<string>('basemapPath')) },
              bindings: {
                APP_ENV: 'test',
                APP_ORIGIN: 'http://cadence.test',
                // OAuth 2.1 wants an https issuer (http only on loopback): the OAuth tests call https://cadence.test (ADR 107).
                OAUTH_ISSUER: 'https://cadence.test',
                DATABASE_URL: databaseUrl,
                DB_WS_PROXY: inject<string>('dbWsProxy'),
                EMAIL_API_URL: `${inject<string>('sandboxUrl')}/email/`,
                STRAVA_API_URL: `${inject<string>('sandboxUrl')}/strava/api/v3/`,
                STRAVA_OAUTH_URL: `${inject<string>('sandboxUrl')}/strava/oauth/`,
                POLAR_API_URL: `${inject<string>('sandboxUrl')}/polar/accesslink/`,
                POLAR_AUTH_URL: `${inject<string>('sandboxUrl')}/polar/flow/oauth2/authorization`,
                POLAR_TOKEN_URL: `${inject<string>('sandboxUrl')}/polar/remote/v2/oauth2/token`,
                STRIPE_API_URL: `${inject<string>('sandboxUrl')}/stripe/`,
                GARMIN_AUTHORIZE_URL: `${inject<string>('sandboxUrl')}/garmin/oauth2Confirm`,
                GARMIN_TOKEN_URL: `${inject<string>('sandboxUrl')}/garmin/di-oauth2-service/oauth/token`,
                GARMIN_API_URL: `${inject<string>('sandboxUrl')}/garmin/`,
                TWILIO_API_URL: `${inject<string>('sandboxUrl')}/twilio/`,
                ANTHROPIC_API_URL: `${inject<string>('sandboxUrl')}/anthropic`,
                MISTRAL_API_URL: `${inject<string>('sandboxUrl')}/mistral`,
                // Rate-limit windows of 3 s (a day of 288 s): the sandbox runs 300x fast in the rate-limit test.
                STRAVA_WINDOW_SECONDS: '3',
                STRAVA_DAY_SECONDS: '288',
                // The sandbox's push subscription, as in wrangler.toml: webhook tests post events with this id.
                STRAVA_SUBSCRIPTION_ID: '120475',
                // Coach streams: a dropped client's turn is aborted after 4 s (not 10), long enough for a resuming
                // client to reattach on a busy machine; heartbeats every second.
                COACH_DETACH_GRACE_MS: '4000',
                COACH_HEARTBEAT_MS: '1000',
                // A hung model call falls back after 6 s (not 60): the HTTP fallback test scripts a hang.
                COACH_CALL_TIMEOUT_MS: '6000',
                // A webhook's store is held after 1.2 s in production (Strava's 2 s); two test files beside the
                // static checks on two cores made a store take longer and a replay answer "held", not "duplicate".
                // The hanging-database test still sees its delivery held (in < 15 s).
                WEBHOOK_STORE_WAIT_MS: '6000',
                LOG_LEVEL: 'info',
                // PBKDF2 at 1,000 rounds, not 100,000: the same code, ~4,000 hashes a run at a hundredth of the CPU.
                PASSWORD_ITERATIONS: '1000',
              },
            },
          })),
        ],
        test: {
          name: 'workerd',
          include: lanes.workerd,
          // One Miniflare per pool worker, kept from file to file: the worker's module graph loads once per
          // worker, not once per file. Each file still starts on a fresh database (setup-workerd.ts).
          isolate: false,
          setupFiles: ['./worker/testing/setup.ts', './worker/testing/setup-workerd.ts'],
          globalSetup: ['./worker/testing/global-setup.ts'],
          deps: {
            optimizer: {
              ssr: {
                enabled: true,
                include: [
                  '@remix-run/cloudflare',
                  '@remix-run/react',
                  '@remix-run/server-runtime',
                  'react',
                  'react-dom/server',
                  'react/jsx-runtime',
                  'isbot',
                ],
              },
            },
          },
        },
      },
    ],
  },
});
