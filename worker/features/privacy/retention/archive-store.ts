import { exportObjectsPrefix } from '../export/export.service';
import type { ArchiveStore } from './retention.service';

/**
 * Export archives in R2: everything the export job wrote for the request (the zip and its checkpoints), under
 * its owner's prefix. A request whose owner was deleted has nothing left: the erasure emptied their prefix.
 * Deleting a missing key is not an error in R2, so a retried batch is harmless.
 */
export function r2ArchiveStore(bucket: R2Bucket): ArchiveStore {
  return {
    async remove(request) {
      if (!request.user_id) return;
      const prefix = exportObjectsPrefix(request.user_id, request.id);
      let cursor: string | undefined;
      do {
        const page = await bucket.list({ prefix, cursor });
        if (page.objects.length) await bucket.delete(page.objects.map((o) => o.key));
        cursor = page.truncated ? page.cursor : undefined;
      } while (cursor);
    },
  };
}
