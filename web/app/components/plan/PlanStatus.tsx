// The plan's status: pause, resume or cancel from the header's menu, and the banner a paused plan shows.
// Cancelling asks first: it is final (the plan stays in the history, but can't be resumed).
import { useRef, useState } from 'react';
import { Alert, Button } from '../ui';
import { PlanDialog } from './PlanDialog';

export type PlanStatusValue = 'active' | 'paused' | 'cancelled';
type OnStatus = (status: PlanStatusValue) => void;

export function PlanMenu({ status, busy, onStatus }: { status: string; busy: boolean; onStatus: OnStatus }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const [confirm, setConfirm] = useState(false);
  const pick = (s: PlanStatusValue) => {
    menu.current?.removeAttribute('open');
    if (s === 'cancelled') setConfirm(true);
    else onStatus(s);
  };
  return (
    <>
      <details className="plan-menu" ref={menu}>
        <summary>Plan options</summary>
        <div className="plan-menu-body">
          {status === 'paused' ? (
            <Button size="sm" variant="secondary" disabled={busy} onClick={() => pick('active')}>
              Resume plan
            </Button>
          ) : (
            <Button size="sm" variant="secondary" disabled={busy} onClick={() => pick('paused')}>
              Pause plan
            </Button>
          )}
          <Button size="sm" variant="danger-quiet" disabled={busy} onClick={() => pick('cancelled')}>
            Cancel plan…
          </Button>
        </div>
      </details>
      {confirm ? (
        <PlanDialog title="Cancel this plan?" onClose={() => setConfirm(false)}>
          <p>
            The plan stops for good: it can't be resumed. It is kept in your history with its workouts and changes, and you can build a new
            plan afterwards.
          </p>
          <p className="plan-drawer-sub">To take a break and carry on later, pause it instead.</p>
          <div className="plan-form-actions">
            <Button
              variant="danger"
              size="sm"
              disabled={busy}
              onClick={() => {
                setConfirm(false);
                onStatus('cancelled');
              }}
            >
              Cancel plan
            </Button>
            <Button variant="secondary" size="sm" onClick={() => setConfirm(false)}>
              Keep it
            </Button>
          </div>
        </PlanDialog>
      ) : null}
    </>
  );
}

export function PausedBanner({ busy, onStatus }: { busy: boolean; onStatus: OnStatus }) {
  return (
    <Alert tone="warning" title="This plan is paused" className="plan-paused">
      <p>Its workouts stay where they are and nothing can be changed until you resume it.</p>
      <Button size="sm" disabled={busy} onClick={() => onStatus('active')}>
        Resume plan
      </Button>
    </Alert>
  );
}
