// "Mark done" on a planned workout (ADR 080), in the training drawer and on Home's today card: a plain form that
// posts to /training/done without JavaScript; with it, the same change goes to the JSON API with an
// Idempotency-Key, and without signal it is kept on this device and replayed (utils/pwa/offline-queue.ts).
import { useRevalidator } from '@remix-run/react';
import { type FormEvent, useEffect, useState } from 'react';
import { QUEUE_EVENT, queued, sendOrQueue } from '~/utils/pwa/offline-queue';
import { Button } from '../ui';

export interface DoneWorkout {
  id: string;
  title: string;
  sport: string;
  skipped: boolean;
  status: string;
  doneAt: string | null;
  doneNote: string | null;
  doneRpe: number | null;
}

const RPE = ['1 very easy', '2', '3 easy', '4', '5 moderate', '6', '7 hard', '8', '9 very hard', '10 maximal'];

/** Whether this device holds an unsynced change for the workout (the queue, read again whenever it changes). */
function useQueuedFor(workoutId: string): boolean {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (typeof indexedDB === 'undefined') return;
    let live = true;
    const load = () =>
      void queued()
        .then((all) => live && setHeld(all.some((c) => c.workoutId === workoutId && !c.conflict)))
        .catch(() => {});
    load();
    window.addEventListener(QUEUE_EVENT, load);
    return () => {
      live = false;
      window.removeEventListener(QUEUE_EVENT, load);
    };
  }, [workoutId]);
  return held;
}

export function MarkDone({ w, planId, back, compact = false }: { w: DoneWorkout; planId: string; back: string; compact?: boolean }) {
  const revalidator = useRevalidator();
  const held = useQueuedFor(w.id);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Completed by an activity, skipped or a rest day: nothing to mark.
  if (w.sport === 'rest' || w.skipped || (w.status === 'completed' && !w.doneAt)) return null;

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const undo = data.get('intent') === 'undo';
    const rpe = Number(data.get('rpe'));
    setBusy(true);
    setMessage(null);
    // One key per action: every replay of this change is the same request, which the API answers once.
    const result = await sendOrQueue({
      key: crypto.randomUUID(),
      method: undo ? 'DELETE' : 'PUT',
      url: `/api/v1/plans/${planId}/workouts/${w.id}/done`,
      body: undo ? undefined : { note: String(data.get('note') ?? '').trim() || null, rpe: rpe >= 1 && rpe <= 10 ? rpe : null },
      label: undo ? `“${w.title}” not done` : `“${w.title}” done`,
      workoutId: w.id,
    }).catch(() => ({ state: 'refused' as const, status: 0, message: 'Could not save this change on the device.' }));
    setBusy(false);
    if (result.state === 'sent') revalidator.revalidate();
    else if (result.state === 'refused') setMessage(result.message);
  };

  const hidden = (
    <>
      <input type="hidden" name="planId" value={planId} />
      <input type="hidden" name="workoutId" value={w.id} />
      <input type="hidden" name="back" value={back} />
    </>
  );

  return (
    <section className="plan-drawer-section mark-done" aria-label="Done by you">
      {held ? (
        <p className="mark-done-queued" role="status">
          <strong>Saved on this device — will sync.</strong> It reaches your plan when you are back online.
        </p>
      ) : w.doneAt ? (
        <form method="post" action="/training/done" onSubmit={(e) => void submit(e)}>
          {hidden}
          <input type="hidden" name="intent" value="undo" />
          <p className="mark-done-state">
            <strong>Done by you</strong>
            {w.doneRpe ? ` · RPE ${w.doneRpe}` : ''}
            {w.doneNote ? ` · “${w.doneNote}”` : ''}
          </p>
          <Button type="submit" variant="secondary" size="sm" disabled={busy}>
            Mark not done
          </Button>
        </form>
      ) : (
        <form method="post" action="/training/done" onSubmit={(e) => void submit(e)}>
          {hidden}
          <input type="hidden" name="intent" value="done" />
          {compact ? null : <h3 className="plan-drawer-h">Did it without a recording?</h3>}
          <div className="field">
            <label htmlFor={`done-note-${w.id}`} className="field-label">
              Note (optional)
            </label>
            <textarea id={`done-note-${w.id}`} name="note" className="input" rows={compact ? 1 : 2} maxLength={500} />
          </div>
          <div className="mark-done-row">
            <div className="field">
              <label htmlFor={`done-rpe-${w.id}`} className="field-label">
                Effort (RPE)
              </label>
              <select id={`done-rpe-${w.id}`} name="rpe" className="input" defaultValue="">
                <option value="">—</option>
                {RPE.map((label, i) => (
                  <option key={label} value={i + 1}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <Button type="submit" size="sm" disabled={busy}>
              Mark done
            </Button>
          </div>
        </form>
      )}
      {message ? (
        <p className="field-error" role="alert">
          {message}
        </p>
      ) : null}
    </section>
  );
}
