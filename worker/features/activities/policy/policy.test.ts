// The data policy's table: both modes, every source and use (ADR 036). Pure: the node lane.
import { describe, expect, it } from 'vitest';
import { ACTIVITY_SOURCES } from '../activity.types';
import { fixedPolicy, onceRef, policyFor } from './policy';
import { DATA_USES, POLICY_MODES, policyTable } from './policy.table';

const OWN_FILES = ['strava_archive', 'garmin_export', 'fit_upload', 'gpx_upload', 'tcx_upload', 'manual'] as const;

describe('the data policy table', () => {
  it('default mode is what Cadence did before the table: Strava to its owner and their analytics, never to others or the AI coach', () => {
    const p = policyFor('default');
    expect(DATA_USES.filter((u) => p.allows('strava', u))).toEqual(['owner', 'analytics']);
    expect(p.rule('strava')).toMatchObject({ rawCacheDays: null, onDisconnect: 'delete', attribution: 'Strava' });
    for (const use of DATA_USES)
      expect(p.sourcesFor(use)).toEqual(
        use === 'owner' || use === 'analytics' ? [...ACTIVITY_SOURCES] : ACTIVITY_SOURCES.filter((s) => s !== 'strava'),
      );
  });

  it('strict mode shows Strava API data to its owner only and keeps raw data 7 days', () => {
    const p = policyFor('strict');
    expect(DATA_USES.filter((u) => p.allows('strava', u))).toEqual(['owner']);
    expect(p.rule('strava').rawCacheDays).toBe(7);
    expect(p.sourcesFor('analytics')).not.toContain('strava');
    expect(p.sourcesFor('owner')).toContain('strava');
  });

  it('the modes differ only in the Strava API row: the athlete’s own files and the live doors feed everything in both', () => {
    const [d, s] = POLICY_MODES.map(policyTable);
    for (const source of ACTIVITY_SOURCES) if (source !== 'strava') expect(s![source]).toEqual(d![source]);
    for (const mode of POLICY_MODES)
      for (const source of [...OWN_FILES, 'garmin_api', 'polar_api'] as const) {
        const r = policyFor(mode).rule(source);
        expect(DATA_USES.every((u) => r.uses[u])).toBe(true);
        expect(r.rawCacheDays).toBeNull();
        expect(r.onDisconnect).toBe('keep');
      }
  });

  it('Garmin data carries its attribution wherever it is shown; every row says why', () => {
    for (const mode of POLICY_MODES) {
      expect(policyFor(mode).rule('garmin_api').attribution).toBe('Garmin');
      for (const source of ACTIVITY_SOURCES) expect(policyFor(mode).rule(source).why.length).toBeGreaterThan(10);
    }
  });

  it('sourcesFor hands out a copy: a caller cannot change the table', () => {
    const p = policyFor('strict');
    p.sourcesFor('ai').push('strava');
    expect(p.sourcesFor('ai')).not.toContain('strava');
  });
});

describe('reading the mode once per unit of work', () => {
  it('onceRef loads on first use and never again, however many reads ask', async () => {
    let loads = 0;
    const ref = onceRef(async () => {
      loads++;
      return policyFor('strict');
    });
    const all = await Promise.all([ref(), ref(), ref()]);
    await ref();
    expect(loads).toBe(1);
    expect(all.every((p) => p.mode === 'strict')).toBe(true);
  });

  it('a failed load is not kept: the next read tries again', async () => {
    let calls = 0;
    const ref = onceRef(async () => {
      calls++;
      if (calls === 1) throw new Error('database away');
      return policyFor('default');
    });
    await expect(ref()).rejects.toThrow('database away');
    expect((await ref()).mode).toBe('default');
  });

  it('a seeded ref loads nothing; a seed after the load (or a second seed) changes nothing', async () => {
    let loads = 0;
    const load = async () => {
      loads++;
      return policyFor('default');
    };
    const seeded = onceRef(load);
    seeded.seed('strict');
    seeded.seed('default');
    expect((await seeded()).mode).toBe('strict');
    const loaded = onceRef(load);
    expect((await loaded()).mode).toBe('default');
    loaded.seed('strict');
    expect((await loaded()).mode).toBe('default');
    expect(loads).toBe(1);
  });

  it('fixedPolicy is the default mode', async () => {
    expect((await fixedPolicy()()).mode).toBe('default');
  });
});
