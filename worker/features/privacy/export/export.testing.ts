// Test support for the data archive: an athlete with some of everything (settings, preferences, a threshold,
// Strava API rows and manual entries, two uploaded originals, a note with RPE, a plan with a change, an assistant
// connected by OAuth), and the export requested, waited for and downloaded through the API, with its manifest checked
// file by file.
import { createHash } from 'node:crypto';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { and, asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { plannedWorkouts } from '../../../db/schema';
import type { Harness } from '../../../testing/harness';
import { athleteWithHistory, giveTier } from '../../../testing/scenarios';
import { gpxRun, smallFit } from '../../../testing/fixtures/files';
import { allowedCode } from '../../oauth/oauth.testing';
import { planRequest } from '../../plans/exports/plans-exports.testing';
import { Manifest } from './manifest';

export type ExportBody = {
  id: string;
  status: string;
  expiresAt: string | null;
  result: { bytes: number; files: number } | null;
  progress: { step: number; steps: number; files: number };
};

type Job = { id: string; status: string };

async function uploadDone(h: Harness, cookie: string, name: string, bytes: Uint8Array): Promise<void> {
  const r = await h.json<Job>(`/api/v1/imports?filename=${encodeURIComponent(name)}`, {
    body: bytes,
    cookie,
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) },
  });
  expect(r.status).toBe(202);
  await expect
    .poll(async () => (await h.json<Job>(`/api/v1/imports/${r.body.id}`, { cookie })).body.status, { timeout: 30_000, interval: 100 })
    .toBe('done');
}

export async function richAthlete(h: Harness) {
  const a = await athleteWithHistory(h, {
    displayName: 'Ada Archive',
    history: [
      { daysAgo: 2, name: 'Tempo, with “quotes”' },
      { daysAgo: 4, source: 'manual', name: 'Treadmill (manual)' },
      { daysAgo: 6 },
      { daysAgo: 9, sport: 'ride', sportOriginal: 'Ride', name: 'Long ride' },
    ],
  });
  const { cookie } = a;
  await giveTier(h, a.user.id, 'pro');
  const me = await h.json('/api/v1/me', {
    method: 'PATCH',
    cookie,
    body: { units: 'mi', timeZone: 'Europe/Berlin', birthDate: '1985-04-02', sex: 'female' },
  });
  expect(me.status, JSON.stringify(me.body)).toBe(200);
  const prefs = await h.json('/api/v1/notifications/preferences', {
    method: 'PUT',
    cookie,
    body: { emailMode: 'weekly', sendMinute: 390, dnd: [{ day: 1, start: 1320, end: 360 }] },
  });
  expect(prefs.status, JSON.stringify(prefs.body)).toBe(200);
  const threshold = await h.json('/api/v1/analytics/thresholds', {
    cookie,
    body: { kind: 'lthr', value: 168, effectiveFrom: new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10) },
  });
  expect(threshold.status, JSON.stringify(threshold.body)).toBe(200);
  const gpx = strToU8(gpxRun(new Date(Date.now() - 12 * 86_400_000)).xml);
  const fit = smallFit(new Date(Date.now() - 15 * 86_400_000));
  await uploadDone(h, cookie, 'morning run.gpx', gpx);
  await uploadDone(h, cookie, 'watch.fit', fit);
  const note = await h.json(`/api/v1/activities/${a.activityIds[0]}/notes`, {
    method: 'PATCH',
    cookie,
    body: { note: 'Felt strong,\nlegs fresh', rpe: 7 },
  });
  expect(note.status, JSON.stringify(note.body)).toBe(200);
  const plan = await h.json<{ id: string }>('/api/v1/plans', { body: planRequest(), cookie });
  expect(plan.status, JSON.stringify(plan.body)).toBe(201);
  const [first] = await h.db
    .select()
    .from(plannedWorkouts)
    .where(and(eq(plannedWorkouts.planId, plan.body.id), eq(plannedWorkouts.skipped, false)))
    .orderBy(asc(plannedWorkouts.date))
    .limit(1);
  const skip = await h.json(`/api/v1/plans/${plan.body.id}/workouts/${first!.id}/skip`, { body: {}, cookie });
  expect(skip.status, JSON.stringify(skip.body)).toBe(200);
  // An assistant connected by OAuth (ADR 107): in KV, not Postgres; the archive lists it, a re-import does not restore it.
  const assistant = await allowedCode(cookie);
  return { ...a, planId: plan.body.id, originals: { gpx, fit }, assistant };
}

export async function exportReady(h: Harness, cookie: string): Promise<ExportBody> {
  const asked = await h.json<ExportBody>('/api/v1/privacy/exports', { cookie, method: 'POST' });
  expect([200, 202]).toContain(asked.status);
  let last: ExportBody | undefined;
  await expect
    .poll(
      async () => {
        const list = await h.json<{ exports: ExportBody[] }>('/api/v1/privacy/exports', { cookie });
        last = list.body.exports.find((e) => e.id === asked.body.id);
        return last?.status;
      },
      { timeout: 60_000, interval: 200 },
    )
    .toBe('ready');
  return last!;
}

export async function download(h: Harness, cookie: string, id: string): Promise<Uint8Array> {
  const res = await h.call(`/api/v1/privacy/exports/${id}/download`, { cookie });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/zip');
  return new Uint8Array(await res.arrayBuffer());
}

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The archive unzipped by fflate (not our reader), every file checked against the manifest. */
export function validated(zip: Uint8Array) {
  const files = unzipSync(zip);
  const manifest = Manifest.parse(JSON.parse(strFromU8(files['manifest.json']!)));
  expect(Object.keys(files).sort()).toEqual([...manifest.files.map((f) => f.path), 'manifest.json'].sort());
  for (const f of manifest.files) {
    const bytes = files[f.path]!;
    expect({ path: f.path, bytes: bytes.length, sha256: sha256(bytes) }).toEqual({ path: f.path, bytes: f.bytes, sha256: f.sha256 });
  }
  const rows = (path: string): Record<string, unknown>[] => JSON.parse(strFromU8(files[path]!));
  return { files, manifest, rows };
}
