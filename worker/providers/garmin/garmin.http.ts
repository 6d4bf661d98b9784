import type { z } from 'zod';
import { timingSafeEqual } from '../../lib/crypto';
import {
  type FileProviderTokens,
  type InboundNotification,
  ProviderConsentError,
  ProviderFileGoneError,
  type ProviderFileRef,
  ProviderHttpError,
  type ProviderNotice,
  ProviderNotificationRejected,
  ProviderRateLimitedError,
  ProviderUnauthorizedError,
  type RefreshedTokens,
} from '../file-provider/file-provider';
import type { GarminClient, GarminConfig } from './garmin';
import { activityIdOf, backfillWindows, GarminNotification, PermissionsResponse, TokenResponse, UserIdResponse } from './garmin.wire';
import { healthNotices } from './garmin-health.notices';
import { PROVIDER_FILE_TIMEOUT_MS, providerFetch } from '../provider-fetch';
import { HEALTH_SUMMARY_TYPES, HealthPullResponse, healthBackfillWindows } from './garmin-health.wire';

type Tokens = Pick<FileProviderTokens, 'accessToken' | 'externalUserId'>;

const slash = (u: string) => (u.endsWith('/') ? u : `${u}/`);
/** Files beyond this are not activities a watch recorded; the import's own caps are tighter still. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const FILE_PATH = 'wellness-api/rest/activityFile';

/** Seconds from a Retry-After header (delta seconds or an HTTP date); null when absent or unreadable. */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Garmin over fetch. Every URL is config: Garmin's hosts in production, the loopback sandbox in dev and tests. */
export class HttpGarminClient implements GarminClient {
  readonly name = 'garmin' as const;
  /** Garmin's pings carry only our public client id: every notice is confirmed with Garmin (ADR 047, 095). */
  readonly signsNotifications = false;
  private readonly api: URL;

  constructor(private readonly cfg: GarminConfig) {
    this.api = new URL(slash(cfg.apiUrl));
  }

