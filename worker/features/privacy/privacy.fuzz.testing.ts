// The API fuzz test's targets for privacy's operations (worker/http/api-fuzz.test.ts collects every feature's):
// real rows made for each operation alone, so its valid request succeeds and its mutations reach as deep as they can.
import { env } from 'cloudflare:test';
import { privacyRequests } from '../../db/schema';
import { strToU8, zipSync } from 'fflate';
import { archiveKey } from './export/export.service';
import { sha256Hex } from '../../lib/crypto';
import { PASSWORD } from '../../testing/harness';
import type { TargetSpec } from '../../http/api-fuzz-kit.testing';

export const fuzzTargets: Record<string, TargetSpec> = {
  // Account deletion (ADR 042): a fresh account each, its password and the word; cancelling needs one scheduled.
  'POST /api/v1/me/deletion': {
    consumes: true,
    make: async (k) => ({ cookie: (await k.person()).cookie, body: { password: PASSWORD, confirm: 'DELETE' } }),
  },
  'DELETE /api/v1/me/deletion': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      await k.ok('/api/v1/me/deletion', { cookie: p.cookie, body: { password: PASSWORD, confirm: 'DELETE' } });
      // Requesting signs out everywhere: the cancel comes from a new login.
      return { cookie: await k.h.login(p.email, PASSWORD) };
    },
  },
  // Data rights: a ready archive of the caller's own, and a minimal archive that validates against its manifest.
  'GET /api/v1/privacy/exports/{id}/download': {
    make: async (k) => {
      const p = await k.person();
      const [row] = await k.h.db
        .insert(privacyRequests)
        .values({
          kind: 'export',
          userId: p.id,
          status: 'ready',
          dueAt: new Date(Date.now() + 86_400_000),
          expiresAt: new Date(Date.now() + 86_400_000),
        })
        .returning();
      await env.UPLOADS.put(archiveKey(p.id, row!.id), zipSync({ 'manifest.json': strToU8('{}') }));
      return { cookie: p.cookie, params: { id: row!.id } };
    },
  },
  'POST /api/v1/privacy/reimports': {
    make: async (k) => {
      const data = strToU8('[\n]\n');
      const manifest = {
        format: 'cadence-export',
        formatVersion: 1,
        createdAt: new Date().toISOString(),
        accountId: crypto.randomUUID(),
        requestId: crypto.randomUUID(),
        counts: { activities: 0 },
        files: [
          {
            path: 'data/activities/activities.json',
            kind: 'data',
            table: 'activities',
            area: 'activities',
            rows: 0,
            bytes: data.length,
            sha256: await sha256Hex(data),
          },
        ],
      };
      const p = await k.person();
      return {
        cookie: p.cookie,
        body: zipSync({ 'data/activities/activities.json': data, 'manifest.json': strToU8(JSON.stringify(manifest)) }),
        headers: { 'content-type': 'application/zip' },
      };
    },
  },
  // Deleting an org: a new owner's own org each time, confirmed with its name.
  'POST /api/v1/coach/org/deletion': {
    consumes: true,
    make: async (k) => {
      const owner = await k.person('coach');
      await k.ok('/api/v1/coach/org', { cookie: owner.cookie, body: { name: 'Fuzz Org To Delete', timeZone: 'Europe/Berlin' } });
      return { cookie: owner.cookie, body: { password: PASSWORD, confirm: 'Fuzz Org To Delete' } };
    },
  },
  // An owner queues a new athlete's deletion (each mutation the same athlete: a second ask returns the open one).
  'POST /api/v1/admin/privacy/deletions': {
    make: async (k) => ({ body: { userId: (await k.person()).id, reason: 'Fuzz: a deletion request received by mail' } }),
  },
};
