import { Form, useRevalidator } from '@remix-run/react';
import { useState } from 'react';
import { Badge, Button, Card, EmptyState, Field, FormError, SelectField, SuccessNotice } from '~/components/ui';
import { SPORT_LABELS, type Units } from '~/utils/plans';
import { api, ApiError } from '../api';
import { LibraryEditor, type LibraryItem } from './LibraryEditor';

const length = (sec: number) => {
  const min = Math.round(sec / 60);
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h${min % 60 ? ` ${min % 60} min` : ''}`;
};

/**
 * The org's library: search by title words, tag or folder (the address keeps it), the workouts grouped by
 * folder, and for each one Edit, Duplicate and Delete (asked twice). "New workout" opens the builder.
 */
export function LibraryWorkouts({
  workouts,
  folders,
  query,
  units,
}: {
  workouts: LibraryItem[];
  folders: string[];
  query: { q?: string; tag?: string; folder?: string };
  units: Units;
}) {
  const revalidator = useRevalidator();
  const [editing, setEditing] = useState<LibraryItem | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const act = async (id: string, path: string, method: string, done: string) => {
    setBusy(id);
    setError(null);
    setNotice(null);
    try {
      await api(`/api/v1/coach/library/workouts/${path}`, { method });
      setNotice(done);
      revalidator.revalidate();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'That did not work. Please try again.');
    }
    setConfirming(null);
    setBusy(null);
  };
  const byFolder = new Map<string, LibraryItem[]>();
  for (const w of workouts) byFolder.set(w.folder ?? '', [...(byFolder.get(w.folder ?? '') ?? []), w]);
  const groups = [...byFolder.entries()].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  const searching = !!(query.q || query.tag || query.folder);

  return (
    <Card
      title="Workouts"
      id="library-workouts"
      className="coach-section"
      actions={
        editing === null ? (
          <Button size="sm" onClick={() => setEditing('new')}>
            New workout
          </Button>
        ) : null
      }
    >
      <div className="coach-section-body">
        <SuccessNotice message={notice} />
        <FormError message={error} />
        {editing !== null ? (
          <LibraryEditor
            key={editing === 'new' ? 'new' : editing.id}
            initial={editing === 'new' ? null : editing}
            folders={folders}
            units={units}
            onSaved={(title) => {
              setEditing(null);
              setNotice(`Saved ${title} to the library.`);
              revalidator.revalidate();
            }}
            onCancel={() => setEditing(null)}
          />
        ) : null}
        <Form method="get" className="form-row library-search" role="search" aria-label="Search the library">
          <Field label="Title" name="q" id="library-q" optional defaultValue={query.q ?? ''} />
          <Field label="Tag" name="tag" id="library-tag" optional defaultValue={query.tag ?? ''} />
          <SelectField
            label="Folder"
            name="folder"
            id="library-folder"
            defaultValue={query.folder ?? ''}
            groups={[{ label: 'Folders', options: [{ value: '', label: 'All folders' }, ...folders.map((f) => ({ value: f, label: f }))] }]}
          />
          <Button type="submit" variant="secondary">
            Search
          </Button>
        </Form>
        {workouts.length === 0 ? (
          <EmptyState title={searching ? 'Nothing matches' : 'Your library is empty'}>
            {searching
              ? 'Try other words, or clear the search.'
              : 'Build a workout once — “3x 10m 95-105% 3m Z1” is enough — and give it to any client.'}
          </EmptyState>
        ) : (
          groups.map(([folder, list]) => (
            <section key={folder || '-'} className="library-folder" aria-label={folder || 'Not in a folder'}>
              <h3 className="coach-subtitle">{folder || 'Not in a folder'}</h3>
              <ul className="library-list">
                {list.map((w) => (
                  <li key={w.id} className="library-item" id={`lib-${w.id}`}>
                    <span className="library-item-what">
                      <span className="library-item-title">{w.title}</span>
                      <span className="coach-list-meta">
                        {SPORT_LABELS[w.sport] ?? w.sport} · {w.type} · {length(w.durationSec)}
                      </span>
                      {w.tags.length ? (
                        <span className="library-item-tags">
                          {w.tags.map((t) => (
                            <Badge key={t} tone="neutral">
                              {t}
                            </Badge>
                          ))}
                        </span>
                      ) : null}
                    </span>
                    <span className="library-item-actions">
                      <Button size="sm" variant="secondary" onClick={() => setEditing(w)} aria-label={`Edit ${w.title}`}>
                        Edit
                      </Button>
                      <Button
                        size="sm"
                        variant="secondary"
                        disabled={busy === w.id}
                        onClick={() => void act(w.id, `${w.id}/duplicate`, 'POST', `Copied ${w.title}.`)}
                        aria-label={`Duplicate ${w.title}`}
                      >
                        Duplicate
                      </Button>
                      {confirming === w.id ? (
                        <Button
                          size="sm"
                          variant="danger"
                          disabled={busy === w.id}
                          onClick={() => void act(w.id, w.id, 'DELETE', `Deleted ${w.title}. Templates keep their copy.`)}
                        >
                          Delete for good
                        </Button>
                      ) : (
                        <Button size="sm" variant="secondary" onClick={() => setConfirming(w.id)} aria-label={`Delete ${w.title}`}>
                          Delete
                        </Button>
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ))
        )}
      </div>
    </Card>
  );
}
