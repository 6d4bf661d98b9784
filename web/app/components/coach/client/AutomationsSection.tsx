import { Link } from '@remix-run/react';
import { Badge, type BadgeTone } from '~/components/ui';
import { formatDateTime } from '~/utils/format';
import { useResource } from '../api';
import { SectionCard } from '../SectionCard';

interface Data {
  automations: { id: string; name: string; enabled: boolean; summary: string; action: 'sms' | 'email' | 'task' }[];
  runs: {
    id: string;
    automationId: string;
    status: 'pending' | 'succeeded' | 'failed' | 'skipped';
    detail: string | null;
    errorMessage: string | null;
    startedAt: string;
  }[];
}

const RUN_TONE: Record<Data['runs'][number]['status'], BadgeTone> = {
  pending: 'info',
  succeeded: 'success',
  failed: 'danger',
  skipped: 'neutral',
};
const ACTION = { sms: 'Texts the client', email: 'Emails you', task: 'Creates a task' };

/** Automations that act on this client, and what they recently did for them. */
export function AutomationsSection({ clientId, timeZone }: { clientId: string; timeZone: string }) {
  const automations = useResource<Data>(`/api/v1/coach/clients/${clientId}/automations`);
  return (
    <SectionCard
      id="automations"
      title="Automations"
      noun="automations"
      resource={automations}
      actions={<Link to="/coach/automations">Manage automations</Link>}
      isEmpty={(d) => d.automations.length === 0 && d.runs.length === 0}
      empty={{
        icon: 'spark',
        title: 'No automations affect this client',
        text: 'Reminders when sessions run low, check-ins after a quiet spell…',
      }}
    >
      {(d) => {
        const names = new Map(d.automations.map((a) => [a.id, a.name]));
        return d.automations.length === 0 && d.runs.length === 0 ? null : (
          <>
            <ul className="coach-list">
              {d.automations.map((a) => (
                <li key={a.id} className="coach-list-item">
                  <div className="coach-list-main">
                    <p className="coach-list-title">{a.name}</p>
                    <p className="coach-list-meta">
                      {a.summary} · {ACTION[a.action]}
                    </p>
                  </div>
                  <Badge tone={a.enabled ? 'success' : 'neutral'}>{a.enabled ? 'On' : 'Off'}</Badge>
                </li>
              ))}
            </ul>
            {d.runs.length > 0 ? (
              <>
                <h3 className="coach-subtitle">Recent runs for this client</h3>
                <ul className="coach-list">
                  {d.runs.map((r) => (
                    <li key={r.id} className="coach-list-item">
                      <div className="coach-list-main">
                        <p className="coach-list-title">{names.get(r.automationId) ?? 'Automation'}</p>
                        <p className="coach-list-meta">
                          {formatDateTime(r.startedAt, timeZone)}
                          {r.errorMessage || r.detail ? ` · ${r.errorMessage ?? r.detail}` : ''}
                        </p>
                      </div>
                      <Badge tone={RUN_TONE[r.status]}>{r.status}</Badge>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        );
      }}
    </SectionCard>
  );
}
