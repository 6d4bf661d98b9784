import { useState } from 'react';
import { Button, DateInput, SelectField } from '~/components/ui';
import { useResource } from '../api';

interface LibraryWorkout {
  id: string;
  title: string;
  durationSec: number;
}

/**
 * The coach's "Add from library" on a client's plan: a workout of the org's library onto a day, picked with
 * a select and a date field (the keyboard's way; no drag). The change goes through the client's plan routes.
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
  if (lib.state !== 'ready' || lib.data.workouts.length === 0) return null;
  const chosen = workoutId || lib.data.workouts[0]!.id;
  const title = lib.data.workouts.find((w) => w.id === chosen)?.title ?? 'The workout';
  return (
    <form
      className="form-row client-plan-add"
      aria-label="Add a workout from the library"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        await onAdd('/workouts', { libraryWorkoutId: chosen, date }, `${title} added on ${date}.`);
        setBusy(false);
      }}
    >
      <SelectField
        label="From the library"
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
  );
}
