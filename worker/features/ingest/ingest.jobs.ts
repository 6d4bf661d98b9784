import type { CronJob } from '../../jobs/types';

/** Every 5 minutes: jobs whose worker died or whose delayed message was lost go back on the queue. */
export const stuckJobSweep: CronJob = {
  name: 'ingest.stuck_sweep',
  async run(services, now) {
    // Provider jobs and file imports whose worker died are both picked up again here.
    return { count: (await services.ingestion.sweepStuck()) + (await services.imports.reclaimStale(now)) };
  },
};

/**
 * Every minute (ADR 089): file imports whose worker was killed mid-import (their lease lapsed) or whose message was
 * lost go back on the queue; the five-minute sweep above catches the same, later.
 */
export const importsLeaseSweep: CronJob = {
  name: 'imports.lease_sweep',
  run: async (services, now) => ({ count: await services.imports.reclaimStale(now) }),
};

/** Daily: a poll of the nights each consenting athlete's door still lists (Polar: 28 days), queued per athlete. */
export const doorWellnessPollJob: CronJob = {
  name: 'wellness.door_poll',
  async run(services, now) {
    return { count: await services.fileDoors.wellness.scheduleDue(now) };
  },
};

/**
 * Hourly (ADR 091): each live connection of a door that lists its files is listed again every few hours, so a file
 * whose notification never reached us is still fetched.
 */
export const doorCatchUpJob: CronJob = {
  name: 'file_doors.catchup',
  run: async (services, now) => ({ count: await services.fileDoors.catchUp.scheduleDue(now) }),
};
