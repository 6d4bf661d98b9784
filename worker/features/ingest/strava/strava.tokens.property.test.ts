// When a Strava token is refreshed, over every token life and every sandbox time scale: early enough that no
// read meets an expired token, late enough that Strava (and the sandbox) answers with a new token rather than
// handing back the current one.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACCESS_TTL, SAME_TOKEN_ABOVE, configFrom } from '../../../../scripts/sandbox/strava/config.ts';
import { StravaState } from '../../../../scripts/sandbox/strava/state.ts';
import { refreshMarginMs } from './strava.tokens';

afterEach(() => {
  vi.useRealTimers();
});

describe('refreshMarginMs', () => {
  it('is positive, at most 5 minutes, and under the hour-in-six-hours before which Strava hands back the same token', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 * 86_400 }), (lifetimeS) => {
        const margin = refreshMarginMs(lifetimeS);
        expect(margin).toBeGreaterThan(0);
        expect(margin).toBeLessThanOrEqual(5 * 60_000);
        expect(margin).toBeLessThan((lifetimeS * 1000 * SAME_TOKEN_ABOVE) / ACCESS_TTL);
      }),
    );
    expect(refreshMarginMs(ACCESS_TTL)).toBe(5 * 60_000);
  });
});

describe('the sandbox’s token expiry, read on our clock', () => {
  // Strava's fields count whole seconds: the stated expiry can be up to a second early. Next to a margin of a
  // tenth of the life that only matters for tokens under 15 s (scales over 1440×), unless the life is whole.
  const scales = fc.oneof(fc.integer({ min: 1, max: 1440 }), fc.constantFrom(1800, 2160, 2400, 2700, 3600));

  it('states 6 h ÷ time scale from now, and a refresh at our margin gets a new token, whatever its clock says', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    fc.assert(
      fc.property(scales, fc.integer({ min: -2 * 86_400, max: 2 * 86_400 }), (timeScale, clockOffsetS) => {
        const start = Date.UTC(2026, 10, 25, 12);
        vi.setSystemTime(start);
        const s = new StravaState(configFrom({ timeScale }));
        s.clock.set(start + clockOffsetS * 1000);
        const t = s.issueTokens({ athleteId: 1001, scope: ['read', 'activity:read_all'], clientId: s.config.clientId });
        const stated = s.expiryOnClientClock(1001, t.expiresAt);
        const life = ACCESS_TTL / timeScale;
        expect(stated.expires_in).toBe(Math.floor(life));
        expect(Math.abs(stated.expires_at - (start / 1000 + life))).toBeLessThanOrEqual(1);

        // The worker refreshes once the sooner of the two statements is within its margin.
        const expiresAtMs = Math.min(stated.expires_at * 1000, start + stated.expires_in * 1000);
        vi.setSystemTime(expiresAtMs - refreshMarginMs(Math.round((expiresAtMs - start) / 1000)));
        expect(s.validAccess(t.access)).toBeDefined();
        const grant = s.useRefreshToken(t.refresh);
        expect(grant).toBeDefined();
        expect(s.refreshTokens(grant!).access).not.toBe(t.access);
      }),
    );
  });
});
