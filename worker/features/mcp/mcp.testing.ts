// The MCP endpoint as its clients reach it: both client generations over the app's own fetch (no network),
// signed in with the athlete's session cookie, and a world of activities around midnight in two zones.
import { exports } from 'cloudflare:workers';
import { Client as ModernClient, StreamableHTTPClientTransport as ModernTransport } from '@modelcontextprotocol/client';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as LegacyTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { buildActivity } from '../../testing/factories/activity';
import { ORIGIN, type Harness } from '../../testing/harness';
import { analyticsWorld } from '../../testing/analytics';

/** The worker's fetch as a client transport's `fetch`: the cookie and our Origin on every request. */
export const appFetch =
  (cookie: string | null, versions: string[] = [], key: string | null = null) =>
  async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const req = new Request(url, init);
    const headers = new Headers(req.headers);
    // The protocol revision each request speaks (the header every request after the handshake carries).
    const version = headers.get('mcp-protocol-version');
    if (version) versions.push(version);
    headers.set('origin', ORIGIN);
    if (cookie) headers.set('cookie', cookie);
    if (key) headers.set('authorization', `Bearer ${key}`);
    return exports.default.fetch(new Request(req, { headers }));
  };

export interface McpClient {
  listTools(): Promise<{
    tools: {
      name: string;
      outputSchema?: unknown;
      annotations?: { readOnlyHint?: boolean };
      description?: string;
      _meta?: Record<string, unknown>;
    }[];
  }>;
  callTool(req: { name: string; arguments?: Record<string, unknown> }): Promise<unknown>;
  close(): Promise<void>;
}

/** `key`: an API key's secret sent as its Bearer (with no cookie), as an assistant connects. */
export async function connect(
  generation: 'modern' | 'legacy',
  cookie: string | null,
  versions: string[] = [],
  key: string | null = null,
  path = '/mcp',
): Promise<McpClient> {
  const url = new URL(`${ORIGIN}${path}`);
  if (generation === 'modern') {
    // Pinned: the v2 client speaks 2025-era unless asked (an unpinned one would not test the modern leg).
    const client = new ModernClient({ name: 'cadence-test', version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    await client.connect(new ModernTransport(url, { fetch: appFetch(cookie, versions, key) }));
    return client as unknown as McpClient;
  }
  const client = new LegacyClient({ name: 'cadence-test-2025', version: '1.0.0' });
  await client.connect(new LegacyTransport(url, { fetch: appFetch(cookie, versions, key) }));
  return client as unknown as McpClient;
}

/** 23:30 on 20 Nov in Los Angeles (07:30 UTC the next day) and 00:30 on 22 Nov in Berlin (23:30 UTC the day before). */
export const LA = { date: '2026-11-20', startUtc: '2026-11-21T07:30:00.000Z', zone: 'America/Los_Angeles' };
export const BERLIN = { date: '2026-11-22', startUtc: '2026-11-21T23:30:00.000Z', zone: 'Europe/Berlin' };

/** An athlete's activities: a run in each zone from their own files, a swim, a ride, and one Strava API copy. */
export async function seedAthlete(h: Harness, userId: string) {
  const w = analyticsWorld(h.db);
  const add = async (a: Parameters<typeof buildActivity>[0]) => (await w.activities.ingest(userId, buildActivity(a))).id;
  const la = await add({
    source: 'fit_upload',
    startTime: new Date(LA.startUtc),
    localStartDate: LA.date,
    timezone: LA.zone,
    distanceM: 10_000,
    movingTimeS: 3000,
    name: 'LA late run',
  });
  const berlin = await add({
    source: 'gpx_upload',
    startTime: new Date(BERLIN.startUtc),
    localStartDate: BERLIN.date,
    timezone: BERLIN.zone,
    distanceM: 5000,
    movingTimeS: 1500,
    name: 'Berlin midnight run',
  });
  const swim = await add({
    source: 'fit_upload',
    sport: 'swim',
    sportOriginal: 'Swim',
    startTime: new Date('2026-11-18T07:00:00Z'),
    localStartDate: '2026-11-18',
    timezone: 'UTC',
    distanceM: 2000,
    movingTimeS: 2400,
    name: 'Pool swim',
    avgHr: null,
    maxHr: null,
  });
  const ride = await add({
    source: 'fit_upload',
    sport: 'ride',
    sportOriginal: 'Ride',
    startTime: new Date('2026-11-17T07:00:00Z'),
    localStartDate: '2026-11-17',
    timezone: 'UTC',
    distanceM: 40_000,
    movingTimeS: 4800,
    avgPower: 210,
    name: 'Long ride',
  });
  const strava = await add({
    source: 'strava',
    startTime: new Date('2026-11-23T08:00:00Z'),
    localStartDate: '2026-11-23',
    timezone: 'Europe/London',
    distanceM: 21_100,
    movingTimeS: 6000,
    avgHr: 160,
    avgPower: 250,
    name: 'Strava half',
  });
  return { la, berlin, swim, ride, strava };
}
