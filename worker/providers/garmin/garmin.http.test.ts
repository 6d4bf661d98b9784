// The Garmin adapter's wire format against the sandbox (node lane): OAuth 2.0 with PKCE, pings and their
// verification, one download per callback URL, backfill, deregistration, permissions, rate limits and errors.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../../scripts/sandbox/server.ts';
import {
  type FileProviderTokens,
  ProviderFileGoneError,
  ProviderHttpError,
  type ProviderNotice,
  ProviderNotificationRejected,
  ProviderRateLimitedError,
  ProviderUnauthorizedError,
} from '../file-provider/file-provider';
import { HttpGarminClient, retryAfterSeconds } from './garmin.http';
import { backfillWindows } from './garmin.wire';

let sandbox: RunningSandbox;
let client: HttpGarminClient;
const CLIENT_ID = 'garmin-sandbox-client';
const REDIRECT = 'http://cadence.test/api/v1/connections/garmin/callback';

const control = async (path: string, body?: unknown) => {
  const res = await fetch(`${sandbox.url}/garmin/_control/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
};

type Outboxed = { body: string; headers: Record<string, string> };
const outbox = async (userId: string) => (await control('outbox', { userId })).notifications as Outboxed[];

/** Waits for the pings a backfill sends after its 202 (never a fixed sleep: polls the outbox). */
async function pingsFor(userId: string, atLeast = 1): Promise<Outboxed[]> {
  const got: Outboxed[] = [];
  for (let i = 0; i < 200 && got.length < atLeast; i++) {
    got.push(...(await outbox(userId)));
    if (got.length < atLeast) await new Promise((r) => setTimeout(r, 25));
  }
  return got;
}

const notices = (o: Outboxed) => client.verifyNotification({ rawBody: o.body, headers: new Headers(o.headers) });

/** Consent (the sandbox's test shortcut) and the code exchange, PKCE included. */
async function connect(user: number, permissions?: string): Promise<FileProviderTokens> {
  const verifier = randomBytes(32).toString('base64url');
  const consent = new URL(
    client.authorizeUrl({ redirectUri: REDIRECT, state: 's1', codeChallenge: createHash('sha256').update(verifier).digest('base64url') }),
  );
  consent.searchParams.set('auto', 'approve');
  consent.searchParams.set('user', String(user));
  if (permissions) consent.searchParams.set('permissions', permissions);
  const back = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location') ?? '');
  expect(back.searchParams.get('state')).toBe('s1');
  return client.exchangeCode({ code: back.searchParams.get('code') ?? '', redirectUri: REDIRECT, codeVerifier: verifier });
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  sandbox.garmin.configure({ activitiesPerUser: 40 });
  client = new HttpGarminClient({
    authorizeUrl: `${sandbox.url}/garmin/oauth2Confirm`,
    tokenUrl: `${sandbox.url}/garmin/di-oauth2-service/oauth/token`,
    apiUrl: `${sandbox.url}/garmin/`,
    clientId: CLIENT_ID,
    clientSecret: 'garmin-sandbox-secret',
  });
});
afterAll(() => sandbox.stop());

describe('Garmin OAuth 2.0 with PKCE', () => {
  it('sends the S256 challenge, and the code exchange names the user and what they share', async () => {
    const url = new URL(client.authorizeUrl({ redirectUri: REDIRECT, state: 'x', codeChallenge: 'c'.repeat(43) }));
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      code_challenge_method: 'S256',
    });
    const t = await connect(501);
    expect(t.externalUserId).toMatch(/^[0-9a-f]{32}$/);
    expect(t.scopes.split(' ')).toContain('ACTIVITY_EXPORT');
    expect(t.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    expect(t.refreshToken).toBeTruthy();
  });

  it('refuses a code exchanged with the wrong verifier, and a refresh token used twice', async () => {
    const consent = new URL(client.authorizeUrl({ redirectUri: REDIRECT, state: 's', codeChallenge: 'a'.repeat(43) }));
    consent.searchParams.set('auto', 'approve');
    const code = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location') ?? '').searchParams.get('code') ?? '';
    await expect(client.exchangeCode({ code, redirectUri: REDIRECT, codeVerifier: 'b'.repeat(43) })).rejects.toBeInstanceOf(
      ProviderUnauthorizedError,
    );
    const t = await connect(502);
    const fresh = await client.refresh(t.refreshToken ?? '');
    expect(fresh.accessToken).not.toBe(t.accessToken);
    await expect(client.refresh(t.refreshToken ?? '')).rejects.toBeInstanceOf(ProviderUnauthorizedError);
  });
});

describe('Garmin pings', () => {
  it('backfill is answered by activityFiles pings whose callback URL serves the FIT file once', async () => {
    const t = await connect(503);
    expect(await client.backfill(t, new Date(Date.now() - 30 * 86_400_000))).toBe('notifications');
    const [ping] = await pingsFor(t.externalUserId);
    const files = (await notices(ping!)).filter((n): n is Extract<ProviderNotice, { kind: 'file' }> => n.kind === 'file');
    const truth = (await control('users/503')).activities as { activityId: number; startTimeInSeconds: number }[];
    const inWindow = truth.filter((a) => a.startTimeInSeconds * 1000 >= Date.now() - 30 * 86_400_000);
    expect(files.map((f) => f.file.activityId).sort()).toEqual(inWindow.map((a) => String(a.activityId)).sort());
    const first = files[0]!.file;
    expect(first).toMatchObject({ externalUserId: t.externalUserId, format: 'fit' });
    expect(first.startTime).toBeInstanceOf(Date);
    const bytes = await client.fetchFile(t, first);
    expect(new TextDecoder().decode(bytes.slice(8, 12))).toBe('.FIT');
    await expect(client.fetchFile(t, first)).rejects.toBeInstanceOf(ProviderFileGoneError);
    // Asking for the same window again is answered 409 by Garmin: not an error for us.
    await expect(client.backfill(t, new Date(Date.now() - 30 * 86_400_000))).resolves.toBe('notifications');
  });

  it('a session recorded now is announced with its name and type', async () => {
    const t = await connect(504);
    await control('users/504/activities', { sport: 'Ride', name: 'Lunch ride', distance: 25_000 });
    const [ping] = await pingsFor(t.externalUserId);
    const [n] = await notices(ping!);
    expect(n).toMatchObject({
      kind: 'file',
      file: { name: 'Lunch ride', sportType: 'ROAD_BIKING', format: 'fit', deviceName: 'Garmin Edge 840' },
    });
  });

  it('refuses what Garmin did not send: no or another client id, not JSON, a file off Garmin’s host, a wrong shape', async () => {
    const ok = { 'garmin-client-id': CLIENT_ID };
    const body = (url: string) =>
      JSON.stringify({
        activityFiles: [{ userId: 'a'.repeat(32), summaryId: '1-file', fileType: 'FIT', callbackURL: url, activityId: 1 }],
      });
    const own = `${sandbox.url}/garmin/wellness-api/rest/activityFile?id=1&token=t`;
    const verify = (rawBody: string, headers: Record<string, string>) =>
      client.verifyNotification({ rawBody, headers: new Headers(headers) });
    await expect(verify(body(own), ok)).resolves.toHaveLength(1);
    for (const [raw, headers] of [
      [body(own), {}],
      [body(own), { 'garmin-client-id': 'someone-else' }],
      ['not json', ok],
      ['[]', ok],
      [body('https://evil.example/wellness-api/rest/activityFile?id=1'), ok],
      [body(`${sandbox.url}/garmin/wellness-api/rest/user/id`), ok],
      [JSON.stringify({ activityFiles: [{ userId: 'x' }] }), ok],
      [JSON.stringify({ deregistrations: [{ userId: 'bad id!' }] }), ok],
    ] as const)
      await expect(verify(raw, headers)).rejects.toBeInstanceOf(ProviderNotificationRejected);
    // Garmin's empty health-check ping announces nothing.
    await expect(verify('{}', ok)).resolves.toEqual([]);
    // Summary types we do not read are counted and left; a Health summary we read must be whole (ADR 071).
    await expect(verify(JSON.stringify({ epochs: [{ userId: 'a' }] }), ok)).resolves.toEqual([
      { kind: 'ignored', summaryType: 'epochs', entries: 1 },
    ]);
    await expect(verify(JSON.stringify({ dailies: [{ userId: 'a' }] }), ok)).rejects.toBeInstanceOf(ProviderNotificationRejected);
  });

  it('deregistration ends the tokens and is followed by Garmin’s deregistration ping', async () => {
    const t = await connect(505);
    await client.deregister(t);
    await expect(client.backfill(t, new Date(Date.now() - 86_400_000))).rejects.toBeInstanceOf(ProviderUnauthorizedError);
    const [ping] = await pingsFor(t.externalUserId);
    expect(await notices(ping!)).toEqual([{ kind: 'deregistered', externalUserId: t.externalUserId }]);
    // Ending it twice is not an error: the token is already refused.
    await expect(client.deregister(t)).resolves.toBeUndefined();
    const state = await control('state');
    expect(state.deregistrations).toContainEqual(expect.objectContaining({ userId: t.externalUserId, by: 'partner' }));
  });

  it('a permissions change is only a cue: the permissions are read back from Garmin, never taken from the ping', async () => {
    const t = await connect(506);
    await control('users/506/permissions', { permissions: ['HEALTH_EXPORT'] });
    const [ping] = await pingsFor(t.externalUserId);
    expect(await notices(ping!)).toEqual([{ kind: 'permissions', externalUserId: t.externalUserId }]);
    await expect(client.permissions(t)).resolves.toEqual(['HEALTH_EXPORT']);
  });

  it('a health ping names a callback URL whose summaries are pulled with the athlete’s token; a push body is refused (ADR 095)', async () => {
    const t = await connect(508);
    await outbox(t.externalUserId);
    const sent = (
      await control('users/508/health/push', { type: 'dailies', day: '2026-11-05', summary: { restingHeartRateInBeatsPerMinute: 46 } })
    ).summary as Record<string, unknown>;
    const [ping] = await pingsFor(t.externalUserId);
    const [notice] = await notices(ping!);
    expect(notice).toEqual({ kind: 'health', externalUserId: t.externalUserId, summaryType: 'dailies', callbackURL: expect.any(String) });
    const url = (notice as { callbackURL: string }).callbackURL;
    const pulled = await client.fetchHealth(t, 'dailies', url);
    expect(pulled).toEqual([expect.objectContaining({ summaryId: sent.summaryId, restingHeartRateInBeatsPerMinute: 46 })]);
    // The pull token is time-bound, not single use: a retried delivery pulls the same again.
    await expect(client.fetchHealth(t, 'dailies', url)).resolves.toHaveLength(1);
    // A token Garmin did not issue, another type's path, another host: nothing is served.
    const forged = new URL(url);
    forged.searchParams.set('token', 'forged');
    await expect(client.fetchHealth(t, 'dailies', forged.toString())).rejects.toBeInstanceOf(ProviderFileGoneError);
    await expect(client.fetchHealth(t, 'sleeps', url)).rejects.toBeInstanceOf(ProviderFileGoneError);
    await expect(client.fetchHealth(t, 'dailies', url.replace(sandbox.url, 'https://evil.example'))).rejects.toBeInstanceOf(
      ProviderFileGoneError,
    );

    const ok = { 'garmin-client-id': CLIENT_ID };
    const verify = (body: unknown) => client.verifyNotification({ rawBody: JSON.stringify(body), headers: new Headers(ok) });
    // Push mode carries the values themselves, unsigned: refused, whatever else it carries.
    await expect(verify({ dailies: [sent] })).rejects.toBeInstanceOf(ProviderNotificationRejected);
    await expect(
      verify({ dailies: [{ userId: t.externalUserId, callbackURL: 'https://evil.example/wellness-api/rest/dailies' }] }),
    ).rejects.toBeInstanceOf(ProviderNotificationRejected);
    await expect(verify({ sleeps: [{ userId: t.externalUserId, callbackURL: url }] })).rejects.toBeInstanceOf(ProviderNotificationRejected);
  });
});

describe('Garmin errors', () => {
  it('maps 429 with Retry-After, 401 and 5xx to the port’s errors', async () => {
    const t = await connect(507);
    await control('fail', { endpoint: 'backfill', status: 429, retryAfter: 7 });
    const limited = await client.backfill(t, new Date(Date.now() - 86_400_000)).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(ProviderRateLimitedError);
    expect((limited as ProviderRateLimitedError).retryAfterS).toBe(7);
    await control('fail', { endpoint: 'backfill', status: 503 });
    const down = await client.backfill(t, new Date(Date.now() - 2 * 86_400_000)).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(ProviderHttpError);
    expect((down as ProviderHttpError).status).toBe(503);
    await control('users/507/expire-tokens', {});
    await expect(client.deregister({ ...t, accessToken: 'nonsense' })).resolves.toBeUndefined();
    await expect(client.backfill(t, new Date(Date.now() - 3 * 86_400_000))).rejects.toBeInstanceOf(ProviderUnauthorizedError);
  });

  it('the key’s rate limit answers 429 until the next minute', async () => {
    const t = await connect(508);
    sandbox.garmin.configure({ rateLimitPerMinute: 0 });
    try {
      const e = await client.backfill(t, new Date(Date.now() - 86_400_000)).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ProviderRateLimitedError);
      expect((e as ProviderRateLimitedError).retryAfterS).toBeGreaterThan(0);
    } finally {
      sandbox.garmin.configure({ rateLimitPerMinute: null });
    }
  });
});

describe('pure helpers', () => {
  it('cuts a backfill into windows of at most 30 days', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const w = backfillWindows(from, new Date('2026-03-15T00:00:00Z'));
    expect(w).toHaveLength(3);
    expect(w[0]!.end - w[0]!.start).toBe(30 * 86_400);
    expect(w.at(-1)!.end).toBe(Date.parse('2026-03-15T00:00:00Z') / 1000);
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterSeconds('12')).toBe(12);
    expect(retryAfterSeconds(new Date(Date.now() + 30_000).toUTCString())).toBeGreaterThanOrEqual(29);
    expect(retryAfterSeconds(null)).toBeNull();
    expect(retryAfterSeconds('soon')).toBeNull();
  });
});
