import { useId, useState } from 'react';
import { type WorkoutFields, WorkoutForm } from '~/components/plan/WorkoutForm';
import { Field, FormError } from '~/components/ui';
import type { Units } from '~/utils/plans';
import type { PlanWorkout } from '~/utils/plans.server';
import { api, ApiError, fieldErrorsOf } from '../api';

/** A library workout as the page shows and edits it. */
export interface LibraryItem {
  id: string;
  sport: string;
  type: string;
  title: string;
  durationSec: number;
  distanceM: number | null;
  steps: unknown[];
  folder: string | null;
  tags: string[];
}

const tagsOf = (text: string) =>
  text
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);

/**
 * Builds or edits a workout of the org's library with the athlete's own form (sport, type, title, the steps
 * as text — "3x 10m 95-105% 3m Z1" — or a step list), plus where to file it: a folder and tags.
 */
export function LibraryEditor({
  initial,
  folders,
  units,
  onSaved,
  onCancel,
}: {
  initial: LibraryItem | null;
  folders: string[];
  units: Units;
  onSaved: (title: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [folder, setFolder] = useState(initial?.folder ?? '');
  const [tags, setTags] = useState(initial?.tags.join(', ') ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  const save = async (f: WorkoutFields) => {
    setBusy(true);
    setError(null);
    setFields({});
    const body = { ...f, folder: folder.trim() || null, tags: tagsOf(tags) };
    try {
      if (initial) await api(`/api/v1/coach/library/workouts/${initial.id}`, { method: 'PATCH', body });
      else await api('/api/v1/coach/library/workouts', { body });
      onSaved(f.title);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'That did not work. Please try again.');
      setFields(fieldErrorsOf(err));
    }
    setBusy(false);
  };

  return (
    <section className="library-editor" aria-labelledby={`${id}-h`}>
      <h3 className="coach-subtitle" id={`${id}-h`}>
        {initial ? `Edit ${initial.title}` : 'New workout'}
      </h3>
      <div className="form-row">
        <Field
          label="Folder"
          name="folder"
          id={`${id}-folder`}
          optional
          list={`${id}-folders`}
          value={folder}
          maxLength={80}
          error={fields.folder}
          onChange={(e) => setFolder(e.target.value)}
        />
        <datalist id={`${id}-folders`}>
          {folders.map((f) => (
            <option key={f} value={f} />
          ))}
        </datalist>
        <Field
          label="Tags"
          name="tags"
          id={`${id}-tags`}
          optional
          hint="Separated by commas"
          value={tags}
          error={fields.tags}
          onChange={(e) => setTags(e.target.value)}
        />
      </div>
      <FormError message={error} />
      <WorkoutForm
        initial={initial ? (initial as unknown as PlanWorkout) : undefined}
        units={units}
        submitLabel={initial ? 'Save changes' : 'Save to library'}
        busy={busy}
        onSubmit={(f) => void save(f)}
        onCancel={onCancel}
      />
    </section>
  );
}
