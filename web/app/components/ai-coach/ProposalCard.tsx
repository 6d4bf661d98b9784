// A change the coach proposes: reason, risk notes, before/after per workout and the forecast; nothing
// changes until the athlete confirms. Each button is a form posting to the page (works without
// JavaScript); with JavaScript it calls the API in place. After apply: what changed, when, and Undo.
import { Form, Link, useSearchParams } from '@remix-run/react';
import { type FormEvent, useRef, useState } from 'react';
import { FOLLOW_UP_PREFIX, type ProposalView } from '~/utils/ai-coach';
import { Badge, Button } from '../ui';
import { decideProposal, undoPlanChange } from './coach-api';
import { changeLine, Forecast, ProposalDiff } from './ProposalDiff';

interface Props {
  proposal: ProposalView;
  timeZone: string;
  /** Fills the composer ("About this proposal: "). */
  onFollowUp: (text: string) => void;
  /** After a change: the page re-reads its data. */
  onChanged: () => void;
}

type Pending = 'confirm' | 'reject' | 'undo' | null;

const time = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));

export function ProposalCard({ proposal: initial, timeZone, onFollowUp, onChanged }: Props) {
  const [params] = useSearchParams();
  const [local, setLocal] = useState<ProposalView | null>(null);
  const p = local && local.id === initial.id && rank(local) >= rank(initial) ? local : initial;
  const [pending, setPending] = useState<Pending>(null);
  const pendingRef = useRef<Pending>(null);
  const [error, setError] = useState<{ intent: Pending; message: string } | null>(null);
  const [undone, setUndone] = useState(p.planChangeId !== null && params.get('undone') === p.planChangeId);

  // With JavaScript: the API, once — a second click while one is pending does nothing.
  const submit = (intent: Exclude<Pending, null>) => async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (pendingRef.current) return;
    pendingRef.current = intent;
    setPending(intent);
    setError(null);
    try {
      if (intent === 'undo') {
        if (p.planChangeId) await undoPlanChange(p.planId, p.planChangeId);
        setUndone(true);
      } else setLocal(await decideProposal(p.id, intent));
      onChanged();
    } catch (err) {
      setError({ intent, message: (err as Error).message });
      // A failed apply is kept by the server as 'failed': re-read it so the card says so.
      if (intent === 'confirm') onChanged();
    } finally {
      pendingRef.current = null;
      setPending(null);
    }
  };

  const hidden = (intent: string) => (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="proposalId" value={p.id} />
    </>
  );
  const titleId = `proposal-${p.id}-title`;
  const decided = p.status === 'applied' || p.status === 'rejected';
  const details = (
    <>
      {p.riskNotes.length ? (
        <ul className="coach-proposal-risks" aria-label="Worth knowing">
          {p.riskNotes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
      <ProposalDiff diff={p.diff} />
      <Forecast forecast={p.forecast} />
    </>
  );

  return (
    <section id={`proposal-${p.id}`} className={`coach-proposal is-${p.status}`} aria-labelledby={titleId}>
      <div className="coach-proposal-head">
        <h3 id={titleId} className="coach-proposal-title">
          Proposed change to your plan
        </h3>
        <StatusBadge status={p.status} undone={undone} />
      </div>
      <p className="coach-proposal-reason">{p.reason}</p>
      {decided ? (
        // Once decided, the receipt (or the rejection) leads; the proposal's details fold away.
        <details className="coach-proposal-more">
          <summary>The proposal in detail</summary>
          <div>{details}</div>
        </details>
      ) : (
        details
      )}

      {p.status === 'applied' ? (
        <div className="coach-apply-receipt" role="status">
          <p className="coach-apply-h">
            {undone
              ? 'Undone: your plan is back as it was.'
              : `Applied${p.appliedAt ? ` on ${time(p.appliedAt, timeZone)}` : ''}. What changed:`}
          </p>
          {undone ? null : (
            <ul>
              {p.diff.map((r) => (
                <li key={r.workoutId}>{changeLine(r.before, r.after)}</li>
              ))}
            </ul>
          )}
          <div className="coach-proposal-actions">
            <Link to={`/training?date=${p.diff[0]?.after?.date ?? p.diff[0]?.before?.date ?? ''}`} className="btn btn-secondary btn-sm">
              See it in your plan
            </Link>
            {p.planChangeId && !undone ? (
              <Form method="post" onSubmit={submit('undo')}>
                {hidden('undo')}
                <input type="hidden" name="planId" value={p.planId} />
                <input type="hidden" name="changeId" value={p.planChangeId} />
                <Button type="submit" variant="link" size="sm" disabled={pending !== null} aria-disabled={pending !== null || undefined}>
                  {pending === 'undo' ? 'Undoing…' : 'Undo'}
                </Button>
              </Form>
            ) : null}
          </div>
        </div>
      ) : null}

      {p.status === 'failed' ? (
        <p className="coach-proposal-failed" role="alert">
          It couldn't be applied{p.error ? `: ${p.error}` : '.'} Nothing in your plan changed; you can try again.
        </p>
      ) : null}
      {p.status === 'rejected' ? <p className="coach-note">You rejected this change. Your plan stays as it is.</p> : null}

      {p.status === 'proposed' || p.status === 'failed' || p.status === 'confirmed' ? (
        <div className="coach-proposal-actions">
          <Form method="post" onSubmit={submit('confirm')}>
            {hidden('confirm')}
            <Button
              type="submit"
              size="sm"
              disabled={pending !== null || p.status === 'confirmed'}
              aria-disabled={pending !== null || undefined}
            >
              {pending === 'confirm' || p.status === 'confirmed' ? 'Applying…' : p.status === 'failed' ? 'Retry' : 'Confirm & apply'}
            </Button>
          </Form>
          {p.status === 'proposed' ? (
            <Form method="post" onSubmit={submit('reject')}>
              {hidden('reject')}
              <Button type="submit" variant="secondary" size="sm" disabled={pending !== null}>
                {pending === 'reject' ? 'Rejecting…' : 'Reject'}
              </Button>
            </Form>
          ) : null}
          <Button variant="link" size="sm" onClick={() => onFollowUp(FOLLOW_UP_PREFIX)}>
            Ask a follow-up
          </Button>
        </div>
      ) : null}
      {error ? (
        <p className="coach-proposal-error" role="alert">
          {error.message}
          {error.intent === 'confirm' ? ' Nothing was lost: try again.' : null}
        </p>
      ) : null}
    </section>
  );
}

const RANK: Record<ProposalView['status'], number> = { proposed: 0, failed: 1, confirmed: 2, rejected: 3, applied: 3 };
const rank = (p: ProposalView) => RANK[p.status];

function StatusBadge({ status, undone }: { status: ProposalView['status']; undone: boolean }) {
  if (undone) return <Badge tone="neutral">Undone</Badge>;
  if (status === 'applied') return <Badge tone="success">Applied</Badge>;
  if (status === 'rejected') return <Badge tone="neutral">Rejected</Badge>;
  if (status === 'failed') return <Badge tone="warning">Not applied</Badge>;
  if (status === 'confirmed') return <Badge tone="info">Applying</Badge>;
  return <Badge tone="info">Waiting for you</Badge>;
}
