// The Polar adapter against the Polar sandbox, both in this process (plain Node): the sandbox on a free
// port, a small HTTP server standing in for our webhook route (it records what Polar POSTs, raw), and the
// real HttpPolarClient in between. The files' import through parseUpload needs workerd (DigestStream):
// polar.files.test.ts.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { Decoder, Stream } from '@garmin/fitsdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../../scripts/sandbox/server.ts';
import {
  type FileProviderTokens,
  ProviderHttpError,
  type ProviderFileRef,
  ProviderNotificationRejected,
  ProviderRateLimitedError,
  ProviderUnauthorizedError,
} from '../file-provider/file-provider';
import { PolarWebhookAdmin } from './polar-webhooks.http';
import { readRateLimit } from './polar-wire';
import { HttpPolarClient, POLAR_SCOPE } from './polar.http';

const CLIENT_ID = '7e5a1c2d-90b4-4f7e-a1d3-5c0ffee0a11c';
const CLIENT_SECRET = 'polar-sandbox-secret-dev-only';
const SIGNING_KEY = 'polar-sandbox-webhook-secret-dev-only';
const REDIRECT = 'http://127.0.0.1:9/settings/data-sources/polar/callback';

type Received = { rawBody: string; headers: Headers };

let sandbox: RunningSandbox;
let receiver: Server;
let hookUrl: string;
const received: Received[] = [];

function polar({ webhookSecret = SIGNING_KEY as string | null, clientSecret = CLIENT_SECRET } = {}): HttpPolarClient {
  return new HttpPolarClient({
    apiUrl: `${sandbox.url}/polar/accesslink/`,
    authUrl: `${sandbox.url}/polar/flow/oauth2/authorization`,
    tokenUrl: `${sandbox.url}/polar/remote/v2/oauth2/token`,
    clientId: CLIENT_ID,
    clientSecret,
    ...(webhookSecret === null ? {} : { webhookSecret }),
  });
}

async function control<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sandbox.url}/polar/_control/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status, path).toBeLessThan(300);
  return (await res.json()) as T;
}

/** Consent through the sandbox's test shortcut; answers the redirect back to us. */
async function consent(c: HttpPolarClient, userId: number, decision: 'approve' | 'deny' = 'approve'): Promise<URL> {
  const url = new URL(c.authorizeUrl({ redirectUri: REDIRECT, state: `state-${userId}` }));
  url.searchParams.set('user_id', String(userId));
  url.searchParams.set('auto', decision);
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') ?? '');
}

async function connect(userId: number): Promise<FileProviderTokens> {
  const back = await consent(polar(), userId);
  const tokens = await polar().exchangeCode({ code: back.searchParams.get('code') ?? '', redirectUri: REDIRECT });
  await polar().register?.(tokens);
  return tokens;
}

type Recorded = { exercise: { id: string; distance: number }; delivery: { status: number; signed: boolean } | null };
const record = (userId: number, body: Record<string, unknown> = {}) =>
  control<Recorded>(`users/${userId}/exercises`, { sport: 'Run', distance: 10_000, moving_time: 3000, ...body });

