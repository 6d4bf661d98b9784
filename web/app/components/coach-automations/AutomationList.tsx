import { Form, Link } from '@remix-run/react';
import { Badge, Card, EmptyState, buttonClass, type BadgeTone } from '~/components/ui';

export interface ListedRun {
  id: string;
  status: 'pending' | 'succeeded' | 'failed' | 'skipped';
  detail: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  attempt: number;
  startedLocal: string;
  nextAttemptLocal: string | null;
  clientName: string | null;
}

export interface ListedAutomation {
  id: string;
  name: string;
  enabled: boolean;
  summary: string;
  audience: string;
  action: string;
  nextRunLocal: string | null;
  lastRun: ListedRun | null;
}

export const RUN_TONE: Record<ListedRun['status'], BadgeTone> = {
  succeeded: 'success',
  failed: 'danger',
  skipped: 'warning',
  pending: 'info',
};
const ACTION_WORDS: Record<string, string> = { sms: 'Texts the client', email: 'Emails you', task: 'Adds a task for you' };

/** The org's rules. `locked` (no Team): readable, may be paused or deleted (in History), never edited or turned on. */
export function AutomationList({ automations, locked = false }: { automations: ListedAutomation[]; locked?: boolean }) {
  if (automations.length === 0 && locked) return null;
  if (automations.length === 0) {
    return (
      <EmptyState
        title="No automations yet"
        actions={
          <Link className={buttonClass('primary')} to="?new=1#automation-form">
            Create your first automation
          </Link>
        }
      >
        <p>Send a Monday check-in, nudge clients whose package is nearly used up, or remind yourself to call someone who has gone quiet.</p>
      </EmptyState>
    );
  }
  return (
    <ul className="automation-list" aria-label="Automations">
      {automations.map((a) => (
        <li key={a.id} className="automation-item">
          <div className="automation-item-head">
            <h2 className="automation-name">{a.name}</h2>
            <Badge tone={a.enabled ? 'success' : 'neutral'}>{a.enabled ? 'On' : 'Paused'}</Badge>
          </div>
          <p className="automation-summary">{a.summary}</p>
          <p className="automation-muted">
            {ACTION_WORDS[a.action] ?? a.action} · {a.audience}
          </p>
          <dl className="automation-facts">
            <div>
              <dt>Next run</dt>
              <dd>{a.nextRunLocal ?? '—'}</dd>
            </div>
            <div>
              <dt>Last run</dt>
              <dd>
                {a.lastRun ? (
                  <>
                    <Badge tone={RUN_TONE[a.lastRun.status]}>{a.lastRun.status}</Badge> {a.lastRun.startedLocal}
                  </>
                ) : (
                  'Never'
                )}
              </dd>
            </div>
          </dl>
          <div className="automation-item-actions">
            {locked && !a.enabled ? null : (
              <Form method="post">
                <input type="hidden" name="intent" value="toggle" />
                <input type="hidden" name="id" value={a.id} />
                <input type="hidden" name="enabled" value={a.enabled ? '' : 'on'} />
                <button type="submit" className={buttonClass('secondary', 'sm')} aria-pressed={a.enabled}>
                  {a.enabled ? 'Pause' : 'Turn on'}
                </button>
              </Form>
            )}
            {locked ? null : (
              <Link className={buttonClass('secondary', 'sm')} to={`?edit=${a.id}#automation-form`}>
                Edit
              </Link>
            )}
            <Link className={buttonClass('secondary', 'sm')} to={`?runs=${a.id}#automation-runs`}>
              History
            </Link>
          </div>
        </li>
      ))}
    </ul>
  );
}

export function RunHistory({ name, runs, automationId }: { name: string; runs: ListedRun[]; automationId: string }) {
  return (
    <Card
      id="automation-runs"
      title={`History: ${name}`}
      description="Newest first. Failed runs are retried after 1, 5, 15 and 60 minutes, then stay failed."
    >
      {runs.length === 0 ? (
        <p className="automation-muted">No runs yet.</p>
      ) : (
        <ul className="automation-run-list">
          {runs.map((r) => (
            <li key={r.id} className="automation-run">
              <div className="automation-run-head">
                <Badge tone={RUN_TONE[r.status]}>{r.status}</Badge>
                <span>{r.startedLocal}</span>
                {r.clientName ? <span className="automation-muted">{r.clientName}</span> : null}
                <span className="automation-muted">attempt {r.attempt}</span>
              </div>
              {r.errorCode || r.errorMessage ? (
                <p className="automation-error">
                  {r.errorCode}: {r.errorMessage}
                  {r.nextAttemptLocal ? ` — next try ${r.nextAttemptLocal}` : ''}
                </p>
              ) : null}
              {r.detail ? <p className="automation-muted">{r.detail}</p> : null}
            </li>
          ))}
        </ul>
      )}
      <Form method="post" className="automation-delete">
        <input type="hidden" name="intent" value="delete" />
        <input type="hidden" name="id" value={automationId} />
        <button type="submit" className={buttonClass('danger', 'sm')}>
          Delete this automation
        </button>
      </Form>
    </Card>
  );
}
