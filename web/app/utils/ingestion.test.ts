import { describe, expect, it } from 'vitest';
import { type DoorView, doorWaitingWords } from './ingestion';

const garmin: DoorView = {
  provider: 'garmin',
  label: 'Garmin Connect',
  title: 'Garmin Connect™',
  onConnect: 'On connecting, Cadence asks Garmin for your last 30 days.',
  attribution: 'Garmin',
  connected: true,
  connectedAt: '25 Nov 2026',
  reconnectNeeded: false,
  sharesActivities: true,
  uses: { aiCoach: true, shownToOthers: true },
  keepsActivitiesOnDisconnect: true,
  import: {
    source: 'garmin',
    sourceLabel: 'Garmin Connect',
    status: 'done',
    done: 0,
    total: null,
    resumesAt: null,
    lastError: null,
    skippedDeleted: 0,
  },
  waiting: 'history',
  backfillDays: 30,
  authorizeUrl: '/api/v1/connections/garmin/authorize',
};

describe('what a live door waits for, in words', () => {
  it('names the history asked for while the provider has still to send it, never "Up to date"', () => {
    expect(doorWaitingWords(garmin)).toEqual({
      label: 'Waiting for Garmin',
      text: 'Asked Garmin for your last 30 days — waiting for Garmin to send them. They arrive on their own; this can take a while.',
    });
  });

  it('points at the next sync when nothing came of the history, and says nothing once files arrive', () => {
    expect(doorWaitingWords({ ...garmin, provider: 'polar', label: 'Polar Flow', waiting: 'first_sync' })?.text).toBe(
      'Nothing has arrived yet. Your sessions arrive after your device’s next sync with Polar Flow.',
    );
    expect(doorWaitingWords({ ...garmin, waiting: null })).toBeNull();
  });
});
