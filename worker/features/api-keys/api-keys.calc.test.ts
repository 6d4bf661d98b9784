import { describe, expect, it } from 'vitest';
import { looksLikeKey, normaliseScopes, rateHeaders, scopesFor, windowOf } from './api-keys.calc';

describe('api keys: the fixed window and the key shape', () => {
  it('cuts minutes on the clock and never tells a client to retry in 0 s', () => {
    const w = windowOf(new Date('2026-11-29T10:15:59.600Z'));
    expect(w.start.toISOString()).toBe('2026-11-29T10:15:00.000Z');
    expect(w.resetAt.toISOString()).toBe('2026-11-29T10:16:00.000Z');
    expect(w.resetSeconds).toBe(1);
    expect(windowOf(new Date('2026-11-29T10:15:00.000Z')).resetSeconds).toBe(60);
  });

  it('tells the limit, what is left (never below 0) and the seconds to the reset', () => {
    const now = new Date('2026-11-29T10:15:30.000Z');
    expect(rateHeaders({ limit: 120, remaining: -1, resetAt: new Date('2026-11-29T10:16:00.000Z') }, now)).toEqual({
      'RateLimit-Limit': '120',
      'RateLimit-Remaining': '0',
      'RateLimit-Reset': '30',
    });
  });

  it('knows its own keys by shape', () => {
    expect(looksLikeKey(`cdn_live_AbCd-_12_${'x'.repeat(43)}`)).toBe(true);
    expect(looksLikeKey(`cdn_live_AbCd-_12_${'x'.repeat(42)}`)).toBe(false);
    expect(looksLikeKey('some-session-token')).toBe(false);
  });

  it('keeps athletes to their scopes and orgs to the coach ones, in one order', () => {
    expect(scopesFor('org')).toEqual(['coach:read', 'coach:write']);
    expect(scopesFor('user')).not.toContain('coach:read');
    expect(normaliseScopes(['plan:read', 'activities:read', 'plan:read'])).toEqual(['activities:read', 'plan:read']);
  });
});
