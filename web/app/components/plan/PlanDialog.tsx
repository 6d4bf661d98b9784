import { useEffect, useRef, type ReactNode } from 'react';
import { Button } from '../ui';

/**
 * A modal drawer on the native <dialog>: showModal() makes the rest of the page inert (focus stays
 * inside), Esc closes it, and focus returns to what opened it.
 */
export function PlanDialog({ title, onClose, children }: { title: ReactNode; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      opener?.focus?.();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="plan-drawer"
      aria-labelledby="plan-drawer-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="plan-drawer-head">
        <h2 id="plan-drawer-title" className="plan-drawer-title">
          {title}
        </h2>
        <Button variant="link" className="plan-drawer-close" onClick={onClose} aria-label="Close">
          Close
        </Button>
      </div>
      <div className="plan-drawer-body">{children}</div>
    </dialog>
  );
}
