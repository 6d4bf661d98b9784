// The rules pages apply to what arrives in the address and in forms before any service is called: unknown
// values fall back to defaults, route ids must be uuids, notices are cleaned, blank form fields mean "none".
import { describe, expect, it } from 'vitest';
import { dashboardParams } from './analytics.server';
import { clientInputFrom } from './coach-clients.server';
import { isConsoleRole, uuidParam } from './coach.server';
import { athleteLimitParams } from './athlete-limit';
import { noticesFrom } from './data-sources.server';
import { intervalParam } from './membership.server';

const url = (query: string) => new URL(`http://cadence.test/page${query}`);

describe('the dashboard’s choices', () => {
  it('reads a known range, volume metric and past year', () => {
    expect(dashboardParams(url('?range=180&volume=load&year=2024'), 2026)).toEqual({ range: '180', volume: 'load', year: 2024 });
  });

  it('falls back to the defaults for anything unknown, never an error', () => {
    expect(dashboardParams(url(''), 2026)).toEqual({ range: '90', volume: 'time', year: 2026 });
    for (const q of ['?range=7&volume=pace&year=2027', '?year=1969', '?year=2024.5', '?year=nope', '?range=%00'])
      expect(dashboardParams(url(q), 2026)).toEqual({ range: '90', volume: 'time', year: 2026 });
  });
});

describe('the data page’s notices', () => {
  it('after a disconnect, has the Strava card say what went and what stayed; "already" is said in words', () => {
    expect(noticesFrom(url('?disconnected=strava'))).toMatchObject({ justDisconnected: true, disconnected: null });
    expect(noticesFrom(url('?disconnected=already'))).toMatchObject({
      justDisconnected: false,
      disconnected: 'Strava was already disconnected.',
    });
    for (const junk of ['42', 'Strava', '<b>', ''])
      expect(noticesFrom(url(`?disconnected=${encodeURIComponent(junk)}`))).toMatchObject({ justDisconnected: false, disconnected: null });
  });

  it('shows an error as plain, bounded text and keeps only an uploaded import’s uuid', () => {
    const long = 'x'.repeat(400);
    const n = noticesFrom(url(`?error=${encodeURIComponent(`Bad\u0000news\u001b here`)}&uploaded=not-an-id`));
    expect(n).toEqual({
      error: 'Bad news  here',
      errorSource: 'Strava',
      disconnected: null,
      justDisconnected: false,
      connected: null,
      uploaded: null,
    });
    const cut = noticesFrom(url(`?error=${long}`)).error!;
    expect(cut).toHaveLength(300);
    expect(cut.endsWith('…')).toBe(true);
    expect(noticesFrom(url('?error=%20%20')).error).toBeNull();
    const id = '0b6f8a52-3c1e-4d0a-9d59-2a1f7a1e9c11';
    expect(noticesFrom(url(`?uploaded=${id}`)).uploaded).toBe(id);
  });

  it('names a live door only when it is registered, and says whether its activities stayed', () => {
    const doors = [{ provider: 'garmin', label: 'Garmin Connect', onConnect: 'On connecting, Cadence asks Garmin for your last 30 days.' }];
    expect(noticesFrom(url('?connected=garmin'), doors).connected).toBe(
      'Garmin Connect is connected. On connecting, Cadence asks Garmin for your last 30 days. New activities follow each sync.',
    );
    expect(noticesFrom(url('?left=garmin&removed=0'), doors).disconnected).toBe(
      'Garmin Connect disconnected. Nothing new arrives from it; the activities it brought stay.',
    );
    expect(noticesFrom(url('?left=garmin&removed=3'), doors).disconnected).toBe(
      'Garmin Connect disconnected. The 3 activities it brought were deleted.',
    );
    expect(noticesFrom(url('?source=garmin&error=nope'), doors)).toMatchObject({ error: 'nope', errorSource: 'Garmin Connect' });
    // Anything else names nothing: a made-up provider reads as no notice, an unknown source as Strava's.
    expect(noticesFrom(url('?connected=evil&left=%3Cb%3E'), doors)).toMatchObject({ connected: null, disconnected: null });
    expect(noticesFrom(url('?source=evil&error=x'), doors).errorSource).toBe('Strava');
  });
});

describe('console routes', () => {
  it('only coaches and the owner run a business console', () => {
    expect(['coach', 'owner'].every((r) => isConsoleRole(r as 'coach'))).toBe(true);
    expect(['athlete', 'admin', 'demo'].some((r) => isConsoleRole(r as 'coach'))).toBe(false);
  });

  it('a route id that is not a uuid is a 404 page, never a database error', () => {
    const id = '0b6f8a52-3c1e-4d0a-9d59-2a1f7a1e9c11';
    expect(uuidParam(id)).toBe(id);
    for (const bad of [undefined, '', 'abc', `${id}x`, "1' or '1'='1"]) {
      let thrown: unknown;
      try {
        uuidParam(bad);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(404);
    }
  });

  it('a client form’s blanks mean none, and consent defaults to unknown', () => {
    expect(clientInputFrom({ name: 'Ana', phone: '  ', email: ' ana@example.test ', notes: 'Knee', smsConsent: '' })).toEqual({
      name: 'Ana',
      phone: null,
      email: 'ana@example.test',
      notes: 'Knee',
      smsConsent: 'unknown',
    });
    expect(clientInputFrom({})).toEqual({ name: '', phone: null, email: null, notes: '', smsConsent: 'unknown' });
  });
});

describe('pricing', () => {
  it('shows yearly prices only when asked, monthly otherwise', () => {
    expect(intervalParam(url('?interval=year'))).toBe('year');
    for (const q of ['', '?interval=month', '?interval=YEAR', '?interval=week']) expect(intervalParam(url(q))).toBe('month');
  });
});

describe('the Strava-is-full page’s address', () => {
  it('reads who refused and a well-formed invite; anything else falls back to our own count and no invite', () => {
    expect(athleteLimitParams(url('?by=strava&invite=T-ABC123'))).toEqual({ by: 'strava', invite: 'T-ABC123' });
    expect(athleteLimitParams(url(''))).toEqual({ by: 'cadence', invite: null });
    expect(athleteLimitParams(url('?by=me&invite=%3Cscript%3E'))).toEqual({ by: 'cadence', invite: null });
  });
});
