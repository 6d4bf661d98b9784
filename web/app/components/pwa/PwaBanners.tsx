import { Button } from '~/components/ui';
import { useServiceWorker } from './useServiceWorker';

/**
 * The app's offline state and updates, above every signed-in page. The offline notice is always in the page
 * and shown by CSS under `html[data-offline]` (root.tsx's probe), so a page the worker kept says at once that
 * it is as of its render (`renderedAt`) and what needs a connection; a new deploy offers a reload.
 */
export function PwaBanners({ renderedAt, timeZone }: { renderedAt: string; timeZone: string }) {
  const { updateReady, update } = useServiceWorker();
  const asOf = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(
    new Date(renderedAt),
  );
  return (
    <>
      <div className="pwa-banner pwa-offline" role="status" data-as-of={renderedAt}>
        <strong>Offline — as of {asOf}.</strong> This is the page as it was on your last visit, read-only. Changes, the AI coach, uploads
        and payments need a connection.
      </div>
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
