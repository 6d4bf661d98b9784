import { Button } from '../ui';
import type { Toast } from './usePlanActions';

/** After each change: what happened, with Undo. Announced politely; stays until dismissed or replaced. */
export function UndoToast({
  toast,
  busy,
  onUndo,
  onDismiss,
}: {
  toast: Toast | null;
  busy: boolean;
  onUndo: (id: string) => void;
  onDismiss: () => void;
}) {
  return (
    <div className="plan-toast-region" role="status" aria-live="polite">
      {toast ? (
        <div className="plan-toast">
          <span>{toast.text}</span>
          {toast.changeId ? (
            <Button size="sm" variant="secondary" disabled={busy} onClick={() => onUndo(toast.changeId!)}>
              Undo
            </Button>
          ) : null}
          <Button size="sm" variant="link" onClick={onDismiss} aria-label="Dismiss">
            ✕
          </Button>
        </div>
      ) : null}
    </div>
  );
}
