import { Form } from '@remix-run/react';
import { Badge, type BadgeTone, Card, FormError, SubmitButton, SuccessNotice } from '~/components/ui';
import type { ClientChanges } from '~/utils/coach-adapt.server';

const DECIDED: Record<string, { label: string; tone: BadgeTone }> = {
  applied: { label: 'Applied', tone: 'success' },
  refused: { label: 'Refused', tone: 'neutral' },
  dismissed: { label: 'Set aside', tone: 'neutral' },
  undone: { label: 'Undone', tone: 'neutral' },
};

type Result = { ok: boolean; id: string; message?: string; formError?: string } | undefined;

/**
 * "Plan changes awaiting you": what the client's plan proposed from their real week, each with its reason and steps
 * (ticked: approving applies the ticked ones), Approve or Refuse; then the recent decided ones. Plain forms.
 */
export function PlanChangesSection({ data, result }: { data: ClientChanges; result: Result }) {
  return (
    <Card
      id="plan-changes"
      title="Plan changes awaiting you"
      className="coach-section"
      description="Their plan re-plans from their real week; nothing changes until you approve."
    >
      <div className="coach-section-body">
        {data.waiting.length === 0 ? <p className="coach-muted">Nothing waits for you.</p> : null}
        <ul className="plan-change-list">
          {data.waiting.map((c) => (
            <li key={c.id} className="plan-change">
              <div className="plan-change-head">
                <Badge tone="warning">Waiting for you</Badge>
                <span className="plan-change-date">Proposed {c.created}</span>
              </div>
              {/* The reason is the plan's words to the athlete: said so, rather than read as the coach's own "you". */}
              <h3 className="plan-change-reason">
                <span className="plan-change-said">What their plan told them: </span>“{c.reason}”
              </h3>
              {result?.id === c.id ? (
                <>
                  <SuccessNotice message={result.ok ? (result.message ?? null) : null} />
                  <FormError message={result.ok ? null : result.formError} />
                </>
              ) : null}
              <Form method="post" preventScrollReset>
                <input type="hidden" name="id" value={c.id} />
                <fieldset className="plan-change-pick">
                  <legend className="plan-change-hint">Steps to apply (untick one to approve the change without it)</legend>
                  {c.steps.map((words, n) => (
                    <label key={words} className="checkbox plan-change-step">
                      <input type="checkbox" name="step" value={n} defaultChecked /> <span>{words}</span>
                    </label>
                  ))}
                </fieldset>
                <div className="plan-change-actions">
                  <SubmitButton
                    size="sm"
                    name="intent"
                    value="adapt-approve"
                    pendingText="Approving…"
                    match={{ intent: 'adapt-approve', id: c.id }}
                  >
                    Approve
                  </SubmitButton>
                  <SubmitButton
                    size="sm"
                    variant="secondary"
                    name="intent"
                    value="adapt-refuse"
                    pendingText="Refusing…"
                    match={{ intent: 'adapt-refuse', id: c.id }}
                  >
                    Refuse
                  </SubmitButton>
                </div>
              </Form>
            </li>
          ))}
        </ul>
        {data.recent.length > 0 ? (
          <>
            <h3 className="coach-subhead">Recently decided</h3>
            {result?.ok && !data.waiting.some((c) => c.id === result.id) ? <SuccessNotice message={result.message ?? null} /> : null}
            <ul className="plan-change-list plan-change-list-recent">
              {data.recent.map((c) => (
                <li key={c.id} className="plan-change">
                  <div className="plan-change-head">
                    <Badge tone={DECIDED[c.status]?.tone ?? 'neutral'}>{DECIDED[c.status]?.label ?? c.status}</Badge>
                    <span className="plan-change-date">
                      {c.created}
                      {c.decided ? ` · decided ${c.decided}` : ''}
                    </span>
                  </div>
                  <p className="plan-change-reason">{c.reason}</p>
                  <ul className="plan-change-steps">
                    {c.steps.map((w) => (
                      <li key={w}>{w}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </Card>
  );
}
