import { describe, expect, it } from 'vitest';
import { attributionText, SOURCE_LABELS } from './attribution';

describe('an activity’s attribution', () => {
  it('names Garmin with the device model when the notification gave one, and the bare brand otherwise', () => {
    expect(attributionText('garmin_api', 'Forerunner 965')).toBe('Garmin Forerunner 965');
    expect(attributionText('garmin_api', 'Garmin Edge 840')).toBe('Garmin Edge 840');
    expect(attributionText('garmin_api', '  ')).toBe('Garmin');
    expect(attributionText('garmin_api', null)).toBe('Garmin');
    expect(attributionText('garmin_api')).toBe('Garmin');
  });

  it('uses the source’s label for every other source, device or not', () => {
    expect(attributionText('strava', 'Garmin Forerunner 965')).toBe('Strava');
    expect(attributionText('strava_archive')).toBe('Strava archive');
    for (const [source, label] of Object.entries(SOURCE_LABELS)) if (source !== 'garmin_api') expect(attributionText(source)).toBe(label);
  });
});
