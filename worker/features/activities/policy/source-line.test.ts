// The activity page's source line, from the policy row (ADR 036). Pure: the node lane.
import { describe, expect, it } from 'vitest';
import { policyFor } from './policy';
import { sourceLine, UPLOAD_PATH } from './source-line';

describe('the activity page’s source line', () => {
  it('a Strava API activity: its owner only, never the AI coach, and the way to use it everywhere', () => {
    const line = sourceLine(policyFor('default'), { source: 'strava' }, 'Strava');
    expect(line).toEqual({
      text: 'From Strava: visible only to you, not used by the AI coach.',
      attribution: null,
      upgrade: { text: 'Upload the original or your Strava archive to use it everywhere.', href: UPLOAD_PATH },
      reduced: null,
    });
  });

  it('in strict mode it also says the figures leave it out, and a reduced row says why it is a summary', () => {
    const line = sourceLine(policyFor('strict'), { source: 'strava', cacheReducedAt: new Date() }, 'Strava');
    expect(line.text).toBe('From Strava: visible only to you, not counted in your analytics, calendar or plan, not used by the AI coach.');
    expect(line.reduced).toMatch(/keep its details for 7 days/);
  });

  it('Garmin’s carries its attribution, with the device model where the row has it; nothing to upgrade', () => {
    const withDevice = sourceLine(policyFor('strict'), { source: 'garmin_api', extras: { device: 'Forerunner 965' } }, 'Garmin');
    expect(withDevice).toMatchObject({
      attribution: 'Garmin Forerunner 965',
      upgrade: null,
      text: 'From Garmin: visible to you and coaches you share your training with, used by the AI coach.',
    });
    expect(sourceLine(policyFor('default'), { source: 'garmin_api' }, 'Garmin').attribution).toBe('Garmin');
    // Issue 37: a device name that already starts with the brand ("Garmin Garmin Forerunner 965" before).
    const named = (device: string) => sourceLine(policyFor('default'), { source: 'garmin_api', extras: { device } }, 'Garmin').attribution;
    expect(named('Garmin Forerunner 965')).toBe('Garmin Forerunner 965');
    expect(named('GARMIN Edge 840 ')).toBe('Garmin Edge 840');
    expect(named('garmin')).toBe('Garmin');
    expect(named('Garminator 3')).toBe('Garmin Garminator 3');
    expect(sourceLine(policyFor('default'), { source: 'fit_upload' }, 'FIT file').attribution).toBeNull();
  });
});
