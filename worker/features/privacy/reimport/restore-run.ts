// What every step of a restore shares: the run in progress (the archive, the ids mapped so far, the report
// being filled) and the shapes the steps pass each other.
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Manifest } from '../export/manifest';
import type { ReimportDeps } from './reimport.deps';
import type { ReimportRepo } from './reimport.repo';
import type { RangeSource, ZipEntryInfo } from './zip-reader';

export type Row = Record<string, unknown>;
export type RestoreDeps = Pick<ReimportDeps, 'bucket' | 'hasher' | 'activities' | 'imports' | 'timeZoneOf' | 'settle'>;

export interface ReimportReport {
  archive: { accountId: string; createdAt: string; files: number };
  settings: boolean;
  preferences: boolean;
  thresholds: number;
  uploads: { restored: number; alreadyThere: number };
  activities: { inArchive: number; fromFiles: number; fromRows: number; alreadyThere: number };
  notes: number;
  /** Wellness readings (check-ins and device days) brought back. */
  wellness: number;
  plans: { restored: number; workouts: number; changes: number; pausedBecauseActive: boolean };
}

/** One restore in progress: the archive, the ids mapped so far and the report being filled. */
export interface Run {
  deps: RestoreDeps;
  repo: ReimportRepo;
  userId: string;
  src: RangeSource;
  manifest: Manifest;
  byName: Map<string, ZipEntryInfo>;
  report: ReimportReport;
  ids: Map<string, string>;
  mapId: (old: unknown) => Promise<string | null>;
  rowsOf: (table: PgTable) => AsyncGenerator<Row>;
  all: (table: PgTable) => Promise<Row[]>;
}
export type ActivityId = (old: unknown) => string | null;
