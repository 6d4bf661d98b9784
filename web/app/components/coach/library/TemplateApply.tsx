import { useId, useState } from 'react';
import { Badge, Button, DateInput, FormError } from '~/components/ui';
import { api, ApiError } from '../api';
import type { Template } from './TemplatesPanel';

type Result = {
  clientId: string;
  startDate: string;
  status: 'applied' | 'already_applied' | 'failed';
  workouts?: number;
  error?: { message: string };
};

/**
 * "Apply to clients…": the clients who share their training, ticked, and the Monday week 1 starts on; each
 * client's result after (applied, already there, or why not — no grant, no active plan).
 */
export function TemplateApply({
  template,
  clients,
  nextMonday,
  onClose,
}: {
  template: Template;
  clients: { id: string; name: string }[];
  nextMonday: string;
  onClose: () => void;
}) {
  const id = useId();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [start, setStart] = useState(nextMonday);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [results, setResults] = useState<Result[] | null>(null);
  const names = new Map(clients.map((c) => [c.id, c.name]));

  const apply = async () => {
    if (!chosen.size) return setError('Tick at least one client.');
    if (new Date(`${start}T00:00:00Z`).getUTCDay() !== 1) return setError('A template starts on a Monday.');
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ results: Result[] }>(`/api/v1/coach/templates/${template.id}/apply`, {
        body: { clients: [...chosen].map((clientId) => ({ clientId, startDate: start })) },
      });
      setResults(r.results);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'That did not work. Please try again.');
    }
    setBusy(false);
  };

  if (clients.length === 0) return <p className="coach-muted">No client shares their training with you yet: ask them from their page.</p>;
  return (
    <div className="template-apply">
      <fieldset className="fieldset template-apply-clients">
        <legend className="field-label">Clients</legend>
        {clients.map((c) => (
          <label key={c.id} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.has(c.id)}
              onChange={(e) => {
                const next = new Set(chosen);
                if (e.target.checked) next.add(c.id);
                else next.delete(c.id);
                setChosen(next);
              }}
            />{' '}
            {c.name}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-start`}>
          Week 1 starts (a Monday)
        </label>
        <DateInput id={`${id}-start`} value={start} onChange={(e) => setStart(e.target.value)} />
      </div>
      <FormError message={error} />
      <div className="plan-form-actions">
        <Button size="sm" disabled={busy} onClick={() => void apply()}>
          {busy ? 'Applying…' : `Apply ${template.name}`}
        </Button>
        <Button size="sm" variant="secondary" onClick={onClose}>
          Close
        </Button>
      </div>
      {results ? (
        <ul className="template-results" aria-label="Results per client">
          {results.map((r) => (
            <li key={r.clientId}>
              <strong>{names.get(r.clientId) ?? 'Client'}</strong>{' '}
              {r.status === 'applied' ? (
                <Badge tone="success">{`Added ${r.workouts} ${r.workouts === 1 ? 'workout' : 'workouts'}`}</Badge>
              ) : r.status === 'already_applied' ? (
                <Badge tone="neutral">Already on their plan</Badge>
              ) : (
                <>
                  <Badge tone="danger">Not added</Badge> {r.error?.message}
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
