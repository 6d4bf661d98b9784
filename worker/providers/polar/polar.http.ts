// Polar AccessLink v3 behind the file-provider port (worker/providers/file-provider, ADR 038). Facts and
// sources: ./README.md. Base URLs and credentials are config: production, or the sandbox (scripts/sandbox/polar).
import {
  type FileProviderClient,
  type FileProviderTokens,
  type InboundNotification,
  ProviderHttpError,
  type ProviderFileFormat,
  type ProviderFileRef,
  type ProviderNotice,
  type ProviderWellnessRecord,
  ProviderNotificationMalformed,
  ProviderNotificationRejected,
  ProviderUnauthorizedError,
} from '../file-provider/file-provider';
import { verifyPolarSignature } from './polar-signature';
import { polarWellness } from './polar-wellness';
import {
  ExerciseId,
  ExercisePayload,
  ExerciseSummary,
  OtherPayload,
  PingPayload,
  RechargeList,
  SleepList,
  TokenResponse,
  refuse,
} from './polar-wire';
import { PROVIDER_FILE_TIMEOUT_MS, providerFetch } from '../provider-fetch';

export interface PolarConfig {
  /** AccessLink base, e.g. https://www.polaraccesslink.com/; `v3/…` is resolved against it. */
  apiUrl: string;
  /** Polar Flow's consent page, https://flow.polar.com/oauth2/authorization. */
  authUrl: string;
  /** https://polarremote.com/v2/oauth2/token */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** The webhook's signature_secret_key; unset until the webhook exists, and then every signed delivery is refused. */
  webhookSecret?: string;
  /** Each call's deadline (PROVIDER_TIMEOUT_MS unless set; tests shorten it). */
  timeoutMs?: number;
}

/** AccessLink's only scope: read access to the user's data. */
export const POLAR_SCOPE = 'accesslink.read_all';
/** Downloads above this are refused rather than held in memory (a long ride's FIT is a few MiB). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const ACCEPT: Record<ProviderFileFormat, string> = {
  fit: 'application/octet-stream, */*',
  tcx: 'application/vnd.garmin.tcx+xml, */*',
  gpx: 'application/gpx+xml, */*',
};

const slash = (u: string) => (u.endsWith('/') ? u : `${u}/`);
const isGzip = (b: Uint8Array) => b[0] === 0x1f && b[1] === 0x8b;

