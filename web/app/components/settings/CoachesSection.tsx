import { Form } from '@remix-run/react';
import { Badge, Card, ResultNotice, SubmitButton, useSubmitting } from '../ui';

export interface CoachLinkView {
  id: string;
  status: 'pending' | 'accepted';
  orgName: string;
  requestedBy: string | null;
  /** When they asked (pending) or when you agreed (accepted), in your time zone. */
  date: string;
  /** Whether this coach may change your training plan (accepted links; off until you allow it). */
  planEdit: boolean;
  /** Whether you share your wellness with this coach (accepted links; off until you share it). */
  wellness: boolean;
}

/**
 * A consent switch that is a form, so it works without JavaScript; while the change is on its way it shows the
 * state asked for.
 */
function LinkSwitch({
  id,
  on,
  verbs,
  label,
  why,
  kind,
}: {
  id: string;
  on: boolean;
  verbs: [off: string, on: string];
  label: string;
  why: string;
  kind: string;
}) {
  const next = on ? verbs[0] : verbs[1];
  const busy = useSubmitting({ intent: 'coach-link', linkId: id, verb: next });
  const shown = busy ? !on : on;
  const labelId = `${kind}-${id}`;
  return (
    <Form method="post" className="plan-edit">
      <input type="hidden" name="intent" value="coach-link" />
      <input type="hidden" name="linkId" value={id} />
      <button
        type="submit"
        name="verb"
        value={next}
        role="switch"
        aria-checked={shown}
        aria-labelledby={labelId}
        aria-describedby={`${labelId}-why`}
        disabled={busy}
        className="switch"
      >
        <span className="switch-thumb" aria-hidden="true" />
      </button>
      <span className="plan-edit-text">
        <span id={labelId} className="plan-edit-label">
          {label}
        </span>
        <span id={`${labelId}-why`} className="plan-edit-why">
          {why}
        </span>
      </span>
    </Form>
  );
}

/**
 * "May edit my plan": a switch that is a form, so it works without JavaScript; while the change is on
 * its way it shows the state asked for.
 */
function PlanEditSwitch({ id, on }: { id: string; on: boolean }) {
  const next = on ? 'forbid-edit' : 'allow-edit';
  const busy = useSubmitting({ intent: 'coach-link', linkId: id, verb: next });
  const shown = busy ? !on : on;
  const labelId = `plan-edit-${id}`;
  return (
    <Form method="post" className="plan-edit">
      <input type="hidden" name="intent" value="coach-link" />
      <input type="hidden" name="linkId" value={id} />
      <button
        type="submit"
        name="verb"
        value={next}
        role="switch"
        aria-checked={shown}
        aria-labelledby={labelId}
        aria-describedby={`${labelId}-why`}
        disabled={busy}
        className="switch"
      >
        <span className="switch-thumb" aria-hidden="true" />
      </button>
      <span className="plan-edit-text">
        <span id={labelId} className="plan-edit-label">
          May edit my plan
        </span>
        <span id={`${labelId}-why`} className="plan-edit-why">
          They can move, skip and restore your workouts; each change shows their name in your plan’s history.
        </span>
      </span>
    </Form>
  );
}

function LinkAction({
  id,
  verb,
  label,
  pending,
  variant,
}: {
  id: string;
  verb: 'accept' | 'decline' | 'revoke';
  label: string;
  pending: string;
  variant?: 'secondary' | 'danger';
}) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="coach-link" />
      <input type="hidden" name="linkId" value={id} />
      <SubmitButton
        name="verb"
        value={verb}
        size="sm"
        variant={variant}
        pendingText={pending}
        match={{ intent: 'coach-link', linkId: id, verb }}
      >
        {label}
      </SubmitButton>
    </Form>
  );
}

/** Coaching businesses that asked to see your training, and those you share it with (stop any time). */
export function CoachesSection({
  links,
  result,
}: {
  links: CoachLinkView[];
  result?: { ok: boolean; message?: string; formError?: string };
}) {
  return (
    <Card
      id="coaches"
      title="Coaches"
      description="A coach you share with sees your fitness, weekly volume, recent activities and training plan, except activities from Strava, which only you can see. Your wellness is shared only if you also turn that on. Stop sharing whenever you like."
    >
      <ResultNotice result={result} />
      {links.length === 0 ? (
        <p className="coaches-empty">No coach has asked to see your training. When one does, you decide here.</p>
      ) : (
        <ul className="session-list coaches-list">
          {links.map((l) => (
            <li key={l.id} className="session">
              <div className="session-info">
                <p className="session-device">
                  {l.orgName}{' '}
                  {l.status === 'accepted' ? <Badge tone="success">Sharing</Badge> : <Badge tone="info">Asks to see your training</Badge>}
                </p>
                <p className="session-meta">
                  {l.status === 'accepted' ? `Sharing since ${l.date}` : `Asked on ${l.date}`}
                  {l.requestedBy ? ` by ${l.requestedBy}` : ''}
                </p>
                {l.status === 'accepted' ? <PlanEditSwitch id={l.id} on={l.planEdit} /> : null}
                {l.status === 'accepted' ? (
                  <LinkSwitch
                    id={l.id}
                    on={l.wellness}
                    verbs={['stop-wellness', 'share-wellness']}
                    kind="wellness-share"
                    label={`Share my wellness (sleep, HRV, resting HR, check-ins, weight) with ${l.orgName}`}
                    why="Health data: off unless you turn it on, and stopped at once when you turn it off."
                  />
                ) : null}
              </div>
              <div className="coaches-actions">
                {l.status === 'pending' ? (
                  <>
                    <LinkAction id={l.id} verb="accept" label="Share my training" pending="Sharing…" />
                    <LinkAction id={l.id} verb="decline" label="Decline" pending="Declining…" variant="secondary" />
                  </>
                ) : (
                  <LinkAction id={l.id} verb="revoke" label="Stop sharing" pending="Stopping…" variant="secondary" />
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
