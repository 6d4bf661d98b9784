import type { ArchiveStore } from './retention.service';

/** Where an export's files live unless its row names them: one prefix per request. */
export const exportPrefix = (requestId: string) => `privacy/exports/${requestId}/`;

/**
 * Export archives in R2: the keys the export job recorded on its row (`result.objectKey`, `result.objectKeys`)
 * and anything under the request's prefix. The export work may wire its own store; this is the contract it
 * keeps until then. Deleting a missing key is not an error in R2, so a retried batch is harmless.
 */
export function r2ArchiveStore(bucket: R2Bucket): ArchiveStore {
  return {
    async remove(request) {
      const named = [request.result?.objectKey, ...((request.result?.objectKeys as unknown[] | undefined) ?? [])].filter(
        (k): k is string => typeof k === 'string' && k.length > 0,
      );
      if (named.length) await bucket.delete(named);
      let cursor: string | undefined;
      do {
        const page = await bucket.list({ prefix: exportPrefix(request.id), cursor });
        if (page.objects.length) await bucket.delete(page.objects.map((o) => o.key));
        cursor = page.truncated ? page.cursor : undefined;
      } while (cursor);
    },
  };
}
