import { Link } from '@remix-run/react';
import { Button } from '../ui';
import type { Toast } from './usePlanActions';

interface Props {
  toast: Toast | null;
  /** A refused change, in words: shown where the toast would be, so it is seen wherever the page is scrolled. */
  error: string | null;
  busy: boolean;
  onUndo: (id: string) => void;
  onDismiss: () => void;
  onDismissError: () => void;
}

/** After each change: what happened, with Undo; or why it couldn't happen. Stays until dismissed or replaced. */
export function UndoToast({ toast, error, busy, onUndo, onDismiss, onDismissError }: Props) {
  return (
    <>
      <div className="plan-toast-region" role="alert">
        {error ? (
          <div className="plan-toast plan-toast-error">
            <span>{error}</span>
            <Button size="sm" variant="link" onClick={onDismissError} aria-label="Dismiss">
              ✕
            </Button>
          </div>
        ) : null}
      </div>
      <div className="plan-toast-region" role="status" aria-live="polite">
        {toast && !error ? (
          <div className="plan-toast">
            <span>{toast.text}</span>
            {toast.link ? (
              <Link to={toast.link.to} className="plan-toast-link">
                {toast.link.label}
              </Link>
            ) : null}
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
    </>
  );
}
