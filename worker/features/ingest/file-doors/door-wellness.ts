// Wellness from a live door that is polled (Polar's sleep and Nightly Recharge; ADR 072): the athlete's consent
// ("Wellness from Polar", off by default), the daily poll queued per athlete, and what a poll stores — through the
// wellness feature's one entry, `recordDevice`, by each night's id, so polling the same nights again replaces them
// with themselves. Health data: no value, day or name is ever logged here.
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { AppError, ErrorCode } from '../../../lib/errors';
import type { FileProviderClient, FileProviderName, ProviderWellnessRecord } from '../../../providers/file-provider/file-provider';
import type { WellnessService, WellnessSource } from '../../wellness';
import type { IngestionService } from '../ingestion.service';
import * as repo from './door-wellness.repo';
import type { DoorConnection } from './doors.repo';
import { type Door, doorOf } from './file-doors.registry';
import type { DoorWellness } from './file-doors.schema';

/** The wellness source a door's readings are stored under (each source keeps its own baseline). */
const SOURCE: { readonly [P in FileProviderName]?: Exclude<WellnessSource, 'checkin'> } = { polar: 'polar' };

/** The poll of one athlete's door: the nights the provider still lists. `run` keys the job (a day, or the consent). */
export const wellnessJob = (door: Door, userId: string, connectionId: string, run: string) => ({
  userId,
  kind: `${door.provider}.wellness`,
  payload: { connectionId },
  dedupeKey: `${door.provider}:wellness:${userId}:${run}`,
});

interface Deps {
  db: Db;
  clock: Clock;
  clients: Partial<Record<FileProviderName, FileProviderClient>>;
  findConnection: (userId: string, provider: FileProviderName) => Promise<DoorConnection | null>;
  ingestion: IngestionService;
  wellness: Pick<WellnessService, 'recordDevice' | 'removeSource'>;
}

export function createDoorWellness(deps: Deps) {
  /** The door, when it offers polled wellness here (configured client with a `wellness` call). */
  function offered(provider: string): Door & { wellnessPoll: { windowDays: number } } {
    const door = doorOf(provider);
    if (!door?.wellnessPoll || !SOURCE[door.provider] || !deps.clients[door.provider]?.wellness)
      throw new AppError(ErrorCode.NOT_FOUND, 'This data source brings no wellness here.');
    return door as Door & { wellnessPoll: { windowDays: number } };
  }

  async function view(userId: string, provider: string): Promise<DoorWellness> {
    const door = offered(provider);
    const [row, conn] = await Promise.all([repo.find(deps.db, userId, door.provider), deps.findConnection(userId, door.provider)]);
    return {
      provider: door.provider,
      label: door.label,
      connected: !!conn,
      enabled: !!row?.enabledAt,
      enabledAt: row?.enabledAt?.toISOString() ?? null,
      lastPollAt: row?.lastPollAt?.toISOString() ?? null,
      lastPollRecords: row?.lastPollRecords ?? null,
      windowDays: door.wellnessPoll.windowDays,
    };
  }

  return {
    view,

    /** Every door offering polled wellness, for the pages (Data sources, /wellness). */
    async views(userId: string): Promise<DoorWellness[]> {
      const names = (Object.keys(SOURCE) as FileProviderName[]).filter((p) => {
        const door = doorOf(p);
        return !!door?.wellnessPoll && !!deps.clients[p]?.wellness;
      });
      return Promise.all(names.map((p) => view(userId, p)));
    },

    /**
     * On or off. Turning it on needs the connection, and fetches at once what the provider still has; off stops
     * the polls and deletes what came through it (the consent withdrawn, as Garmin's switch does; ADR 071).
     */
    async setEnabled(userId: string, provider: string, enabled: boolean): Promise<DoorWellness> {
      const door = offered(provider);
      const conn = await deps.findConnection(userId, door.provider);
      if (enabled && !conn) throw new AppError(ErrorCode.CONFLICT, `Connect ${door.label} first.`);
      const now = deps.clock.now();
      const wasOff = await repo.setEnabled(deps.db, userId, door.provider, enabled ? now : null);
      if (!enabled) await deps.wellness.removeSource(userId, SOURCE[door.provider]!);
      if (enabled && wasOff && conn) await deps.ingestion.schedule([wellnessJob(door, userId, conn.id, `on:${now.toISOString()}`)]);
      return view(userId, door.provider);
    },

    /** Cron: one poll a day for every athlete with the consent on and a live connection (the day keys the job). */
    async scheduleDue(now: Date): Promise<number> {
      const day = now.toISOString().slice(0, 10);
      let queued = 0;
      for (const provider of Object.keys(SOURCE) as FileProviderName[]) {
        const door = doorOf(provider);
        if (!door?.wellnessPoll || !deps.clients[provider]?.wellness) continue;
        const due = await repo.due(deps.db, provider);
        if (due.length) queued += await deps.ingestion.schedule(due.map((d) => wellnessJob(door, d.userId, d.connectionId, day)));
      }
      return queued;
    },

    /** Whether a queued poll may still run: the consent may have been turned off since. */
    enabled: async (userId: string, provider: FileProviderName) => !!(await repo.find(deps.db, userId, provider))?.enabledAt,

    /** A poll's records stored under the door's wellness source, and the poll's time kept for the pages. */
    async store(userId: string, provider: FileProviderName, records: readonly ProviderWellnessRecord[]): Promise<void> {
      const source = SOURCE[provider];
      if (!source) return;
      await deps.wellness.recordDevice(userId, source, records);
      await repo.markPolled(deps.db, userId, provider, deps.clock.now(), records.length);
    },
  };
}

export type DoorWellnessService = ReturnType<typeof createDoorWellness>;
