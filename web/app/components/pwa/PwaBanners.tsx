import { Button } from '~/components/ui';
import { dismiss } from '~/utils/pwa/offline-queue';
import { useOfflineQueue } from './useOfflineQueue';
import { useServiceWorker } from './useServiceWorker';

/**
 * The app's offline state and updates, above every signed-in page. The offline notice is always in the page
 * and shown by CSS under `html[data-offline]` (root.tsx's probe), so a page the worker kept says at once that
 * it is as of its render (`renderedAt`) and what needs a connection; a new deploy offers a reload.
 */
export function PwaBanners({ renderedAt, timeZone }: { renderedAt: string; timeZone: string }) {
  const { updateReady, update } = useServiceWorker();
  const changes = useOfflineQueue();
  const waiting = changes.filter((c) => !c.conflict);
  const conflicts = changes.filter((c) => c.conflict);
  const asOf = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(
    new Date(renderedAt),
  );
  return (
    <>
      <div className="pwa-banner pwa-offline" role="status" data-as-of={renderedAt}>
        <strong>Offline — as of {asOf}.</strong> This is the page as it was on your last visit, read-only. Changes, the AI coach, uploads
        and payments need a connection.
      </div>
      {waiting.length > 0 ? (
        <div className="pwa-banner pwa-queued" role="status">
          <strong>Saved on this device — will sync.</strong> {waiting.map((c) => c.label).join(' · ')}
        </div>
      ) : null}
      {conflicts.map((c) => (
        <div key={c.key} className="pwa-banner pwa-conflict" role="alert">
          <strong>Not synced:</strong> {c.label} — {c.conflict}.{' '}
          <Button size="sm" variant="secondary" onClick={() => void dismiss(c.key)}>
            Dismiss
          </Button>
        </div>
      ))}
      {updateReady ? (
        <div className="pwa-banner pwa-update" role="status">
          A new version of Cadence is ready.{' '}
          <Button size="sm" onClick={update}>
            Update available — reload
          </Button>
        </div>
      ) : null}
    </>
  );
}