/** Whatever the receiver got since `from`: the raw body and headers, as our route would hand them on. */
const since = (from: number) => received.slice(from);

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  receiver = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      received.push({ rawBody: Buffer.concat(chunks).toString('utf8'), headers });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/polar`;
  const hook = await new PolarWebhookAdmin({
    apiUrl: `${sandbox.url}/polar/accesslink/`,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
  }).create(hookUrl);
  expect(hook).toMatchObject({ url: hookUrl, events: ['EXERCISE'], signatureSecretKey: SIGNING_KEY });
});

afterAll(async () => {
  await sandbox?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('Polar AccessLink adapter against the sandbox', () => {
  it('runs the OAuth round trip: consent, then a long-lived token without refresh that names the Polar user', async () => {
    const url = new URL(polar().authorizeUrl({ redirectUri: REDIRECT, state: 'abc', codeChallenge: 'ignored' }));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT,
      scope: POLAR_SCOPE,
      state: 'abc',
    });
    const back = await consent(polar(), 5001);
    expect(back.searchParams.get('state')).toBe('state-5001');
    const code = back.searchParams.get('code') ?? '';
    const tokens = await polar().exchangeCode({ code, redirectUri: REDIRECT });
    expect(tokens).toMatchObject({ externalUserId: '5001', refreshToken: null, scopes: POLAR_SCOPE });
    expect(tokens.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 300 * 86_400_000);
    // A code works once; a wrong client secret is refused; a denial comes back as access_denied.
    await expect(polar().exchangeCode({ code, redirectUri: REDIRECT })).rejects.toBeInstanceOf(ProviderUnauthorizedError);
    const again = (await consent(polar(), 5001)).searchParams.get('code') ?? '';
    await expect(polar({ clientSecret: 'wrong' }).exchangeCode({ code: again, redirectUri: REDIRECT })).rejects.toBeInstanceOf(
      ProviderUnauthorizedError,
    );
    const denied = await consent(polar(), 5001, 'deny');
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('code')).toBeNull();
  });

  it('registers the user after consent; registering again (409 at Polar) counts as done', async () => {
    const tokens = await connect(5002);
    expect(await control<{ registered: boolean }>('users/5002')).toMatchObject({ registered: true });
    const raw = await fetch(`${sandbox.url}/polar/accesslink/v3/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ 'member-id': 'another' }),
    });
    expect(raw.status).toBe(409);
    await expect(polar().register?.(tokens)).resolves.toBeUndefined();
  });

  it('verifies a signed EXERCISE delivery and refuses tampered, unsigned and wrongly keyed ones', async () => {
    await connect(5003);
    const from = received.length;
    const { exercise, delivery } = await record(5003);
    expect(delivery).toMatchObject({ status: 200, signed: true });
    const [got] = since(from);
    expect(got!.headers.get('polar-webhook-event')).toBe('EXERCISE');
    const refs = await polar().verifyNotification(got!);
    expect(refs).toEqual<ProviderFileRef[]>([
      { externalUserId: '5003', activityId: exercise.id, fileRef: exercise.id, format: 'fit', startTime: null },
    ]);

    const tampered = { rawBody: got!.rawBody.replace(exercise.id, 'XXXXXXX'), headers: got!.headers };
    await expect(polar().verifyNotification(tampered)).rejects.toBeInstanceOf(ProviderNotificationRejected);
    const unsigned = new Headers(got!.headers);
    unsigned.delete('polar-webhook-signature');
    await expect(polar().verifyNotification({ rawBody: got!.rawBody, headers: unsigned })).rejects.toBeInstanceOf(
      ProviderNotificationRejected,
    );
    await expect(polar({ webhookSecret: 'another-key-entirely' }).verifyNotification(got!)).rejects.toBeInstanceOf(
      ProviderNotificationRejected,
    );
    // Not configured yet (before the webhook exists): nothing signed is accepted.
    await expect(polar({ webhookSecret: null }).verifyNotification(got!)).rejects.toBeInstanceOf(ProviderNotificationRejected);

    // The webhook-creation PING carries nothing and is answered even unsigned; other events carry no files.
    const ping = await control<{ request: { body: string } }>('webhooks/push', { event: 'PING', unsigned: true, deliver: false });
    expect(await polar().verifyNotification({ rawBody: ping.request.body, headers: new Headers() })).toEqual([]);
    const sleep = await control<{ request: { body: string; headers: Record<string, string> } }>('webhooks/push', {
      event: 'SLEEP',
      userId: 5003,
      deliver: false,
    });
    expect(await polar().verifyNotification({ rawBody: sleep.request.body, headers: new Headers(sleep.request.headers) })).toEqual([]);
  });

  it('lists recent exercises and downloads their FIT, TCX (un-gzipped) and GPX files', async () => {
    const tokens = await connect(5004);
    const { exercise } = await record(5004, { distance: 10_000, moving_time: 3000, notify: false });
    const refs = await polar().backfill(tokens, new Date(Date.now() - 86_400_000));
    expect(refs).toHaveLength(1);
    const ref = refs[0]!;
    expect(ref).toMatchObject({
      externalUserId: '5004',
      activityId: exercise.id,
      fileRef: exercise.id,
      format: 'fit',
      sportType: 'RUNNING',
    });
    // start_time is local wall time plus an offset in minutes: the session ended 2 minutes before its upload.
    expect(Math.abs(ref.startTime!.getTime() - (Date.now() - 3120_000))).toBeLessThan(60_000);
    expect(await polar().backfill(tokens, new Date(Date.now() + 3_600_000))).toEqual([]);

    const fit = new Decoder(Stream.fromByteArray(await polar().fetchFile(tokens, ref))).read();
    expect(fit.errors).toEqual([]);
    expect(fit.messages.fileIdMesgs?.[0]?.manufacturer).toBe('polarElectro');
    expect(fit.messages.sessionMesgs?.[0]).toMatchObject({ sport: 'running', totalDistance: 10_000, totalMovingTime: 3000 });
    // Polar serves TCX gzipped; the port hands on the document. GPX comes as it is.
    const tcxOnTheWire = await fetch(`${sandbox.url}/polar/accesslink/v3/exercises/${exercise.id}/tcx`, {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    const tcx = new TextDecoder().decode(await polar().fetchFile(tokens, { ...ref, format: 'tcx' }));
    expect(gunzipSync(new Uint8Array(await tcxOnTheWire.arrayBuffer())).toString('utf8')).toBe(tcx);
    expect(tcx).toMatch(/^<\?xml[\s\S]*<Activity Sport="Running">/);
    expect(new TextDecoder().decode(await polar().fetchFile(tokens, { ...ref, format: 'gpx' }))).toMatch(/<gpx [\s\S]*<trkpt lat=/);
    await expect(polar().fetchFile(tokens, { ...ref, fileRef: '../users/5004' })).rejects.toBeInstanceOf(ProviderHttpError);
  });

  it('lists only what was uploaded after registration, as Polar does', async () => {
    const back = await consent(polar(), 5005);
    const tokens = await polar().exchangeCode({ code: back.searchParams.get('code') ?? '', redirectUri: REDIRECT });
    const from = received.length;
    const early = await record(5005, {
      start_time: new Date(Date.now() - 7_200_000).toISOString(),
      uploaded_at: new Date(Date.now() - 3_600_000).toISOString(),
    });
    expect(early.delivery).toBeNull(); // not registered yet: nothing is sent
    await polar().register?.(tokens);
    const later = await record(5005, { notify: false });
    expect((await polar().backfill(tokens, new Date(0))).map((r) => r.activityId)).toEqual([later.exercise.id]);
    expect(since(from)).toEqual([]);
  });

  it('deregistration ends deliveries and the token', async () => {
    const tokens = await connect(5006);
    await polar().deregister(tokens);
    await polar().deregister(tokens); // already gone: still fine
    const from = received.length;
    expect((await record(5006)).delivery).toBeNull();
    expect(since(from)).toEqual([]);
    await expect(polar().backfill(tokens, new Date(0))).rejects.toBeInstanceOf(ProviderUnauthorizedError);
  });

  it('maps 429 (with the reset to wait for), 403, 401 and 5xx onto the port’s errors', async () => {
    const tokens = await connect(5007);
    const res = await fetch(`${sandbox.url}/polar/accesslink/v3/exercises`, { headers: { authorization: `Bearer ${tokens.accessToken}` } });
    const rate = readRateLimit(res.headers);
    await res.body?.cancel();
    expect(rate.limit![0]).toBeGreaterThanOrEqual(500);
    expect(rate.usage![0]).toBeGreaterThan(0);

    // The 15-minute window spent: the error says when it resets.
    await control('config', { limits: { shortBase: rate.usage![0], shortPerUser: 0 } });
    const limited = await polar()
      .backfill(tokens, new Date(0))
      .catch((e: unknown) => e);
    await control('config', { limits: { shortBase: 500, shortPerUser: 20 } });
    expect(limited).toBeInstanceOf(ProviderRateLimitedError);
    expect((limited as ProviderRateLimitedError).retryAfterS).toBeGreaterThan(0);
    expect((limited as ProviderRateLimitedError).retryAfterS).toBeLessThanOrEqual(900);

    await control('fail-next', { status: 429, retryAfter: 7, path: '/exercises' });
    await expect(polar().backfill(tokens, new Date(0))).rejects.toMatchObject({ name: 'ProviderRateLimitedError', retryAfterS: 7 });
    await control('fail-next', { status: 503 });
    await expect(
      polar().fetchFile(tokens, { externalUserId: '5007', activityId: 'x', fileRef: 'abc', format: 'fit', startTime: null }),
    ).rejects.toMatchObject({ name: 'ProviderHttpError', status: 503 });
    await control('users/5007/consents', { accepted: false });
    await expect(polar().backfill(tokens, new Date(0))).rejects.toBeInstanceOf(ProviderUnauthorizedError);
    await expect(polar().backfill({ ...tokens, accessToken: 'not-a-token' }, new Date(0))).rejects.toBeInstanceOf(
      ProviderUnauthorizedError,
    );
  });
});
