// The scope matrix, derived from the route table and its OpenAPI document (issue 59, ADR 105): every /api/v1 operation
// called with a key of every scope answers 403 SCOPE_REQUIRED unless its declared scope is the key's, and a route
// declaring `none` refuses every key. The document publishes each scope (`x-cadence-scope`, `apiKey: [scope]`).
import { describe, expect, it } from 'vitest';
import { ALL, answer, declared, doc } from '../../http/route-table.testing';
import { API_SCOPES, ATHLETE_SCOPES, TEAM_SCOPES } from '../../lib/access-vocabulary';
import { Harness } from '../../testing/harness';
import { coachOrg, giveTier } from '../../testing/scenarios';
import { bearer, makeKey } from './api-keys.testing';

const KEYED = ALL.filter((e) => e.path.startsWith('/api/v1/'));

describe('API key scopes', () => {
  it('every operation publishes its scope, beside the session requirement when a key may call it', () => {
    const problems: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        const scope = (op as { 'x-cadence-scope'?: string })['x-cadence-scope'];
        const name = `${method.toUpperCase()} ${path}`;
        if (!scope) problems.push(`${name}: no x-cadence-scope`);
        else if (scope !== 'none' && !JSON.stringify(op.security ?? []).includes(JSON.stringify({ apiKey: [scope] })))
          problems.push(`${name}: security lacks apiKey [${scope}]`);
        // Team scopes only where the coach routes check the org's consented links; athlete scopes never there.
        if (scope && scope !== 'none') {
          const coachPath = path.startsWith('/api/v1/coach/');
          if (scope.startsWith('coach:') !== coachPath) problems.push(`${name}: ${scope} on ${coachPath ? 'a coach' : 'an athlete'} route`);
        }
      }
    expect(problems).toEqual([]);
    const used = new Set(KEYED.map((e) => declared(e).scope));
    // Every scope a key can be given opens at least one operation.
    for (const s of API_SCOPES) expect(used.has(s), s).toBe(true);
  });

  it('each operation × each scope: allowed only with its own, refused (403 SCOPE_REQUIRED) otherwise', { timeout: 600_000 }, async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    await giveTier(h, athlete.user.id, 'pro');
    const w = await coachOrg(h);
    const keys = new Map<string, string>();
    const rate = 100_000;
    for (const s of ATHLETE_SCOPES) keys.set(s, (await makeKey(h, athlete.cookie, [s], { ratePerMinute: rate })).secret);
    for (const s of TEAM_SCOPES) keys.set(s, (await makeKey(h, w.coach.cookie, [s], { team: true, ratePerMinute: rate })).secret);

    const problems: string[] = [];
    let allowed = 0;
    for (const e of KEYED) {
      const scope = declared(e).scope;
      await Promise.all(
        [...keys].map(async ([keyScope, secret]) => {
          const got = await answer(h, e, null, { origin: '', ...bearer(secret) });
          const refused = got.status === 403 && got.body?.error.code === 'SCOPE_REQUIRED';
          if (scope === keyScope) {
            allowed++;
            if (refused || got.status === 401) problems.push(`${e.key} with ${keyScope}: ${got.status} ${got.text}`);
          } else if (!refused || (got.body?.error as { scope?: string } | undefined)?.scope !== scope)
            problems.push(`${e.key} (${scope}) with ${keyScope}: ${got.status} ${got.text}, expected 403 SCOPE_REQUIRED`);
        }),
      );
    }
    expect(problems).toEqual([]);
    expect(allowed).toBeGreaterThan(50);
  });
});
