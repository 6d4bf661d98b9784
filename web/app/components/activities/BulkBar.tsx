import { useRevalidator } from '@remix-run/react';
import { useState } from 'react';
import { ApiError, api } from '../coach/api';
import { Button } from '../ui';

const SPORTS = [
  ['run', 'Run'],
  ['ride', 'Ride'],
  ['swim', 'Swim'],
  ['walk', 'Walk'],
  ['hike', 'Hike'],
  ['strength', 'Strength'],
  ['other', 'Other'],
] as const;

type Change =
  | { kind: 'sport'; sport: string }
  | { kind: 'addTags' | 'removeTags'; tags: string[] }
  | { kind: 'hide' | 'unhide' | 'delete' };

interface Edit {
  editId: string;
  kind: Change['kind'];
  count: number;
}

const plural = (n: number) => `${n} ${n === 1 ? 'activity' : 'activities'}`;
const DONE: Record<Change['kind'], (n: number) => string> = {
  sport: (n) => `Sport changed on ${plural(n)}.`,
  addTags: (n) => `Tag added to ${plural(n)}.`,
  removeTags: (n) => `Tag removed from ${plural(n)}.`,
  hide: (n) => `${plural(n)} hidden.`,
  unhide: (n) => `${plural(n)} shown again.`,
  delete: (n) => `${plural(n)} deleted.`,
};

/**
 * What to do with the selected activities, and the toast after: what changed and Undo, which puts it all
 * back (a delete too, for ten minutes). The toast stays until Undo, a new change or a dismissal.
 */
export function BulkBar({ selected, onDone }: { selected: string[]; onDone: () => void }) {
  const { revalidate } = useRevalidator();
  const [sport, setSport] = useState('run');
  const [tag, setTag] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [toast, setToast] = useState<{ text: string; edit: Edit | null } | null>(null);

  const run = async (change: Change) => {
    if (change.kind === 'delete' && !window.confirm(`Delete ${plural(selected.length)}? You can undo this for ten minutes.`)) return;
    setBusy(true);
    setError(null);
    try {
      const edit = await api<Edit>('/api/v1/activities/bulk', { body: { ids: selected, change } });
      setToast({ text: DONE[edit.kind](edit.count), edit });
      setTag('');
      onDone();
      revalidate();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'That did not work. Try again.');
    } finally {
      setBusy(false);
    }
  };

  const undo = async (edit: Edit) => {
    setBusy(true);
    try {
      await api(`/api/v1/activities/bulk/${edit.editId}/undo`, { method: 'POST' });
      setToast({ text: 'Undone: everything is as it was.', edit: null });
      revalidate();
    } catch (err) {
      setToast({ text: err instanceof ApiError ? err.message : 'Undo did not work. Try again.', edit: null });
    } finally {
      setBusy(false);
    }
  };

  const tags = tag
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  return (
    <>
      {selected.length > 0 ? (
        <section className="bulk-bar" aria-label="Change the selected activities">
          <p className="bulk-count">
            <strong>{selected.length}</strong> selected
          </p>
          <div className="bulk-group">
            <label className="visually-hidden" htmlFor="bulk-sport">
              New sport
            </label>
            <select id="bulk-sport" value={sport} onChange={(e) => setSport(e.currentTarget.value)}>
              {SPORTS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
            <Button size="sm" variant="secondary" disabled={busy} onClick={() => run({ kind: 'sport', sport })}>
              Change sport
            </Button>
          </div>
          <div className="bulk-group">
            <label className="visually-hidden" htmlFor="bulk-tag">
              Tag
            </label>
            <input id="bulk-tag" placeholder="Tag" value={tag} maxLength={40} onChange={(e) => setTag(e.currentTarget.value)} />
            <Button size="sm" variant="secondary" disabled={busy || tags.length === 0} onClick={() => run({ kind: 'addTags', tags })}>
              Add tag
            </Button>
            <Button size="sm" variant="secondary" disabled={busy || tags.length === 0} onClick={() => run({ kind: 'removeTags', tags })}>
              Remove tag
            </Button>
          </div>
          <div className="bulk-group">
            <Button size="sm" variant="secondary" disabled={busy} onClick={() => run({ kind: 'hide' })}>
              Hide
            </Button>
            <Button size="sm" variant="secondary" disabled={busy} onClick={() => run({ kind: 'unhide' })}>
              Unhide
            </Button>
            <Button size="sm" variant="danger" disabled={busy} onClick={() => run({ kind: 'delete' })}>
              Delete
            </Button>
          </div>
          {error ? (
            <p className="bulk-error" role="alert">
              {error}
            </p>
          ) : null}
        </section>
      ) : null}
      <div className="toast-region" role="status" aria-live="polite">
        {toast ? (
          <div className="toast">
            <span>{toast.text}</span>
            {toast.edit ? (
              <Button size="sm" variant="secondary" disabled={busy} onClick={() => toast.edit && undo(toast.edit)}>
                Undo
              </Button>
            ) : null}
            <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => setToast(null)}>
              ×
            </button>
          </div>
        ) : null}
      </div>
    </>
  );
}
