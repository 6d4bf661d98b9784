// Steps for the social browser specs (issue 42): a run of today as a GPX file with a real route, the social API as
// a signed-in page calls it, the cron the e2e stack does not tick, and an operator who holds one permission.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { APP_URL, createInvite, setRole, signUp, uniqueEmail, withDatabase } from './fixtures.ts';
import { upload } from './ride-steps.ts';

const DAY = 86_400_000;
export type LatLon = { lat: number; lon: number };

/**
 * A 30-minute run of today, one point a second, along a gentle curve away from its start (so start and end are
 * kilometres apart) at a pace that wanders like a person's, with heart rate. Answers the file and its two ends.
 */
export function gpxRunToday(name: string): { file: { name: string; mimeType: string; buffer: Buffer }; start: LatLon; end: LatLon } {
  const seconds = 1800;
  const midnight = Math.floor(Date.now() / DAY) * DAY;
  // Finished a few minutes ago, or (just after midnight) started a minute into the day: this week either way.
  const startMs = Math.max(midnight + 60_000, Date.now() - (seconds + 300) * 1000);
  const home = { lat: 52.37, lon: 4.89 };
  const mPerLat = 111_320;
  const mPerLon = 111_320 * Math.cos((home.lat * Math.PI) / 180);
  let x = 0;
  let y = 0;
  const points: string[] = [];
  const at: LatLon[] = [];
  for (let s = 0; s < seconds; s++) {
    const speed = 3 + 0.3 * Math.sin(s / 97) + 0.15 * Math.sin(s / 13.7);
    const heading = 0.3 + s / 2400;
    x += speed * Math.cos(heading);
    y += speed * Math.sin(heading);
    const p = { lat: home.lat + y / mPerLat, lon: home.lon + x / mPerLon };
    at.push(p);
    const time = new Date(startMs + s * 1000).toISOString();
    const hr = Math.round(140 + (s / seconds) * 20);
    points.push(
      `<trkpt lat="${p.lat.toFixed(7)}" lon="${p.lon.toFixed(7)}"><ele>5</ele><time>${time}</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>${hr}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>`,
    );
  }
  const gpx = `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="e2e" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
<trk><name>${name}</name><type>running</type><trkseg>${points.join('\n')}</trkseg></trk></gpx>`;
  const file = { name: `${name.toLowerCase().replace(/\W+/g, '-')}.gpx`, mimeType: 'application/gpx+xml', buffer: Buffer.from(gpx) };
  return { file, start: at[0]!, end: at[at.length - 1]! };
}

/** Metres between two nearby points (flat projection: exact enough within a few kilometres). */
export function metres(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dx = (b.lon - a.lon) * rad * 6_371_008.8 * Math.cos(a.lat * rad);
  const dy = (b.lat - a.lat) * rad * 6_371_008.8;
  return Math.hypot(dx, dy);
}

/** Google's encoded polyline, decoded (what a map of the post would draw). The spec's own: it checks the cut without trusting the worker's code. */
export function decodePolyline(encoded: string): LatLon[] {
  const out: LatLon[] = [];
  let i = 0;
  let lat = 0;
  let lon = 0;
  const next = () => {
    let shift = 0;
    let result = 0;
    let b: number;
    do {
      b = encoded.charCodeAt(i++) - 63;
      result |= (b & 0x1f) << shift;
      shift += 5;
    } while (b >= 0x20);
    return result & 1 ? ~(result >> 1) : result >> 1;
  };
  while (i < encoded.length) {
    lat += next();
    lon += next();
    out.push({ lat: lat / 1e5, lon: lon / 1e5 });
  }
  return out;
}

/** The social API as the signed-in page calls it: GET, or a state change with its origin. */
export async function api<T = unknown>(page: Page, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, data?: unknown) {
  const res = await page.request.fetch(`${APP_URL}/api/v1/social${path}`, {
    method,
    ...(data === undefined ? {} : { data }),
    headers: method === 'GET' ? {} : { origin: APP_URL },
  });
  const text = await res.text();
  return { status: res.status(), body: (text ? JSON.parse(text) : null) as T, text };
}

