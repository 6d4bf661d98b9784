// The live doors' pure rules (node lane): the PKCE verifier derived from the state's nonce, how a provider file's
// activities are named and keyed, which job kinds belong to a door, and what a disconnect deletes by policy.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildActivity } from '../../../testing/factories/activity';
import { dueThisHour } from './file-doors.catchup';
import { asDoorActivities } from './file-doors.map';
import { pkceChallenge, pkceVerifier } from './file-doors.pkce';
import { policyFor } from '../../activities/policy/policy';
import { disconnectRemovesActivities } from './file-doors.policy';
import { DOORS, doorOf, doorOfKind } from './file-doors.registry';
import { doorWaiting, HISTORY_WAIT_MS } from './file-doors.waiting';

describe('PKCE from the state’s nonce', () => {
  it('derives the same 43-character verifier for a nonce, another for another nonce or secret', async () => {
    const v = await pkceVerifier('s'.repeat(32), 'nonce-1');
    expect(v).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await pkceVerifier('s'.repeat(32), 'nonce-1')).toBe(v);
    expect(await pkceVerifier('s'.repeat(32), 'nonce-2')).not.toBe(v);
    expect(await pkceVerifier('t'.repeat(32), 'nonce-1')).not.toBe(v);
  });

  it('sends the S256 challenge of it', async () => {
    const v = await pkceVerifier('s'.repeat(32), 'n');
    expect(await pkceChallenge(v)).toBe(createHash('sha256').update(v).digest('base64url'));
  });
});

describe('a provider file’s activities', () => {
  const garmin = DOORS.garmin!;
  it('are the door’s source under the provider’s activity id, named as the athlete named them', () => {
    const [a] = asDoorActivities(garmin, { activityId: '10000100042', name: 'Track session' }, [buildActivity({ name: 'Morning Run' })]);
    expect(a).toMatchObject({ source: 'garmin_api', externalId: '10000100042', name: 'Track session' });
  });

  it('keep the device the notification named, for the "Garmin [device model]" attribution; none when it named none', () => {
    const [a] = asDoorActivities(garmin, { activityId: '1', name: null, deviceName: ' Forerunner 965 ' }, [
      buildActivity({ extras: { gear: 'Shoes' } }),
    ]);
    expect(a?.extras).toEqual({ gear: 'Shoes', device: 'Forerunner 965' });
    const [b] = asDoorActivities(garmin, { activityId: '2', name: null, deviceName: null }, [buildActivity()]);
    expect(b?.extras?.device).toBeUndefined();
  });

  it('keep their legs apart (`:n`) and the legs’ own names', () => {
    const legs = asDoorActivities(garmin, { activityId: '7', name: 'Sprint tri' }, [
      buildActivity({ name: 'Swim leg' }),
      buildActivity({ name: 'Bike leg' }),
    ]);
    expect(legs.map((l) => [l.externalId, l.name])).toEqual([
      ['7', 'Swim leg'],
      ['7:1', 'Bike leg'],
    ]);
  });
});

describe('the registry', () => {
  it('owns the job kinds named after its doors, and nothing else', () => {
    expect(doorOfKind('garmin.file')?.provider).toBe('garmin');
    expect(doorOfKind('garmin.backfill')?.source).toBe('garmin_api');
    expect(doorOfKind('strava.index')).toBeUndefined();
    expect(doorOf('__proto__')).toBeUndefined();
    expect(doorOf('toString')).toBeUndefined();
  });

  it('deletes on disconnect only what the source’s policy row keeps while connected', () => {
    expect(disconnectRemovesActivities(policyFor('strict'), 'strava')).toBe(true);
    expect(disconnectRemovesActivities(policyFor('default'), 'strava')).toBe(true);
    expect(disconnectRemovesActivities(policyFor('default'), 'garmin_api')).toBe(false);
    expect(disconnectRemovesActivities(policyFor('default'), 'fit_upload')).toBe(false);
  });
});

describe('what a connected door waits for before its first file', () => {
  const connectedAt = new Date('2026-11-25T10:00:00Z');
  const at = (ms: number) => new Date(connectedAt.getTime() + ms);
  const done = { status: 'done', doneCount: 0, totalEstimate: null };

  it('after a backfill answered by notification: the history, until a day has passed with nothing', () => {
    expect(doorWaiting(done, connectedAt, at(60_000))).toBe('history');
    expect(doorWaiting(done, connectedAt, at(HISTORY_WAIT_MS - 1))).toBe('history');
    expect(doorWaiting(done, connectedAt, at(HISTORY_WAIT_MS))).toBe('first_sync');
  });

  it('after a backfill that listed nothing (Polar): the next sync', () => {
    expect(doorWaiting({ ...done, totalEstimate: 0 }, connectedAt, at(60_000))).toBe('first_sync');
  });

  it('nothing once a file has arrived, nor while the state itself says what is happening', () => {
    expect(doorWaiting({ ...done, doneCount: 1, totalEstimate: 1 }, connectedAt, at(60_000))).toBeNull();
    for (const status of ['queued', 'running', 'deferred', 'paused', 'error'])
      expect(doorWaiting({ ...done, status }, connectedAt, at(60_000))).toBeNull();
    expect(doorWaiting(undefined, connectedAt, at(60_000))).toBeNull();
    expect(doorWaiting(done, null, at(60_000))).toBeNull();
  });
});

describe('the catch-up listing’s hours', () => {
  it('lists each connection exactly once in any run of `every` hours, the connections spread across them', () => {
    const ids = Array.from({ length: 600 }, () => crypto.randomUUID());
    for (const every of [1, 6, 24]) {
      const perHour = new Array<number>(every).fill(0);
      for (const id of ids) {
        const start = 490_000 + Math.floor(Math.random() * 1000);
        const hours = Array.from({ length: every }, (_, k) => start + k).filter((h) => dueThisHour(id, h, every));
        expect(hours).toHaveLength(1);
        perHour[hours[0]! % every]!++;
      }
      // Spread, not all on one tick: no hour of the cycle holds more than twice its share.
      expect(Math.max(...perHour)).toBeLessThanOrEqual((2 * ids.length) / every);
    }
  });
});
