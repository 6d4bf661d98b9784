// What the export service and its job run on, and the names they share (its own module: the service composes the
// job, and the job must not import the service back).
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import type { Logger } from '../../../lib/logger';
import type { AuditService } from '../../audit';
import type { Notifier } from '../../notifications';
import type { UploadedPart } from './part-sink';
import type { Hasher } from './zip-writer';

/** How long a ready archive can be downloaded. */
export const EXPORT_TTL_MS = 72 * 60 * 60 * 1000;
/** How long one invocation writes before it checkpoints and queues the rest (well inside a consumer's limits). */
export const EXPORT_SLICE_MS = 60_000;

export const archiveKey = (userId: string, requestId: string) => `privacy-exports/${userId}/${requestId}.zip`;
/** Every object one export writes (its archive and checkpoints) starts with this; retention deletes by it. */
export const exportObjectsPrefix = (userId: string, requestId: string) => `privacy-exports/${userId}/${requestId}.`;

export interface ExportDeps {
  db: Db;
  bucket: R2Bucket;
  queue: Queue<unknown>;
  clock: Clock;
  logger: Logger;
  audit: AuditService;
  notify: Notifier;
  hasher: () => Hasher;
  /** How long one invocation writes (EXPORT_SLICE_MS in production). */
  sliceMs: number;
  /** A plan's exports (ICS, workout files) as the plans feature renders them. */
  planFiles: (userId: string, planId: string) => Promise<{ name: string; bytes: Uint8Array }[]>;
  /** The assistants the athlete connected by OAuth (ADR 107): kept in KV, not Postgres, so outside the data map. */
  assistants: (userId: string) => Promise<ConnectedAssistant[]>;
}

/** A connected assistant as the archive lists it: who it is and what it may read, never its tokens. */
export interface ConnectedAssistant {
  clientName: string;
  redirectHost: string | null;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

/** What privacy_requests.progress holds for an export. */
export interface Progress {
  uploadId?: string;
  createdAt?: string;
  step: number;
  cursor: unknown;
  chunk: number;
  parts: UploadedPart[];
  /** The checkpoint object that matches this progress (0: none yet). */
  seq: number;
  filesWritten: number;
  bytesWritten: number;
  slices: number;
}

export const fresh = (): Progress => ({ step: 0, cursor: null, chunk: 1, parts: [], seq: 0, filesWritten: 0, bytesWritten: 0, slices: 0 });

/** Another consumer holds the request's lease: retry the message later rather than drop it. */
export class ExportBusyError extends Error {
  override name = 'ExportBusyError';
}
