import { Button } from '~/components/ui';
import { useOnline } from './useOnline';
import { useServiceWorker } from './useServiceWorker';

/**
 * The app's offline state and updates, above every signed-in page: offline, what the page shows is as of the
 * render the worker kept (`renderedAt`) and what needs a connection; a new deploy offers a reload.
 */
export function PwaBanners({ renderedAt, timeZone }: { renderedAt: string; timeZone: string }) {
  const online = useOnline();
  const { updateReady, update } = useServiceWorker();
  const asOf = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(renderedAt));
  return (
    <>
      {online ? null : (
        <div className="pwa-banner pwa-offline" role="status" data-offline-as-of={renderedAt}>
          <strong>Offline — as of {asOf}.</strong> Marking a workout done and notes are kept and sent when you are back online. The AI
          coach, uploads and payments need a connection.
        </div>
      )}
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