export async function userId(email: string): Promise<string> {
  return withDatabase(async (client) => {
    const { rows } = await client.query<{ id: string }>('select id from users where lower(email) = lower($1)', [email]);
    assert.ok(rows[0], `no user ${email}`);
    return rows[0].id;
  });
}

/** An admin who holds only the `moderation` permission (as the owner would grant it). */
export async function makeModerator(email: string): Promise<void> {
  await setRole(email, 'admin');
  await withDatabase((client) =>
    client.query(`insert into permissions (user_id, permission) select id, 'moderation' from users where lower(email) = lower($1)`, [
      email,
    ]),
  );
}

/** Fires a cron of the worker once (the e2e stack runs no ticker). */
export async function fireCron(cron: string): Promise<void> {
  const res = await fetch(`${APP_URL}/cdn-cgi/local/scheduled?cron=${encodeURIComponent(cron)}`);
  await res.body?.cancel();
  assert.ok(res.ok, `cron ${cron}: ${res.status}`);
}

/** Fires `cron` until `done` holds (state, not time, is what is waited for). */
export async function cronUntil(cron: string, done: () => Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await fireCron(cron);
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`still waiting for ${what}`);
}

/**
 * A social life for an athlete already signed in on `page` (the mobile pass's full pages): on the boards, a run of
 * today uploaded and shared with a comment of their own, a public friend they follow whose post they cheered and
 * commented on, and that friend's request to follow them waiting. Answers the friend's post (the athlete's comment
 * with its delete, the report form) and the friend.
 */
export async function seedSocial(browser: Browser, page: Page, email: string): Promise<{ postId: string; friendId: string }> {
  const ok = (r: { status: number; text: string }, what: string) => assert.ok(r.status < 300, `${what}: ${r.status} ${r.text}`);
  const friend = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const friendEmail = uniqueEmail('mobilefriend');
  await signUp(friend, { email: friendEmail, password: 'a long e2e passphrase', displayName: 'Finn Friend' }, await createInvite());
  const [me, friendId] = [await userId(email), await userId(friendEmail)];
  ok(await api(friend, 'PUT', '/settings', { profileVisibility: 'public', leaderboardOptIn: true }), 'friend settings');
  const today = new Date().toISOString().slice(0, 10);
  const entry = await api<{ id: string }>(friend, 'POST', '/posts', {
    title: 'Easy recovery jog by the canal',
    text: 'Legs were heavy after Sunday, kept it very easy and chatty.',
    sport: 'run',
    durationS: 2400,
    distanceM: 6000,
    rpe: 3,
    date: today,
    visibility: 'followers',
  });
  ok(entry, 'friend post');
  ok(await api(friend, 'POST', `/follows/${me}`), 'friend asks to follow');

  ok(await api(page, 'PUT', '/settings', { leaderboardOptIn: true, defaultPostVisibility: 'followers' }), 'settings');
  ok(await api(page, 'POST', `/follows/${friendId}`), 'follow the friend');
  ok(await api(page, 'PUT', `/posts/${entry.body.id}/kudos`), 'kudos');
  ok(await api(page, 'POST', `/posts/${entry.body.id}/comments`, { body: 'Chatty pace is the best pace. Saturday long run?' }), 'comment');

  await upload(page, gpxRunToday('River loop').file, 1);
  const [run] = await withDatabase(
    async (c) =>
      (await c.query<{ id: string }>(`select id from activities where user_id = $1 and source <> 'strava' order by created_at desc`, [me]))
        .rows,
  );
  assert.ok(run, 'the uploaded run');
  const post = await api<{ id: string }>(page, 'POST', '/posts', {
    activityId: run.id,
    title: 'River loop, first one back',
    description: 'Steady, the last kilometre a bit quicker.',
    rpe: 5,
  });
  ok(post, 'share the run');
  ok(await api(page, 'POST', `/posts/${post.body.id}/comments`, { body: 'Note to self: same route next week.' }), 'own comment');
  await cronUntil(
    '* * * * *',
    async () => (await api<{ entries: unknown[] }>(page, 'GET', '/leaderboards?sport=run&metric=distance')).body.entries.length > 0,
    'the board to take in the run',
  );
  await friend.close();
  return { postId: entry.body.id, friendId };
}