async function readCapped(res: Response): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  for (;;) {
    const next = reader ? await reader.read() : { done: true as const, value: undefined };
    if (next.done) break;
    size += next.value.byteLength;
    if (size > MAX_FILE_BYTES) {
      await reader?.cancel();
      throw new ProviderHttpError(413);
    }
    chunks.push(next.value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Polar serves TCX gzipped: the port hands on the document itself. */
async function gunzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** `start_time` is local wall time and `start_time_utc_offset` its offset in minutes; null when either is missing. */
function startOf(e: { start_time?: string; start_time_utc_offset?: number }): Date | null {
  if (!e.start_time || e.start_time_utc_offset === undefined) return null;
  const wall = Date.parse(`${e.start_time.replace(/(Z|[+-]\d\d:?\d\d)$/, '')}Z`);
  return Number.isNaN(wall) ? null : new Date(wall - e.start_time_utc_offset * 60_000);
}

export class HttpPolarClient implements FileProviderClient {
  readonly name = 'polar' as const;
  /** Polar signs every delivery (HMAC-SHA-256 with the webhook's secret): a verified body is Polar's. */
  readonly signsNotifications = true;

  constructor(private readonly cfg: PolarConfig) {}

  /** Polar documents no PKCE: a code challenge, if given, is not sent. */
  authorizeUrl(p: Parameters<FileProviderClient['authorizeUrl']>[0]): string {
    const url = new URL(this.cfg.authUrl);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.cfg.clientId,
      redirect_uri: p.redirectUri,
      scope: POLAR_SCOPE,
      state: p.state,
    }).toString();
    return url.toString();
  }

  async exchangeCode(p: { code: string; redirectUri: string }): Promise<FileProviderTokens> {
    const sent = Date.now();
    const res = await providerFetch(
      this.cfg.tokenUrl,
      {
        method: 'POST',
        headers: {
          authorization: `Basic ${btoa(`${this.cfg.clientId}:${this.cfg.clientSecret}`)}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json;charset=UTF-8',
        },
        // The redirect_uri is repeated because the authorization request named it (RFC 6749, 4.1.3).
        body: new URLSearchParams({ grant_type: 'authorization_code', code: p.code, redirect_uri: p.redirectUri }),
      },
      this.cfg.timeoutMs,
    );
    if (res.status === 400 || res.status === 401) {
      await res.body?.cancel();
      throw new ProviderUnauthorizedError('Polar refused the grant');
    }
    if (!res.ok) return refuse(res);
    const t = TokenResponse.parse(await res.json());
    return {
      accessToken: t.access_token,
      refreshToken: null,
      expiresAt: t.expires_in === undefined ? null : new Date(sent + t.expires_in * 1000),
      externalUserId: String(t.x_user_id),
      scopes: POLAR_SCOPE,
    };
  }

  /**
   * Registers the user with our client (required before any data can be read). The member-id is ours to
   * choose and means nothing to Polar; a random one reveals nothing. 409 means already registered.
   */
  async register(tokens: FileProviderTokens): Promise<void> {
    const res = await this.call(tokens.accessToken, 'v3/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ 'member-id': crypto.randomUUID().replaceAll('-', '') }),
    });
    await res.body?.cancel();
    if (res.status === 200 || res.status === 409) return;
    return refuse(res);
  }

  /** De-registration: Polar stops sending the user's data and revokes the token. Already gone is fine. */
  async deregister(tokens: Pick<FileProviderTokens, 'accessToken' | 'externalUserId'>): Promise<void> {
    const res = await this.call(tokens.accessToken, `v3/users/${encodeURIComponent(tokens.externalUserId)}`, { method: 'DELETE' });
    if (res.ok || res.status === 401 || res.status === 403 || res.status === 404) {
      await res.body?.cancel();
      return;
    }
    return refuse(res);
  }

  async verifyNotification(n: InboundNotification): Promise<ProviderNotice[]> {
    let body: unknown;
    let readable = true;
    try {
      body = JSON.parse(n.rawBody);
    } catch {
      readable = false;
    }
    // The ping that creates (or moves) the webhook is signed with the key the creation answer will carry:
    // it cannot be checked yet, and it carries nothing.
    if (readable && PingPayload.safeParse(body).success) return [];
    const secret = this.cfg.webhookSecret;
    if (!secret || !(await verifyPolarSignature(secret, n.rawBody, n.headers.get('polar-webhook-signature'))))
      throw new ProviderNotificationRejected('bad or missing Polar-Webhook-Signature');
    // Signed by Polar, so from Polar: a body we cannot read is a bad request, not an unknown sender.
    if (!readable) throw new ProviderNotificationMalformed('not JSON');
    const exercise = ExercisePayload.safeParse(body);
    if (exercise.success) {
      const e = exercise.data;
      return [
        {
          kind: 'file',
          file: { externalUserId: String(e.user_id), activityId: e.entity_id, fileRef: e.entity_id, format: 'fit', startTime: null },
        },
      ];
    }
    // Other events carry no files; an EXERCISE event that does not parse is a malformed one, not another event.
    const other = OtherPayload.safeParse(body);
    if (other.success && other.data.event !== 'EXERCISE') return [];
    throw new ProviderNotificationMalformed('unknown payload');
  }

  async fetchFile(tokens: Pick<FileProviderTokens, 'accessToken' | 'externalUserId'>, ref: ProviderFileRef): Promise<Uint8Array> {
    // Only our own path: the ref names an exercise id, never a URL to follow.
    const id = ExerciseId.safeParse(ref.fileRef);
    if (!id.success) throw new ProviderHttpError(400);
    const res = await this.call(
      tokens.accessToken,
      `v3/exercises/${id.data}/${ref.format}`,
      { headers: { accept: ACCEPT[ref.format] } },
      this.cfg.timeoutMs ?? PROVIDER_FILE_TIMEOUT_MS,
    );
    if (!res.ok) return refuse(res);
    const bytes = await readCapped(res);
    return isGzip(bytes) ? gunzip(bytes) : bytes;
  }

  /**
   * The exercises AccessLink still lists: uploaded in the last 30 days, and only since the user registered
   * with our client — so right after connecting it is usually empty, and it serves to catch up on missed pings.
   */
  async backfill(tokens: Pick<FileProviderTokens, 'accessToken' | 'externalUserId'>, since: Date): Promise<ProviderFileRef[]> {
    const res = await this.call(tokens.accessToken, 'v3/exercises', { headers: { accept: 'application/json' } });
    if (!res.ok) return refuse(res);
    const list = ExerciseSummary.array().parse(await res.json());
    return list
      .map((e) => ({ e, start: startOf(e) }))
      .filter(({ start }) => start === null || start >= since)
      .map(({ e, start }) => ({
        externalUserId: tokens.externalUserId,
        activityId: e.id,
        fileRef: e.id,
        format: 'fit' as const,
        startTime: start,
        sportType: e.detailed_sport_info ?? e.sport ?? null,
      }));
  }

  /**
   * The nights Polar still lists (sleep and Nightly Recharge, the last 28 days), as wellness records. 204 or an
   * empty body means no nights; 403 (consents withdrawn, not registered) is the port's unauthorized error.
   */
  async wellness(tokens: Pick<FileProviderTokens, 'accessToken' | 'externalUserId'>): Promise<ProviderWellnessRecord[]> {
    const list = async <T>(path: string, schema: { parse(v: unknown): T }): Promise<T> => {
      const res = await this.call(tokens.accessToken, path, { headers: { accept: 'application/json' } });
      if (!res.ok) return refuse(res);
      const text = await res.text();
      return schema.parse(text.trim() ? JSON.parse(text) : {});
    };
    const sleep = await list('v3/users/sleep', SleepList);
    const recharge = await list('v3/users/nightly-recharge', RechargeList);
    return polarWellness(sleep.nights, recharge.recharges);
  }

  private call(accessToken: string, path: string, init: RequestInit = {}, timeoutMs = this.cfg.timeoutMs): Promise<Response> {
    return providerFetch(
      new URL(path, slash(this.cfg.apiUrl)),
      { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${accessToken}` } },
      timeoutMs,
    );
  }
}
