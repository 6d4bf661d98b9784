// The catch-up for doors that list what they hold (Polar; ADR 091). A provider notification is sent once: when it
// finds no server (the worker restarting) or is lost, the file would never be fetched. Every few hours each live
// connection is listed again and what its notifications missed becomes file jobs; a file already announced has the
// same job key and is not queued twice.
import type { Db } from '../../../db/client';
import type { FileProviderClient, FileProviderName } from '../../../providers/file-provider/file-provider';
import type { IngestionService } from '../ingestion.service';
import * as doorsRepo from './doors.repo';
import { type Door, DOORS } from './file-doors.registry';

const HOUR_MS = 3_600_000;

/** One listing of one connection; `hour` (UTC, `YYYY-MM-DDTHH`) keys it, so a tick fired twice queues it once. */
export const catchUpJob = (door: Door, userId: string, connectionId: string, hour: string) => ({
  userId,
  kind: `${door.provider}.catchup`,
  payload: { connectionId },
  dedupeKey: `${door.provider}:catchup:${connectionId}:${hour}`,
});

/**
 * Whether a connection is listed in this hour: once every `every` hours, at an hour spread by its id so that the
 * listings (and the provider calls) do not all fall on the same tick.
 */
export function dueThisHour(connectionId: string, hourIndex: number, every: number): boolean {
  const spread = Number.parseInt(connectionId.replace(/-/g, '').slice(0, 8), 16) % every;
  return hourIndex % every === spread;
}

export function createDoorCatchUp(deps: {
  db: Db;
  clients: Partial<Record<FileProviderName, FileProviderClient>>;
  ingestion: IngestionService;
  everyHours: number;
}) {
  return {
    /** The hourly tick: one listing job for each live connection whose hour it is. Returns the jobs queued. */
    async scheduleDue(now: Date): Promise<number> {
      const hourIndex = Math.floor(now.getTime() / HOUR_MS);
      const hour = new Date(hourIndex * HOUR_MS).toISOString().slice(0, 13);
      let queued = 0;
      for (const door of Object.values(DOORS)) {
        if (!door?.catchUp || !deps.clients[door.provider]) continue;
        const due = (await doorsRepo.live(deps.db, door.provider)).filter((c) => dueThisHour(c.id, hourIndex, deps.everyHours));
        if (due.length) queued += await deps.ingestion.schedule(due.map((c) => catchUpJob(door, c.userId, c.id, hour)));
      }
      return queued;
    },
  };
}

export type DoorCatchUp = ReturnType<typeof createDoorCatchUp>;
