import { z } from 'zod';
import {
  StravaAthleteLimitError,
  StravaHttpError,
  StravaNotFoundError,
  StravaRateLimitedError,
  StravaUnauthorizedError,
  type RateLimitInfo,
  type StravaClient,
  type StravaJson,
  type StravaResult,
  type StravaTokens,
} from './strava';
import { providerFetch } from '../provider-fetch';

const TokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_at: z.number().int(),
  expires_in: z.number().int().optional(),
  athlete: z.object({ id: z.number().int(), firstname: z.string().nullish(), lastname: z.string().nullish() }).optional(),
});

const pair = (v: string | null): [number, number] | null => {
  const m = v ? /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(v) : null;
  return m ? [Number(m[1]), Number(m[2])] : null;
};

export function readRateLimit(headers: Headers): RateLimitInfo {
  return {
    limit: pair(headers.get('x-ratelimit-limit')),
    usage: pair(headers.get('x-ratelimit-usage')),
    readLimit: pair(headers.get('x-readratelimit-limit')),
    readUsage: pair(headers.get('x-readratelimit-usage')),
  };
}

const slash = (u: string) => (u.endsWith('/') ? u : `${u}/`);

/** Strava over fetch. Base URLs are config: production, or the local sandbox in dev and tests. */
export class HttpStravaClient implements StravaClient {
  private readonly revokeUrl: URL;

  /**
   * `revokeUrl`: where a revocation goes, `<oauthUrl>deauthorize` unless set. Strava has announced `oauth/revoke`
   * on a new host as its successor, so the switch is this one setting (STRAVA_REVOKE_URL).
   */
  constructor(
    private readonly cfg: {
      apiUrl: string;
      oauthUrl: string;
      clientId: string;
      clientSecret: string;
      revokeUrl?: string;
      /** Each call's deadline (PROVIDER_TIMEOUT_MS unless set; tests shorten it). */
      timeoutMs?: number;
    },
  ) {
    this.revokeUrl = new URL(cfg.revokeUrl ?? new URL('deauthorize', slash(cfg.oauthUrl)).toString());
  }

  authorizeUrl(p: { redirectUri: string; state: string; scope: string }): string {
    const url = new URL('authorize', slash(this.cfg.oauthUrl));
    url.search = new URLSearchParams({
      client_id: this.cfg.clientId,
      redirect_uri: p.redirectUri,
      response_type: 'code',
      approval_prompt: 'auto',
      scope: p.scope,
      state: p.state,
    }).toString();
    return url.toString();
  }

  exchangeCode(code: string): Promise<StravaTokens> {
    return this.token({ grant_type: 'authorization_code', code });
  }

  refresh(refreshToken: string): Promise<StravaTokens> {
    return this.token({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  async deauthorize(accessToken: string): Promise<void> {
    const res = await providerFetch(
      this.revokeUrl,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ access_token: accessToken }),
      },
      this.cfg.timeoutMs,
    );
    await res.body?.cancel();
    if (res.status === 401) throw new StravaUnauthorizedError('Strava refused the token');
    if (!res.ok) throw new StravaHttpError(res.status);
  }

  listActivities(accessToken: string, q: { before?: number; page: number; perPage: number }): Promise<StravaResult<StravaJson[]>> {
    const params = new URLSearchParams({ page: String(q.page), per_page: String(q.perPage) });
    if (q.before) params.set('before', String(q.before));
    return this.get(accessToken, `athlete/activities?${params}`, z.array(z.record(z.string(), z.unknown())));
  }

  getActivity(accessToken: string, id: string): Promise<StravaResult<StravaJson>> {
    return this.get(accessToken, `activities/${encodeURIComponent(id)}?include_all_efforts=true`, z.record(z.string(), z.unknown()));
  }

  getStreams(accessToken: string, id: string, keys: string[]): Promise<StravaResult<StravaJson>> {
    const params = new URLSearchParams({ keys: keys.join(','), key_by_type: 'true' });
    return this.get(accessToken, `activities/${encodeURIComponent(id)}/streams?${params}`, z.record(z.string(), z.unknown()));
  }

  private async token(grant: Record<string, string>): Promise<StravaTokens> {
    const sent = Date.now();
    const res = await providerFetch(
      new URL('token', slash(this.cfg.oauthUrl)),
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: this.cfg.clientId, client_secret: this.cfg.clientSecret, ...grant }),
      },
      this.cfg.timeoutMs,
    );
    if (res.status === 400 || res.status === 401) {
      await res.body?.cancel();
      throw new StravaUnauthorizedError('Strava refused the grant');
    }
    if (!res.ok) {
      // A full app refuses new athletes with "Limit of connected athletes exceeded"; any other 403 (an app Strava
      // switched off) is a plain failure.
      const text = await res.text().catch(() => '');
      if (res.status === 403 && /connected athletes/i.test(text)) throw new StravaAthleteLimitError();
      throw new StravaHttpError(res.status);
    }
    const t = TokenResponse.parse(await res.json());
    // The sooner of Strava's two statements: `expires_in` (counted from when we asked) holds even if our clock and Strava's disagree.
    const expiresAt = Math.min(t.expires_at * 1000, t.expires_in === undefined ? Number.POSITIVE_INFINITY : sent + t.expires_in * 1000);
    return {
      accessToken: t.access_token,
      refreshToken: t.refresh_token,
      expiresAt: new Date(expiresAt),
      lifetimeS: Math.max(0, Math.round((expiresAt - sent) / 1000)),
      athlete: t.athlete
        ? { id: t.athlete.id, firstname: t.athlete.firstname ?? undefined, lastname: t.athlete.lastname ?? undefined }
        : undefined,
    };
  }

  private async get<T>(accessToken: string, path: string, schema: z.ZodType<T>): Promise<StravaResult<T>> {
    const res = await providerFetch(
      new URL(path, slash(this.cfg.apiUrl)),
      { headers: { authorization: `Bearer ${accessToken}` } },
      this.cfg.timeoutMs,
    );
    const rateLimit = readRateLimit(res.headers);
    if (!res.ok) {
      await res.body?.cancel();
      if (res.status === 429) throw new StravaRateLimitedError(rateLimit);
      if (res.status === 401) throw new StravaUnauthorizedError('Strava refused the token');
      if (res.status === 404) throw new StravaNotFoundError('not found');
      throw new StravaHttpError(res.status);
    }
    return { data: schema.parse(await res.json()), rateLimit };
  }
}