  authorizeUrl(p: { redirectUri: string; state: string; codeChallenge?: string }): string {
    if (!p.codeChallenge) throw new Error('Garmin’s OAuth 2.0 needs a PKCE code challenge');
    const url = new URL(this.cfg.authorizeUrl);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.cfg.clientId,
      code_challenge: p.codeChallenge,
      code_challenge_method: 'S256',
      redirect_uri: p.redirectUri,
      state: p.state,
    }).toString();
    return url.toString();
  }

  /** The code for tokens, then who the athlete is and what they let us read (they may untick activities). */
  async exchangeCode(p: { code: string; redirectUri: string; codeVerifier?: string }): Promise<FileProviderTokens> {
    if (!p.codeVerifier) throw new Error('Garmin’s OAuth 2.0 needs the PKCE code verifier');
    const t = await this.token({
      grant_type: 'authorization_code',
      code: p.code,
      code_verifier: p.codeVerifier,
      redirect_uri: p.redirectUri,
    });
    const [who, permissions] = await Promise.all([
      this.getJson(t.accessToken, 'wellness-api/rest/user/id', UserIdResponse),
      this.getJson(t.accessToken, 'wellness-api/rest/user/permissions', PermissionsResponse),
    ]);
    return { ...t, externalUserId: who.userId, scopes: permissions.join(' ') };
  }

  refresh(refreshToken: string): Promise<RefreshedTokens> {
    return this.token({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  /**
   * Garmin answers `user/id` for a registered user's token and 401/403 once the user deregistered (the token
   * dies with the registration). Anything else (429, 5xx) throws: the caller tries again later.
   */
  async stillRegistered(tokens: Tokens): Promise<boolean> {
    const res = await this.call(tokens.accessToken, 'wellness-api/rest/user/id', 'GET');
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel();
      return false;
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw this.failure(res);
    }
    return UserIdResponse.parse(await res.json()).userId === tokens.externalUserId;
  }

  /** What the athlete shares with us now (`user/permissions`): a permissions ping is only a cue to ask. */
  async permissions(tokens: Tokens): Promise<string[]> {
    return this.getJson(tokens.accessToken, 'wellness-api/rest/user/permissions', PermissionsResponse);
  }

  /**
   * The summaries a health ping's callback URL serves, with the athlete's token: only on Garmin's API host and the
   * type's own path. 400/404/410 (a pull token that is not Garmin's, or expired) is final; 412 the athlete stopped sharing.
   */
  async fetchHealth(tokens: Tokens, summaryType: string, callbackURL: string): Promise<Record<string, unknown>[]> {
    const url = this.pullUrl(callbackURL, summaryType);
    if (!url) throw new ProviderFileGoneError('not a Garmin health callback URL');
    const res = await this.pull(url, tokens.accessToken, 'application/json', this.cfg.timeoutMs);
    const parsed = HealthPullResponse.safeParse(await res.json());
    if (!parsed.success) throw new ProviderHttpError(502);
    // The bearer token names the athlete; an entry naming someone else is not theirs to store.
    return parsed.data.filter((s) => s.userId === undefined || s.userId === tokens.externalUserId);
  }

  /** Ends the registration: Garmin stops sending and the token dies. A token already refused has nothing left to end. */
  async deregister(tokens: Tokens): Promise<void> {
    const res = await this.call(tokens.accessToken, 'wellness-api/rest/user/registration', 'DELETE');
    await res.body?.cancel();
    if (res.ok || res.status === 401 || res.status === 403) return;
    throw this.failure(res);
  }

  /**
   * Garmin does not sign notifications (public client code checks nothing else): we check the
   * `garmin-client-id` header against our client id, the body's shape, and that every file and health callback URL
   * is on Garmin's own API host. Notices carry no values to store: files and summaries are fetched from that host with
   * the athlete's own token, permissions and deregistrations are asked of Garmin (ADR 047, 095).
   */
  async verifyNotification(n: InboundNotification): Promise<ProviderNotice[]> {
    const reject = (why: string): never => {
      throw new ProviderNotificationRejected(why);
    };
    if (!timingSafeEqual(n.headers.get('garmin-client-id') ?? '', this.cfg.clientId)) reject('garmin-client-id missing or not ours');
    let body: unknown;
    try {
      body = JSON.parse(n.rawBody);
    } catch {
      reject('body is not JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) reject('body is not a JSON object');
    const parsed = GarminNotification.safeParse(body);
    if (!parsed.success) return reject('unexpected notification shape');
    const notices: ProviderNotice[] = [];
    for (const p of parsed.data.activityFiles ?? []) {
      if (!this.apiUrl(p.callbackURL, FILE_PATH)) reject('callbackURL is not on Garmin’s API host');
      const file: ProviderFileRef = {
        externalUserId: p.userId,
        activityId: activityIdOf(p),
        fileRef: p.callbackURL,
        format: p.fileType === 'FIT' ? 'fit' : p.fileType === 'TCX' ? 'tcx' : 'gpx',
        startTime: p.startTimeInSeconds !== undefined ? new Date(p.startTimeInSeconds * 1000) : null,
        name: p.activityName ?? null,
        sportType: p.activityType ?? null,
        deviceName: p.deviceName ?? null,
      };
      notices.push({ kind: 'file', file });
    }
    for (const d of parsed.data.deregistrations ?? []) notices.push({ kind: 'deregistered', externalUserId: d.userId });
    // The list in the ping is not taken: the consumer reads the permissions back from Garmin.
    for (const c of parsed.data.userPermissionsChange ?? []) notices.push({ kind: 'permissions', externalUserId: c.userId });
    notices.push(...healthNotices(body as Record<string, unknown>, reject, (raw, type) => this.pullUrl(raw, type) !== null));
    return notices;
  }

  /** The original file, from the ping's callback URL: only on the configured API host, once, within 24 hours. */
  async fetchFile(tokens: Tokens, ref: ProviderFileRef): Promise<Uint8Array> {
    const url = this.apiUrl(ref.fileRef, FILE_PATH);
    if (!url) throw new ProviderFileGoneError('not a Garmin activity file URL');
    const res = await this.pull(url, tokens.accessToken, 'application/octet-stream', this.cfg.timeoutMs ?? PROVIDER_FILE_TIMEOUT_MS);
    return readCapped(res, MAX_FILE_BYTES);
  }

  /** Asks Garmin to send the history since `since` as pings (30 days per request); a window asked before is not an error. */
  async backfill(tokens: Tokens, since: Date): Promise<'notifications'> {
    await this.askBackfill(tokens.accessToken, 'activities', backfillWindows(since, new Date()));
    return 'notifications';
  }

  /** Asks for a year of every health summary type we read, 90 days per request; Garmin answers with pings. */
  async backfillHealth(tokens: Tokens, since: Date): Promise<void> {
    for (const type of HEALTH_SUMMARY_TYPES) await this.askBackfill(tokens.accessToken, type, healthBackfillWindows(since, new Date()));
  }

  /** One backfill request per window. 202: accepted, the pings follow; 409: this window was already asked for. */
  private async askBackfill(accessToken: string, kind: string, windows: { start: number; end: number }[]): Promise<void> {
    for (const w of windows) {
      const q = new URLSearchParams({ summaryStartTimeInSeconds: String(w.start), summaryEndTimeInSeconds: String(w.end) });
      const res = await this.call(accessToken, `wellness-api/rest/backfill/${kind}?${q}`, 'GET');
      await res.body?.cancel();
      if (res.status !== 202 && res.status !== 200 && res.status !== 409) throw this.failure(res);
    }
  }

  /**
   * A download a notice pointed at, with the athlete's token; a redirect would lead off Garmin's host, so it is a
   * failure, never followed. 410: downloaded once already, or too old; 404 as final; 400 a pull token Garmin never
   * issued (a forged ping's).
   */
  private async pull(url: URL, accessToken: string, accept: string, timeoutMs: number | undefined): Promise<Response> {
    const res = await providerFetch(url, { headers: { authorization: `Bearer ${accessToken}`, accept }, redirect: 'manual' }, timeoutMs);
    if (res.status === 200) return res;
    await res.body?.cancel();
    if (res.status === 410 || res.status === 404 || res.status === 400) throw new ProviderFileGoneError(`Garmin answered ${res.status}`);
    throw this.failure(res);
  }

  /** A health callback URL: Garmin's API host, the summary type's own path. */
  private pullUrl(raw: string, summaryType: string): URL | null {
    return this.apiUrl(raw, `wellness-api/rest/${summaryType}`);
  }

  /** `raw` when it is exactly `path` on Garmin's API host, with no credentials in it. */
  private apiUrl(raw: string, path: string): URL | null {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return null;
    }
    return url.origin === this.api.origin && url.pathname === `${this.api.pathname}${path}` && !url.username && !url.password ? url : null;
  }

  private call(accessToken: string, path: string, method: 'GET' | 'DELETE'): Promise<Response> {
    return providerFetch(
      new URL(path, this.api),
      { method, headers: { authorization: `Bearer ${accessToken}` }, redirect: 'manual' },
      this.cfg.timeoutMs,
    );
  }

  private async getJson<T>(accessToken: string, path: string, schema: z.ZodType<T>): Promise<T> {
    const res = await this.call(accessToken, path, 'GET');
    if (!res.ok) {
      await res.body?.cancel();
      throw this.failure(res);
    }
    return schema.parse(await res.json());
  }

  private async token(params: Record<string, string>): Promise<RefreshedTokens> {
    const res = await providerFetch(
      this.cfg.tokenUrl,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ ...params, client_id: this.cfg.clientId, client_secret: this.cfg.clientSecret }),
      },
      this.cfg.timeoutMs,
    );
    if (!res.ok) {
      await res.body?.cancel();
      // A refused code or refresh token: only the athlete connecting again helps.
      if (res.status === 400 || res.status === 401) throw new ProviderUnauthorizedError(`Garmin’s token endpoint answered ${res.status}`);
      throw this.failure(res);
    }
    const t = TokenResponse.parse(await res.json());
    return { accessToken: t.access_token, refreshToken: t.refresh_token, expiresAt: new Date(Date.now() + t.expires_in * 1000) };
  }

  private failure(res: Response): Error {
    if (res.status === 401 || res.status === 403) return new ProviderUnauthorizedError(`Garmin answered ${res.status}`);
    // 412: the token is good, but the athlete stopped sharing activities with us in Garmin Connect.
    if (res.status === 412) return new ProviderConsentError('The athlete does not share activities with this app');
    if (res.status === 429) return new ProviderRateLimitedError(retryAfterSeconds(res.headers.get('retry-after')));
    return new ProviderHttpError(res.status);
  }
}

async function readCapped(res: Response, max: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > max) {
    await res.body?.cancel();
    throw new ProviderHttpError(413);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new ProviderHttpError(413);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
