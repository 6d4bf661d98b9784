// The adaptive plan's changes (issue 58) as Home and /training/changes show them: each with its reason, what it does
// in words, its status and date, and the one decision it still takes — plain forms posted to the page's action.
import { Form, Link } from '@remix-run/react';
import type { PlanChange } from '~/utils/adapt.server';
import { Alert, Badge, type BadgeTone, ButtonLink, Card, Icon, LiveRegion, SubmitButton } from '../ui';

const STATUS: Record<PlanChange['status'], { label: string; tone: BadgeTone }> = {
  proposed: { label: 'Proposed', tone: 'info' },
  awaiting_coach: { label: 'Waiting for your coach', tone: 'warning' },
  applied: { label: 'Applied', tone: 'success' },
  dismissed: { label: 'Not now', tone: 'neutral' },
  refused: { label: 'Refused by your coach', tone: 'neutral' },
  undone: { label: 'Undone', tone: 'neutral' },
};

export type ActionResult =
  | { ok: boolean; message?: string; formError?: string; fieldErrors: Record<string, string>; intent?: string }
  | undefined;

/** The action's answer, said once above the list (announced after a submit). */
export function ChangeResult({ result }: { result: ActionResult }) {
  return (
    <LiveRegion>
      {result?.ok && result.message ? (
        <Alert tone="success" announce={false}>
          {result.message}
        </Alert>
      ) : result && !result.ok && result.formError ? (
        <Alert tone="error" announce={false}>
          {result.formError}
        </Alert>
      ) : null}
    </LiveRegion>
  );
}

function Decide({ planId, id, intent, label, pending, variant }: DecideProps) {
  return (
    <Form method="post" className="plan-change-form" preventScrollReset>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="planId" value={planId} />
      <input type="hidden" name="id" value={id} />
      <SubmitButton size="sm" variant={variant} pendingText={pending} match={{ intent, id }}>
        {label}
      </SubmitButton>
    </Form>
  );
}
type DecideProps = { planId: string; id: string; intent: string; label: string; pending: string; variant: 'primary' | 'secondary' };

/** One change: status and date, the reason, its steps in words, and Confirm / Not now or Undo where they apply. */
export function ChangeItem({ c, planId }: { c: PlanChange; planId: string }) {
  const s = STATUS[c.status];
  // The badge says what it is; the line says when (proposed, then decided).
  const when = c.decided && c.decided !== c.created ? `${c.created} · decided ${c.decided}` : c.created;
  return (
    <li className="plan-change">
      <div className="plan-change-head">
        <Badge tone={s.tone}>{c.status === 'applied' && c.auto ? 'Applied on its own' : s.label}</Badge>
        <span className="plan-change-date">{when}</span>
      </div>
      <h3 className="plan-change-reason">{c.reason}</h3>
      <ul className="plan-change-steps">
        {c.changes.map((x) => (
          <li key={x.words}>{x.words}</li>
        ))}
      </ul>
      {c.status === 'proposed' ? (
        <div className="plan-change-actions">
          <Decide planId={planId} id={c.id} intent="adapt-confirm" label="Confirm" pending="Applying…" variant="primary" />
          <Decide planId={planId} id={c.id} intent="adapt-dismiss" label="Not now" pending="Setting aside…" variant="secondary" />
        </div>
      ) : c.status === 'awaiting_coach' ? (
        <p className="plan-change-note">Your coach decides this one; you’ll hear when they do.</p>
      ) : c.undoable ? (
        <div className="plan-change-actions">
          <Decide planId={planId} id={c.id} intent="adapt-undo" label="Undo" pending="Undoing…" variant="secondary" />
        </div>
      ) : null}
    </li>
  );
}

/** Home's card: what waits for a decision and what was applied lately (with Undo). No changes: no card. */
export function PlanChangesCard({ items, planId, result }: { items: PlanChange[]; planId: string; result: ActionResult }) {
  const adaptResult = result?.intent?.startsWith('adapt-') ? result : undefined;
  if (items.length === 0 && !adaptResult) return null;
  const open = items.filter((i) => i.status === 'proposed').length;
  return (
    <Card
      id="plan-changes"
      title="Plan changes"
      className="plan-changes"
      description={
        open > 0
          ? `Your plan proposes ${open === 1 ? 'a change' : `${open} changes`} from your real week. Nothing changes until you confirm.`
          : 'What your plan changed lately from your real week.'
      }
      actions={
        <ButtonLink to="/training/changes" variant="secondary" size="sm">
          All changes and settings
        </ButtonLink>
      }
    >
      <ChangeResult result={adaptResult} />
      {items.length > 0 ? (
        <ul className="plan-change-list">
          {items.map((c) => (
            <ChangeItem key={c.id} c={c} planId={planId} />
          ))}
        </ul>
      ) : null}
    </Card>
  );
}

/** The calendar's line under a week whose workouts a change waiting for a decision names. */
export function ProposedNotice({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <p className="plan-week-changes">
      <Icon name="calendar" className="icon icon-sm" /> {count === 1 ? '1 plan change proposed' : `${count} plan changes proposed`} —{' '}
      <Link to="/training/changes">review</Link>
    </p>
  );
}
