// Node's globals first: workers-types declares `process` and `global` as stubs too, and the first
// declaration the compiler meets wins. env.ts is reached early (context.ts imports it); the worker runs
// with nodejs_compat, and the scripts and benchmarks in the same program run on Node.
/// <reference types="node" />
import { z } from 'zod';
import { ringProblem } from './lib/key-ring';

const Mode = z.enum(['development', 'test', 'staging', 'production']);
/** PBKDF2's rounds where real passwords are kept: workerd's cap (auth's password.ts holds the same figure). */
export const KEPT_PASSWORD_ITERATIONS = 100_000;

const queueBinding = z.custom<Queue<unknown>>(
  (v) => typeof v === 'object' && v !== null && typeof (v as Queue).send === 'function',
  'must be a Queue binding',
);
/**
 * The Durable Object namespaces, typed with their classes. worker/index.ts, which exports the classes, fills
 * this in (`declare module`): env.ts, which nearly every file reaches, imports no feature.
 */
// biome-ignore lint/suspicious/noEmptyInterface: worker/index.ts merges the bindings in
export interface DurableObjectBindings {}
const durableObjectBinding = <K extends keyof DurableObjectBindings>() =>
  z.custom<DurableObjectBindings[K]>(
    (v) => typeof v === 'object' && v !== null && typeof (v as DurableObjectNamespace).idFromName === 'function',
    'must be a Durable Object namespace binding',
  );
const fetcherBinding = z.custom<Fetcher>(
  (v) => typeof v === 'object' && v !== null && typeof (v as Fetcher).fetch === 'function',
  'must be a Fetcher binding',
);

