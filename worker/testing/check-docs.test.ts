// The docs' router counts are checked against worker/app.ts (scripts/check-docs.ts): a count that drifts,
// as "seven are mounted at /api/v1/coach" did while there were eleven, fails the lint.
import { describe, expect, it } from 'vitest';
import { check, mountClaims, mountedAt } from '../../scripts/check-docs';

describe('check-docs router counts', () => {
  it('reads each "<n> are mounted at `<prefix>`" claim, in words or digits, across a line break', () => {
    const doc = 'Several routers share a prefix: seven are\n  mounted at `/api/v1/coach`, and 2 are mounted at `/api/v1/me`.';
    expect(mountClaims(doc)).toEqual([
      { prefix: '/api/v1/coach', stated: 7, text: 'seven are mounted at `/api/v1/coach`' },
      { prefix: '/api/v1/me', stated: 2, text: '2 are mounted at `/api/v1/me`' },
    ]);
  });

  it('counts the routers mounted at exactly a prefix, not under a longer one', () => {
    const app = "app.route('/api/v1/coach', a);\napp.route('/api/v1/coach', b);\napp.route('/api/v1/coach/sms', c);";
    expect(mountedAt(app, '/api/v1/coach')).toBe(2);
    expect(mountedAt(app, '/api/v1/coach/sms')).toBe(1);
  });

  it('finds the docs true to the app as it is', () => {
    expect(check()).toEqual([]);
  });
});
