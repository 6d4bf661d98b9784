// The "file provider" port: a live door that hands us the athlete's own device files (Garmin Connect's
// Activity API, Polar AccessLink). Each provider's wire details stay in its adapter; ingest/file-doors
// runs connect, notification, fetch, import and disconnect the same way for all of them (ADR 038).

export type FileProviderName = 'garmin' | 'polar';

export type ProviderFileFormat = 'fit' | 'tcx' | 'gpx';

export interface FileProviderTokens {
  accessToken: string;
  /** Absent where the provider issues long-lived tokens without refresh (Polar: about a year). */
  refreshToken: string | null;
  /** Null when the provider states no expiry. */
  expiresAt: Date | null;
  /** The provider's id for the athlete (Polar's `x_user_id`, Garmin's user id). */
  externalUserId: string;
  scopes: string;
}

/** What a refresh hands back; a provider that rotates refresh tokens sends a new one each time. */
export type RefreshedTokens = Pick<FileProviderTokens, 'accessToken' | 'refreshToken' | 'expiresAt'>;

/** One new activity file the provider told us about, or that a backfill listed. */
export interface ProviderFileRef {
  externalUserId: string;
  /** The provider's activity (or exercise) id: the idempotency key of the import. */
  activityId: string;
  /** Where to fetch the original: a provider URL or id the adapter understands (never followed off its host). */
  fileRef: string;
  format: ProviderFileFormat;
  startTime: Date | null;
  /** The provider's activity name/type when the notification carries them (Garmin push does). */
  name?: string | null;
  sportType?: string | null;
  /** The recording device as the provider names it, when the notification says (Garmin's `deviceName`). */
  deviceName?: string | null;
}

/**
 * What one verified delivery says. A provider may announce new files, the athlete ending the link on the
 * provider's side (Garmin's deregistration notification), a change of what the athlete shares with us, or new
 * health summaries. A notice says *that* something happened, never what to store: what is stored is what the
 * provider answers when asked with the athlete's token (ADR 095; the table is file-doors.confirmations.ts).
 */
export type ProviderNotice =
  | { kind: 'file'; file: ProviderFileRef }
  | { kind: 'deregistered'; externalUserId: string }
  /** The permissions changed: they are read back from the provider (`permissions`), the notice's list is never stored. */
  | { kind: 'permissions'; externalUserId: string }
  /** New health summaries of a type (Garmin Health API ping), pulled from `callbackURL` with the athlete's token (ADR 071, 095). */
  | { kind: 'health'; externalUserId: string; summaryType: string; callbackURL: string }
  /** Entries of a summary type we do not read: acknowledged, counted, never stored. */
  | { kind: 'ignored'; summaryType: string; entries: number };

/** A webhook delivery as the route saw it: raw body and the headers, untouched. */
export interface InboundNotification {
  rawBody: string;
  headers: Headers;
}