/** A key-ring secret (ADR 040): stays a string, so call sites pass it on unchanged; each key must pass `keyOk`. */
const keyRingOf = (keyOk: (key: string) => boolean, keyRule: string) =>
  z.string().superRefine((value, ctx) => {
    const problem = ringProblem(value, keyOk, keyRule);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** RFC 8292 §2.1: push services reject (or silently drop) a subject they cannot reach. */
export function vapidSubjectOk(subject: string): boolean {
  let url: URL;
  try {
    url = new URL(subject);
  } catch {
    return false;
  }
  const host = url.protocol === 'mailto:' ? (url.pathname.split('@')[1] ?? '') : url.protocol === 'https:' ? url.hostname : '';
  const h = host.toLowerCase();
  return /\./.test(h) && h !== 'localhost' && !/\.(local|invalid|localhost)$/.test(h);
}

/** Every var, secret and binding the worker reads. Validated at the top of each entry point. */
export const EnvSchema = z
  .object({
    APP_ENV: Mode,
    /** Public origin of the app; used for CSRF Origin checks and links in emails. */
    APP_ORIGIN: z.url(),
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
    /** Local only: "host:port/path" of the WebSocket-to-TCP proxy in front of a plain Postgres. */
    DB_WS_PROXY: z.string().optional(),
    /** How long a request, batch or tick waits for the database's first answer before a 503 (default 5 s). */
    DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
    /** How long any pooled statement may go unanswered before it fails as the database being unavailable (default 120 s). */
    DB_QUERY_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
    EMAIL_API_URL: z.url(),
    EMAIL_API_KEY: z.string().min(1),
    EMAIL_FROM: z.string().min(3),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    STRAVA_CLIENT_ID: z.string().min(1),
    STRAVA_CLIENT_SECRET: z.string().min(1),
    /** Strava API v3 base, e.g. https://www.strava.com/api/v3/ (the sandbox locally). */
    STRAVA_API_URL: z.url(),
    /** Strava OAuth base, e.g. https://www.strava.com/oauth/ (the sandbox locally). */
    STRAVA_OAUTH_URL: z.url(),
    STRAVA_WEBHOOK_VERIFY_TOKEN: z.string().min(8),
    /** Where revocations go; unset: `<STRAVA_OAUTH_URL>deauthorize`. Strava's announced successor is `oauth/revoke` on its new API host. */
    STRAVA_REVOKE_URL: z.url().optional(),
    /** How many athletes our Strava app may connect (10 for a Standard app); unset: no limit of our own is applied. */
    STRAVA_ATHLETE_LIMIT: z.coerce.number().int().positive().optional(),
    /** Id of our push subscription (Strava answers it on creation); events for any other are ignored. Unset: not checked. */
    STRAVA_SUBSCRIPTION_ID: z.coerce.number().int().positive().optional(),
    /** Rate-limit windows; shortened only by tests and benchmarks that time-scale the sandbox. */
    STRAVA_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
    STRAVA_DAY_SECONDS: z.coerce.number().int().positive().default(86_400),
    /**
     * Garmin Connect Developer Program app (ADR 038). Without a client id the Garmin door is not offered:
     * Garmin approves each business developer, so a deploy may run before it has one.
     */
    GARMIN_CLIENT_ID: z.string().min(1).optional(),
    GARMIN_CLIENT_SECRET: z.string().min(1).optional(),
    /** Garmin's consent page, https://connect.garmin.com/oauth2Confirm (the sandbox's locally). */
    GARMIN_AUTHORIZE_URL: z.url(),
    /** Garmin's token endpoint, https://diauth.garmin.com/di-oauth2-service/oauth/token. */
    GARMIN_TOKEN_URL: z.url(),
    /** Garmin's API base, https://apis.garmin.com/: the only host activity files are fetched from. */
    GARMIN_API_URL: z.url(),
    /**
     * How often each live connection of a door that lists its files (Polar) is listed again for what its notifications
     * missed, in hours (default 6, ADR 091); the soak sets 1 so its drain's hourly tick reaches every connection.
     */
    DOOR_CATCHUP_HOURS: z.coerce.number().int().min(1).max(24).default(6),
    /** Polar AccessLink client (admin.polaraccesslink.com); the sandbox's values locally. */
    POLAR_CLIENT_ID: z.string().min(1),
    POLAR_CLIENT_SECRET: z.string().min(1),
    /** AccessLink base, https://www.polaraccesslink.com/ (the sandbox's /polar/accesslink/ locally); `v3/…` is appended. */
    POLAR_API_URL: z.url(),
    /** Polar Flow's consent page, https://flow.polar.com/oauth2/authorization. */
    POLAR_AUTH_URL: z.url(),
    /** Token endpoint, https://polarremote.com/v2/oauth2/token. */
    POLAR_TOKEN_URL: z.url(),
    /**
     * The webhook's signature_secret_key, known only once the webhook is created (which needs the deployed
     * route to answer Polar's PING): until then unset, and every signed delivery is refused.
     */
    POLAR_WEBHOOK_SECRET: z.string().min(16).optional(),
    /** 1: the daily retention job only counts what it would delete (privacy/retention, ADR 043). */
    RETENTION_DRY_RUN: z.enum(['0', '1']).default('0'),
    /** Ops Pulse: a job is stuck after this many minutes (the stuck sweep's threshold). */
    OPS_STUCK_MINUTES: z.coerce.number().int().positive().default(10),
    /**
     * AES-GCM key ring for provider tokens at rest (ADR 040): "v2:<base64>,v1:<base64>", each key 32 random
     * bytes in base64; one bare key is v1. The newest seals, every listed one opens (docs/secrets-runbook.md).
     */
    TOKEN_ENCRYPTION_KEY: keyRingOf((k) => /^[A-Za-z0-9+/]{43}=$/.test(k), 'must be 32 bytes, base64'),
    /** Stripe secret key (sk_test_… / sk_live_…); the sandbox accepts any sk_test_ key. */
    STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_/, 'must be a Stripe secret key'),
    /** Signing secret of the /webhooks/stripe endpoint (whsec_…). */
    STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_'),
    /** Stripe API base, https://api.stripe.com/ (the sandbox's /stripe/ locally). */
    STRIPE_API_URL: z.url(),
    /** Twilio account (AC…) and its auth token: HTTP Basic auth for sends, HMAC key of X-Twilio-Signature. */
    TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must be a Twilio Account SID (AC + 32 hex)'),
    TWILIO_AUTH_TOKEN: z.string().min(16),
    /** Sender: a Messaging Service (MG…) or, without one, a phone number in E.164. */
    TWILIO_MESSAGING_SERVICE_SID: z
      .string()
      .regex(/^MG[0-9a-fA-F]{32}$/)
      .optional(),
    TWILIO_FROM_NUMBER: z
      .string()
      .regex(/^\+[1-9]\d{7,14}$/)
      .optional(),
    /** Twilio REST base, https://api.twilio.com/ (the sandbox's /twilio/ locally). */
    TWILIO_API_URL: z.url(),
    /** Anthropic API base, https://api.anthropic.com (the sandbox's /anthropic locally; the SDK appends /v1/messages). */
    ANTHROPIC_API_URL: z.url(),
    ANTHROPIC_API_KEY: z.string().min(1),
    /** Mistral API base, https://api.mistral.ai (the sandbox's /mistral locally; the SDK appends /v1/chat/completions). */
    MISTRAL_API_URL: z.url(),
    MISTRAL_API_KEY: z.string().min(1),
    /**
     * HMAC key of deleted accounts' pseudonyms (audit log, deletion receipts; ADR 042). Unset: the token key under
     * a label of its own. Set it once and never rotate it, or old pseudonyms stop matching new ones.
     */
    PSEUDONYM_SECRET: z.string().min(32).optional(),
    /**
     * HMAC key of the privacy zones' decoy shifts (ADR 082). Unset: the token key under a label of its own. Set it
     * once and never rotate it: a new key moves every hidden disc, and two sets of cuts narrow down the places.
     */
    SOCIAL_ZONE_SECRET: z.string().min(32).optional(),
    /** HMAC key ring for signed OAuth state values (and the PKCE verifiers derived from them); same format. */
    OAUTH_STATE_SECRET: keyRingOf((k) => k.length >= 32, 'must be at least 32 characters'),
    /** HMAC key ring of the one-click unsubscribe links in notification email: long-lived links, so keep old keys a while. */
    UNSUBSCRIBE_SECRET: keyRingOf((k) => k.length >= 32, 'must be at least 32 characters'),
    /** Web Push (ADR 076): the VAPID pair, base64url (65-byte uncompressed P-256 point; 32-byte scalar). Unset: no push. */
    VAPID_PUBLIC_KEY: z
      .string()
      .regex(/^B[A-Za-z0-9_-]{86}$/, 'must be a base64url uncompressed P-256 point')
      .optional(),
    VAPID_PRIVATE_KEY: z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/, 'must be a base64url 32-byte P-256 scalar')
      .optional(),
    /** Who push services contact about our traffic (RFC 8292 §2.1): mailto: or https:, a real public address. */
    VAPID_SUBJECT: z
      .string()
      .refine(vapidSubjectOk, 'must be a mailto: or https: address that is not localhost, .local or .invalid')
      .optional(),
    NOTIFY_QUEUE: queueBinding,
    /** The notify queue's urgent lane (ADR 076): one athlete's high-urgency triggers; absent, NOTIFY_QUEUE carries them. */
    NOTIFY_URGENT_QUEUE: queueBinding.optional(),
    INGEST_QUEUE: queueBinding,
    WEBHOOKS_QUEUE: queueBinding,
    IMPORTS_QUEUE: queueBinding,
    /** Data-subject requests: export and deletion jobs, by kind (worker/features/privacy). */
    PRIVACY_QUEUE: queueBinding,
    /** Uploaded import files (R2). */
    UPLOADS: z.custom<R2Bucket>(
      (v) => typeof v === 'object' && v !== null && typeof (v as R2Bucket).put === 'function',
      'must be an R2 bucket binding',
    ),
    /**
     * The basemap (ADR 097): a PMTiles archive read with range requests. Optional: without it the map routes answer
     * 503 and pages keep their SVG routes. Locally `npm run dev` and the tests put the offline build there.
     */
    TILES: z
      .custom<R2Bucket>(
        (v) => typeof v === 'object' && v !== null && typeof (v as R2Bucket).get === 'function',
        'must be an R2 bucket binding',
      )
      .optional(),
    /** The archive's key in TILES: a new build goes under a new key, then this var moves (no half-replaced archive). */
    BASEMAP_KEY: z.string().min(1).default('basemap/v1.pmtiles'),
    /** The map's attribution when the archive's own is not the wording its licence asks (OSM's ODbL: "© OpenStreetMap contributors"). */
    BASEMAP_ATTRIBUTION: z.string().min(1).optional(),
    /**
     * The OAuth 2.1 authorization server's store (ADR 107): clients, grants and tokens (tokens and codes only as
     * hashes, props encrypted), kept by @cloudflare/workers-oauth-provider. Optional: without it /mcp takes keys only.
     */
    OAUTH_KV: z
      .custom<KVNamespace>(
        (v) => typeof v === 'object' && v !== null && typeof (v as KVNamespace).list === 'function',
        'must be a KV namespace binding',
      )
      .optional(),
    /**
     * The OAuth issuer when it cannot be APP_ORIGIN: OAuth 2.1 wants https (http only on a loopback host), and the
     * tests' origin is http://cadence.test. Defaults to APP_ORIGIN.
     */
    OAUTH_ISSUER: z.url().optional(),
    PROVIDER_BUDGET: durableObjectBinding<'PROVIDER_BUDGET'>(),
    CLIENT_LEDGER: durableObjectBinding<'CLIENT_LEDGER'>(),
    /** One AI coach session per athlete: the live turn, its stream and its replay buffer. */
    COACH_SESSION: durableObjectBinding<'COACH_SESSION'>(),
    /** One N=1 engine per athlete: the state in memory, check-in patches and findings reads in order (ADR 070). */
    WELLNESS_ENGINE: durableObjectBinding<'WELLNESS_ENGINE'>(),
    /** SSE heartbeat (`: ping`) interval of a coach stream. */
    COACH_HEARTBEAT_MS: z.coerce.number().int().positive().default(15_000),
    /** How long a turn keeps running once its last client went away (a reload reattaches within it). */
    COACH_DETACH_GRACE_MS: z.coerce.number().int().nonnegative().default(10_000),
    /** A turn's whole budget; past it the answer ends as partial with a retry. */
    COACH_TURN_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
    /** One model call's budget within the turn; a call that has shown nothing by then falls back to Mistral. */
    COACH_CALL_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
    /**
     * How long a webhook's store may take before the delivery is held on the queue instead (ADR 090): Strava counts an
     * answer after 2 s as failed, and a database going away can leave a connect unanswered for the pool's 5 s (the
     * soak's restart: one answer at 2.3 s). A store that still lands after it is harmless: the held copy finds its
     * dedupe key and is dropped. The unit tests give a busy machine longer, so a slow store is not taken for a
     * database gone away.
     */
    WEBHOOK_STORE_WAIT_MS: z.coerce.number().int().positive().default(1_200),
    /**
     * PBKDF2 rounds for a new password hash (worker/features/auth/password.ts): 100,000, workerd's cap, wherever a real
     * password is kept (staging, production). Only the unit tests lower it: ~4,000 hashes at 43 ms of CPU each were a
     * tenth of their run, and the code path is the same at any count (ADR 094).
     */
    PASSWORD_ITERATIONS: z.coerce.number().int().min(1_000).max(KEPT_PASSWORD_ITERATIONS).default(KEPT_PASSWORD_ITERATIONS),
    /** Life of one impersonation session in seconds (ADR 019): at most 30 minutes, never renewed. */
    IMPERSONATION_TTL_SECONDS: z.coerce.number().int().positive().max(1800).default(1800),
    ASSETS: fetcherBinding.optional(),
  })
  .refine((env) => env.APP_ENV === 'test' || env.APP_ENV === 'development' || env.PASSWORD_ITERATIONS === KEPT_PASSWORD_ITERATIONS, {
    message: `must be ${KEPT_PASSWORD_ITERATIONS} outside tests and development`,
    path: ['PASSWORD_ITERATIONS'],
  });

export type Env = z.infer<typeof EnvSchema>;

const cache = new WeakMap<object, Env>();

/** Parses the runtime bindings once per isolate and env object; throws a readable message. */
export function parseEnv(raw: unknown): Env {
  if (typeof raw === 'object' && raw !== null) {
    const hit = cache.get(raw);
    if (hit) return hit;
  }
  const result = EnvSchema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid worker configuration: ${issues}`);
  }
  if (typeof raw === 'object' && raw !== null) cache.set(raw, result.data);
  return result.data;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}
