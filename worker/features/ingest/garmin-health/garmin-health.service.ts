// Wellness from Garmin's Health API through the Garmin door (ADR 071): the athlete's consent in Cadence beside
// Garmin's own HEALTH_EXPORT permission, the backfill asked when they turn it on, and the pushed summaries stored
// through the wellness feature's one entry. Health data: counts are logged, never values, names or days.
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { AppError, ErrorCode } from '../../../lib/errors';
import type { Logger } from '../../../lib/logger';
import { HEALTH_EXPORT } from '../../../providers/garmin/garmin-health.wire';
import type { DeviceRecord, WellnessService } from '../../wellness';
import type { IngestionService } from '../ingestion.service';
import { toDeviceRecord } from './garmin-health.map';
import * as repo from './garmin-health.repo';

export interface GarminWellnessConsent {
  connected: boolean;
  /** Garmin's consent page left "Health" (HEALTH_EXPORT) ticked. */
  healthExport: boolean;
  enabled: boolean;
  since: string | null;
}

/** The job that asks Garmin for the health history (kind `garmin.wellness_backfill`, run by the door's jobs). */
export const wellnessBackfillJob = (userId: string, connectionId: string, consentAt: Date) => ({
  userId,
  kind: 'garmin.wellness_backfill',
  payload: { connectionId },
  dedupeKey: `garmin:wellness_backfill:${connectionId}:${consentAt.toISOString()}`,
});

/** The connection a push concerns, as the door found it. */
export interface HealthConnection {
  userId: string;
  scopes: string;
  wellnessConsentAt: Date | null;
}

export const storesWellness = (c: Pick<HealthConnection, 'scopes' | 'wellnessConsentAt'>) =>
  c.wellnessConsentAt !== null && c.scopes.split(' ').includes(HEALTH_EXPORT);

export function createGarminHealth(deps: { db: Db; clock: Clock; logger: Logger; wellness: WellnessService; ingestion: IngestionService }) {
  async function consent(userId: string): Promise<GarminWellnessConsent> {
    const l = await repo.link(deps.db, userId);
    if (!l) return { connected: false, healthExport: false, enabled: false, since: null };
    const healthExport = l.scopes.split(' ').includes(HEALTH_EXPORT);
    return { connected: true, healthExport, enabled: healthExport && l.consentAt !== null, since: l.consentAt?.toISOString() ?? null };
  }

  return {
    consent,

    /**
     * Turns wellness from Garmin on (and asks Garmin for the history) or off. Off deletes every Garmin wellness
     * reading at once: the athlete withdrew their consent to keeping it (ADR 071). Returns the consent and, when
     * turned off, how many days lost a reading.
     */
    async setConsent(userId: string, on: boolean): Promise<GarminWellnessConsent & { removedDays: number }> {
      const l = await repo.link(deps.db, userId);
      if (!l) throw new AppError(ErrorCode.CONFLICT, 'Connect Garmin Connect first.');
      if (!on) {
        await repo.setConsent(deps.db, userId, null);
        const removedDays = await deps.wellness.removeSource(userId, 'garmin');
        deps.logger.info('garmin wellness consent withdrawn', { userId, removedDays });
        return { ...(await consent(userId)), removedDays };
      }
      if (!l.scopes.split(' ').includes(HEALTH_EXPORT))
        throw new AppError(
          ErrorCode.CONFLICT,
          'Your Garmin connection does not share health data. Connect again and leave “Health” ticked.',
        );
      if (!l.consentAt) {
        const at = deps.clock.now();
        await repo.setConsent(deps.db, userId, at);
        await deps.ingestion.schedule([wellnessBackfillJob(userId, l.connectionId, at)]);
      }
      return { ...(await consent(userId)), removedDays: 0 };
    },

    /**
     * A push's summaries for one athlete: stored only with both consents (Garmin's HEALTH_EXPORT and theirs here),
     * each by its summary id (a TENTATIVE night refined FINAL replaces itself). Returns what was stored and withheld.
     */
    async record(
      conn: HealthConnection,
      summaries: { summaryType: string; summary: unknown }[],
    ): Promise<{ stored: number; withheld: number }> {
      if (!storesWellness(conn)) return { stored: 0, withheld: summaries.length };
      const records = summaries.map((s) => toDeviceRecord(s.summaryType, s.summary)).filter((r): r is DeviceRecord => r !== null);
      if (records.length === 0) return { stored: 0, withheld: summaries.length };
      const r = await deps.wellness.recordDevice(conn.userId, 'garmin', records);
      if (r.rejected.length > 0)
        deps.logger.warn('garmin wellness values out of range', {
          userId: conn.userId,
          summaries: r.rejected.length,
          counter: 'garmin.wellness.rejected',
        });
      return { stored: records.length, withheld: summaries.length - records.length };
    },
  };
}

export type GarminHealth = ReturnType<typeof createGarminHealth>;
