import { Link } from '@remix-run/react';
import { useState } from 'react';
import { Alert, Button, LiveRegion } from '~/components/ui';
import { formatDateTime } from '~/utils/format';
import { api, useResource } from './api';
import { SectionCard } from './SectionCard';

interface Task {
  id: string;
  title: string;
  body: string;
  clientId: string | null;
  dueAt: string | null;
  createdAt: string;
}

/** Open tasks (made by automations), fetched by the browser; "Done" removes one. */
export function TasksCard({ timeZone, clientNames }: { timeZone: string; clientNames: Record<string, string> }) {
  const tasks = useResource<{ tasks: Task[] }>('/api/v1/coach/tasks');
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  async function done(task: Task) {
    setBusy(task.id);
    setNotice(null);
    try {
      await api(`/api/v1/coach/tasks/${task.id}/done`, { method: 'POST' });
      setNotice({ tone: 'success', text: `Done: ${task.title}` });
      tasks.reload();
    } catch (err) {
      setNotice({ tone: 'error', text: (err as Error).message });
    } finally {
      setBusy(null);
    }
  }

  return (
    <SectionCard
      id="tasks"
      title="Open tasks"
      description="To-dos your automations created."
      resource={tasks}
      noun="tasks"
      isEmpty={(d) => d.tasks.length === 0}
      empty={{ icon: 'check', title: 'Nothing to do', text: 'Tasks from your automations will appear here.' }}
    >
      {(d) => (
        <>
          <LiveRegion>
            {notice ? (
              <Alert tone={notice.tone} announce={false}>
                {notice.text}
              </Alert>
            ) : null}
          </LiveRegion>
          {d.tasks.length > 0 ? (
            <ul className="coach-list">
              {d.tasks.map((t) => (
                <li key={t.id} className="coach-list-item">
                  <div className="coach-list-main">
                    <p className="coach-list-title">{t.title}</p>
                    <p className="coach-list-meta">
                      {t.clientId && clientNames[t.clientId] ? (
                        <Link to={`/coach/clients/${t.clientId}`}>{clientNames[t.clientId]}</Link>
                      ) : null}
                      {t.clientId && clientNames[t.clientId] && t.dueAt ? ' · ' : null}
                      {t.dueAt ? `Due ${formatDateTime(t.dueAt, timeZone)}` : null}
                    </p>
                    {t.body ? <p className="coach-list-text">{t.body}</p> : null}
                  </div>
                  <Button
                    variant="secondary"
                    size="sm"
                    onClick={() => done(t)}
                    disabled={busy === t.id}
                    aria-label={`Mark “${t.title}” done`}
                  >
                    {busy === t.id ? 'Saving…' : 'Done'}
                  </Button>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </SectionCard>
  );
}
