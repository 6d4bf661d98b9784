import { useState } from 'react';
import { Button, DateInput, SelectField } from '~/components/ui';
import { useResource } from '../api';
import { DRAG_TYPE, type Dragged, length, weekday } from './plan-types';

interface LibraryWorkout {
  id: string;
  title: string;
  durationSec: number;
  folder: string | null;
}

/**
 * The coach's "From the library" on a client's plan: the org's workouts to drag onto a day of the week
 * calendar, and "Add to a day…" — a select and a date field, the keyboard's way to the same add. The
 * change goes through the client's plan routes.
 */
export function AddFromLibrary({
  today,
  onAdd,
}: {
  today: string;
  onAdd: (path: string, body: unknown, done: string) => Promise<boolean>;
}) {
  const lib = useResource<{ workouts: LibraryWorkout[] }>('/api/v1/coach/library/workouts');
  const [workoutId, setWorkoutId] = useState('');
  const [date, setDate] = useState(today);
  const [busy, setBusy] = useState(false);
  if (lib.state !== 'ready') return null;
  if (lib.data.workouts.length === 0)
    return (
      <p className="coach-muted">
        Build workouts in your <a href="/coach/library">library</a> to drag them onto their days.
      </p>
    );
  const chosen = workoutId || lib.data.workouts[0]!.id;
  const title = lib.data.workouts.find((w) => w.id === chosen)?.title ?? 'The workout';
  return (
    <div className="client-plan-library">
      <h3 className="coach-subtitle" id="client-plan-library-h">
        From the library
      </h3>
      <p className="coach-list-meta">Drag a workout onto a day below, or pick one and a day.</p>
      <ul className="client-library-chips" aria-labelledby="client-plan-library-h">
        {lib.data.workouts.map((w) => (
          <li
            key={w.id}
            className="client-library-chip"
            draggable
            onDragStart={(e) => {
              const d: Dragged = { kind: 'library', id: w.id, title: w.title };
              e.dataTransfer.setData(DRAG_TYPE, JSON.stringify(d));
              e.dataTransfer.setData('text/plain', d.title);
              e.dataTransfer.effectAllowed = 'copy';
            }}
          >
            <span className="client-library-chip-title">{w.title}</span>
            <span className="coach-list-meta">{length(w.durationSec)}</span>
          </li>
        ))}
      </ul>
      <details className="client-plan-add-day">
        <summary className="btn btn-secondary btn-sm">Add to a day…</summary>
        <form
          className="form-row client-plan-add"
          aria-label="Add to a day"
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            await onAdd('/workouts', { libraryWorkoutId: chosen, date }, `${title} added on ${weekday(date)}.`);
            setBusy(false);
          }}
        >
          <SelectField
            label="Workout"
            name="libraryWorkoutId"
            id="client-plan-library"
            value={chosen}
            onChange={(e) => setWorkoutId(e.target.value)}
            groups={[{ label: 'Workouts', options: lib.data.workouts.map((w) => ({ value: w.id, label: w.title })) }]}
          />
          <div className="field">
            <label className="field-label" htmlFor="client-plan-library-date">
              Day
            </label>
            <DateInput id="client-plan-library-date" name="date" value={date} onChange={(e) => setDate(e.target.value)} required />
          </div>
          <Button type="submit" disabled={busy}>
            {busy ? 'Adding…' : 'Add to their calendar'}
          </Button>
        </form>
      </details>
    </div>
  );
}