export interface FileProviderClient {
  readonly name: FileProviderName;
  /**
   * Whether the provider signs its notifications (Polar: HMAC). One that does not (Garmin: a public client id) has every
   * notice confirmed with the provider before anything changes (ADR 047, 095).
   */
  readonly signsNotifications: boolean;
  /** The consent page. `codeChallenge` is sent where the provider uses PKCE (Garmin's OAuth 2). */
  authorizeUrl(params: { redirectUri: string; state: string; codeChallenge?: string }): string;
  exchangeCode(params: { code: string; redirectUri: string; codeVerifier?: string }): Promise<FileProviderTokens>;
  /** Providers whose tokens expire (Garmin); others never call it. */
  refresh?(refreshToken: string): Promise<RefreshedTokens>;
  /** Registers the athlete with our client after consent where the provider requires it (Polar). */
  register?(tokens: FileProviderTokens): Promise<void>;
  /**
   * Whether the athlete is still registered with our client, asked with their own token, where the provider's
   * notifications are not signed (Garmin): a deregistration notice is acted on only once the provider confirms it.
   */
  stillRegistered?(tokens: Pick<FileProviderTokens, 'accessToken' | 'externalUserId'>): Promise<boolean>;
  /** What the athlete shares with us now, read from the provider (a permissions notice is only a cue to ask). */
  permissions?(tokens: Pick<FileProviderTokens, 'accessToken' | 'externalUserId'>): Promise<string[]>;
  /**
   * The health summaries a notice's callback URL serves (only on the provider's API host), with the athlete's token.
   * Throws `ProviderFileGoneError` when the URL is not the provider's or no longer served.
   */
  fetchHealth?(
    tokens: Pick<FileProviderTokens, 'accessToken' | 'externalUserId'>,
    summaryType: string,
    callbackURL: string,
  ): Promise<Record<string, unknown>[]>;
  /** Ends the registration at the source (disconnect): the provider stops sending and the token dies. */
  deregister(tokens: Pick<FileProviderTokens, 'accessToken' | 'externalUserId'>): Promise<void>;
  /**
   * Verifies a webhook delivery (signature where the provider signs, shape and our client id otherwise)
   * and returns what it announces. Throws `ProviderNotificationRejected` for anything unverifiable. Pure:
   * whether each athlete has a live connection is the service's check.
   */
  verifyNotification(n: InboundNotification): Promise<ProviderNotice[]>;
  /** The original file, as the provider stores it. */
  fetchFile(tokens: Pick<FileProviderTokens, 'accessToken' | 'externalUserId'>, ref: ProviderFileRef): Promise<Uint8Array>;
  /**
   * The recent history the provider allows on connect. Returns the files directly where the provider
   * lists them (Polar), or `'notifications'` where it answers by sending notifications later (Garmin).
   */
  backfill(tokens: Pick<FileProviderTokens, 'accessToken' | 'externalUserId'>, since: Date): Promise<ProviderFileRef[] | 'notifications'>;
  /** Asks for the health summaries since `since`, answered later by pushes (Garmin's Health API backfill; ADR 071). */
  backfillHealth?(tokens: Pick<FileProviderTokens, 'accessToken' | 'externalUserId'>, since: Date): Promise<void>;
  /** The nights' wellness the provider still lists, where it is polled rather than pushed (Polar: the last 28 days). */
  wellness?(tokens: Pick<FileProviderTokens, 'accessToken' | 'externalUserId'>): Promise<ProviderWellnessRecord[]>;
}

/**
 * One night's wellness summary a provider lets us poll (Polar's sleep and Nightly Recharge), already in stored
 * units (seconds, ms, a 0–100 score). `externalId` is stable for the same night: polled again, it replaces itself.
 */
export interface ProviderWellnessRecord {
  externalId: string;
  /** The local day it counts on: the day the athlete woke up. */
  day: string;
  values: { sleepS?: number; sleepScore?: number; hrvRmssd?: number };
}

/** A delivery we cannot verify: answered 401 and never processed. */
export class ProviderNotificationRejected extends Error {
  override name = 'ProviderNotificationRejected';
}

/** A delivery that proved its sender (a valid signature) but whose body we cannot read: answered 400, never processed. */
export class ProviderNotificationMalformed extends Error {
  override name = 'ProviderNotificationMalformed';
}

/** The provider refused the token (revoked at the source): the connection needs the athlete again. */
export class ProviderUnauthorizedError extends Error {
  override name = 'ProviderUnauthorizedError';
}

/** 429 or the provider's own rate answer; `retryAfterS` when it said. */
export class ProviderRateLimitedError extends Error {
  override name = 'ProviderRateLimitedError';
  constructor(readonly retryAfterS: number | null) {
    super('Provider rate limit exceeded');
  }
}

/** The athlete no longer shares this with us (Garmin: the permission unticked in Garmin Connect); only they can change it. */
export class ProviderConsentError extends Error {
  override name = 'ProviderConsentError';
}

/** The file is no longer offered (Garmin: a callback URL is good for one download within 24 hours, then 410). */
export class ProviderFileGoneError extends Error {
  override name = 'ProviderFileGoneError';
}

export class ProviderHttpError extends Error {
  override name = 'ProviderHttpError';
  constructor(readonly status: number) {
    super(`Provider answered ${status}`);
  }
}
