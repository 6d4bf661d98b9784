import { useId } from 'react';
import type { ImportView } from '~/utils/ingestion';

/** "N of about M activities" over a progress bar; without an estimate yet, a bar that only says "working". */
export function ImportProgress({ view }: { view: ImportView }) {
  const id = useId();
  const total = view.total === null ? null : Math.max(view.total, view.done);
  const text =
    total === null ? `${view.done} ${view.done === 1 ? 'activity' : 'activities'} so far` : `${view.done} of about ${total} activities`;
  return (
    <div className="import-progress">
      <label htmlFor={id} className="import-progress-label">
        <span className="visually-hidden">{view.sourceLabel} import: </span>
        {text}
      </label>
      {total === null || total === 0 ? (
        <progress id={id} className="progress" />
      ) : (
        <progress id={id} className="progress" value={view.done} max={total} />
      )}
    </div>
  );
}
