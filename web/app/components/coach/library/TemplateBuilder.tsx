import { useId, useState } from 'react';
import { Button, Field, FormError, SelectField } from '~/components/ui';
import { api, ApiError } from '../api';
import { WEEKDAY_NAMES } from './TemplatesPanel';

const MAX_WEEKS = 16;

/**
 * A new template: its name, how many weeks, and for each week's day a library workout (or none). Each week
 * is seven labelled selects, so it works from the keyboard and wraps on a phone.
 */
export function TemplateBuilder({
  library,
  onSaved,
  onCancel,
}: {
  library: { id: string; title: string; folder: string | null }[];
  onSaved: (name: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [name, setName] = useState('');
  const [weeks, setWeeks] = useState(1);
  const [days, setDays] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const options = [
    { value: '', label: '—' },
    ...library.map((w) => ({ value: w.id, label: w.folder ? `${w.title} (${w.folder})` : w.title })),
  ];

  const save = async () => {
    const items = Object.entries(days)
      .filter(([key, v]) => v && Number(key.split('-')[0]) <= weeks)
      .map(([key, libraryWorkoutId]) => {
        const [week, weekday] = key.split('-').map(Number);
        return { week: week!, weekday: weekday!, libraryWorkoutId };
      });
    if (!name.trim()) return setError('Give the template a name.');
    if (!items.length) return setError('Put a workout on at least one day.');
    setBusy(true);
    setError(null);
    try {
      await api('/api/v1/coach/templates', { body: { name: name.trim(), weeks, items } });
      onSaved(name.trim());
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'That did not work. Please try again.');
    }
    setBusy(false);
  };

  return (
    <section className="library-editor" aria-labelledby={`${id}-h`}>
      <h3 className="coach-subtitle" id={`${id}-h`}>
        New template
      </h3>
      <div className="form-row">
        <Field label="Name" name="name" id={`${id}-name`} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
        <SelectField
          label="Weeks"
          name="weeks"
          id={`${id}-weeks`}
          value={String(weeks)}
          onChange={(e) => setWeeks(Number(e.target.value))}
          groups={[
            { label: 'Weeks', options: Array.from({ length: MAX_WEEKS }, (_, i) => ({ value: String(i + 1), label: String(i + 1) })) },
          ]}
        />
      </div>
      {Array.from({ length: weeks }, (_, i) => i).map((w) => (
        <fieldset key={`week-${w + 1}`} className="fieldset template-week">
          <legend className="field-label">Week {w + 1}</legend>
          <div className="template-week-days">
            {WEEKDAY_NAMES.map((day, d) => (
              <SelectField
                key={day}
                label={day}
                name={`w${w + 1}-${d}`}
                id={`${id}-w${w + 1}-${d}`}
                aria-label={`Week ${w + 1} ${day}`}
                value={days[`${w + 1}-${d}`] ?? ''}
                onChange={(e) => setDays({ ...days, [`${w + 1}-${d}`]: e.target.value })}
                groups={[{ label: 'Library', options }]}
              />
            ))}
          </div>
        </fieldset>
      ))}
      <FormError message={error} />
      <div className="plan-form-actions">
        <Button size="sm" disabled={busy} onClick={() => void save()}>
          {busy ? 'Saving…' : 'Save template'}
        </Button>
        <Button size="sm" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </section>
  );
}
