// The Garmin sandbox's settings and shapes: its config and options, the permissions Garmin's consent lists, a
// user, a delivery and an outbox item, the failures a test can queue, and the user and activity ids it derives.
import { createHash } from 'node:crypto';
import { DEFAULT_COUNT } from '../strava/generator.ts';
import type { GeneratedActivity } from '../strava/generator.ts';

export interface GarminConfig {
  clientId: string;
  clientSecret: string;
  /** Where pings go (the app's /webhooks/garmin); null keeps them in the outbox for tests to take. */
  webhookUrl: string | null;
  /** This sandbox's own origin: callback URLs point here. Set by server.ts once it listens. */
  baseUrl: string;
  activitiesPerUser: number;
  /** ISO; generated histories end the day before it (default: today, UTC). */
  historyEnd: string;
  /** ISO; generated sessions before it are not served (`npm run dev`: where the demo athlete's Garmin export ends). */
  historyStart: string | null;
  /** Access token life (Garmin: 24 h). */
  accessTtlSeconds: number;
  /** API calls per minute for the whole client key; null: unlimited. Over it: 429 with Retry-After. */
  rateLimitPerMinute: number | null;
  /** Days of backfill per minute per key (Garmin: 100 on an evaluation key, 10,000 in production). */
  backfillDaysPerMinute: number;
  /** How many times a ping is tried before it is dropped (Garmin keeps retrying, backing off). */
  deliveryAttempts: number;
}

export type GarminOptions = Partial<GarminConfig>;

/** Garmin's consent lets the athlete untick what they share; the Activity API reads ACTIVITY_EXPORT. */
export const PERMISSIONS = ['ACTIVITY_EXPORT', 'HEALTH_EXPORT', 'WORKOUT_IMPORT', 'COURSE_IMPORT', 'HISTORICAL_DATA_EXPORT'] as const;
export const MAX_USER = 9_999_999;
/** Garmin activity ids of the sandbox: 10^10 + the Strava sandbox id, as in the generated Garmin exports. */
export const GARMIN_ID_OFFSET = 10_000_000_000;

export interface User {
  number: number;
  userId: string;
  history: GeneratedActivity[] | null;
  added: GeneratedActivity[];
  /** Consent given and not withdrawn: pings are sent and tokens work. */
  registered: boolean;
  permissions: string[];
  /**
   * Backfill deliveries held back (a test's `POST users/{n}/backfill-hold`): Garmin answers the request at once
   * and may take hours to send the files. Null: sent right after the answer.
   */
  heldBackfill: GeneratedActivity[] | null;
}

export interface Delivery {
  kind: 'activityFiles' | 'deregistrations' | 'userPermissionsChange' | 'health' | 'custom';
  userIds: string[];
  entries: number;
  status: number | null;
  ms: number;
  attempts: number;
  ok: boolean;
  error?: string;
  at: string;
}

export interface OutboxItem {
  id: number;
  kind: Delivery['kind'];
  userIds: string[];
  headers: Record<string, string>;
  body: string;
  at: string;
}

export type FailEndpoint =
  | 'token'
  | 'user'
  | 'permissions'
  | 'registration'
  | 'backfill'
  | 'activityFile'
  | 'health'
  | 'training'
  | 'courses';
export interface Failure {
  endpoint: FailEndpoint;
  status: number;
  times: number;
  retryAfter?: number;
}

const utcMidnight = (ms: number) => new Date(Math.floor(ms / 86_400_000) * 86_400_000).toISOString();

/** Garmin user ids are opaque 32-hex strings; the sandbox derives one from the user number. */
export const userIdOf = (n: number) => createHash('sha256').update(`garmin-sandbox-user-${n}`).digest('hex').slice(0, 32);
export const garminActivityId = (a: GeneratedActivity) => GARMIN_ID_OFFSET + a.id;

export function configFrom(o: GarminOptions = {}): GarminConfig {
  return {
    clientId: o.clientId ?? 'garmin-sandbox-client',
    clientSecret: o.clientSecret ?? 'garmin-sandbox-secret',
    webhookUrl: o.webhookUrl ?? null,
    baseUrl: o.baseUrl ?? 'http://127.0.0.1:8790',
    activitiesPerUser: o.activitiesPerUser ?? DEFAULT_COUNT,
    historyEnd: o.historyEnd ?? utcMidnight(Date.now()),
    historyStart: o.historyStart ?? null,
    accessTtlSeconds: o.accessTtlSeconds ?? 86_400,
    rateLimitPerMinute: o.rateLimitPerMinute ?? null,
    backfillDaysPerMinute: o.backfillDaysPerMinute ?? 10_000,
    deliveryAttempts: o.deliveryAttempts ?? 5,
  };
}
