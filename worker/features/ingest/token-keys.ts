// Re-encryption of stored provider tokens after a TOKEN_ENCRYPTION_KEY rotation (ADR 040): every
// connection's tokens are sealed again with the ring's newest key, in bounded batches, so an older key
// can be removed once Ops Pulse shows nothing left on it (docs/secrets-runbook.md).
import type { Executor } from '../../db/executor';
import type { CronJob } from '../../jobs/types';
import { RetiredKeyError } from '../../lib/key-ring';
import type { Logger } from '../../lib/logger';
import type { SecretBox } from '../../lib/secret-box';
import * as connectionsRepo from './connections.repo';

const BATCH = 100;
/** One hourly tick handles at most this many connections; the rest wait for the next tick. */
const MAX_PER_RUN = 2_000;

export interface ReencryptResult {
  /** Connections whose tokens now use the newest key. */
  resealed: number;
  /** A token refresh wrote newer tokens meanwhile (already on the newest key). */
  raced: number;
  /** Sealed with a key no longer in the ring: unreadable until the athlete reconnects. */
  retired: number;
  /** More remain than one run handles. */
  more: boolean;
}

export function createTokenKeys(deps: { db: Executor; box: SecretBox; logger: Logger }) {
  const newest = `v${deps.box.newestVersion}`;
  const reseal = async (sealed: string) => (sealed === '' ? null : deps.box.reseal(sealed));

  return {
    /** Idempotent: a connection already on the newest key is not selected; running twice at once at worst loses a compare-and-set. */
    async reencrypt(maxRows = MAX_PER_RUN): Promise<ReencryptResult> {
      const out: ReencryptResult = { resealed: 0, raced: 0, retired: 0, more: false };
      let afterId: string | null = null;
      let seen = 0;
      while (seen < maxRows) {
        const batch = await connectionsRepo.sealedWithOlderKey(deps.db, newest, afterId, Math.min(BATCH, maxRows - seen));
        if (batch.length === 0) return out;
        for (const row of batch) {
          try {
            const access = await reseal(row.accessTokenEnc);
            const refresh = await reseal(row.refreshTokenEnc);
            const next = { accessTokenEnc: access ?? row.accessTokenEnc, refreshTokenEnc: refresh ?? row.refreshTokenEnc };
            if (await connectionsRepo.replaceSealed(deps.db, row.id, row, next)) out.resealed++;
            else out.raced++;
          } catch (err) {
            // Skipped, not retried forever: the id order moves past it, and the pulse counts it under its version.
            if (err instanceof RetiredKeyError) out.retired++;
            else throw err;
          }
        }
        seen += batch.length;
        afterId = batch.at(-1)!.id;
      }
      out.more = (await connectionsRepo.sealedWithOlderKey(deps.db, newest, afterId, 1)).length > 0;
      return out;
    },

    byVersion: () => connectionsRepo.tokensByKeyVersion(deps.db),
  };
}

export type TokenKeys = ReturnType<typeof createTokenKeys>;

/** Hourly: provider tokens sealed with an older key are sealed again with the newest (nothing to do between rotations). */
export const tokensReencryptJob: CronJob = {
  name: 'tokens.reencrypt',
  async run(services) {
    const r = await services.tokenKeys.reencrypt();
    if (r.resealed || r.raced || r.retired || r.more) services.logger.info('provider tokens re-encrypted', { ...r });
    return { count: r.resealed };
  },
};
