import { Form } from '@remix-run/react';
import type { ReactNode } from 'react';
import type { OperatorActionResult, OperatorIntent } from '~/utils/operator-actions.server';
import { Card, Field, ResultNotice, SelectField, SubmitButton } from '../ui';

/** What the card needs about the athlete; the page's loader builds it (dates already formatted). */
export interface OperatorActionsAthlete {
  id: string;
  displayName: string;
  tier: string;
  /** Grants in force: comps and trials (operator or invite-code). */
  grants: { id: string; kind: 'comp' | 'invite_trial'; tier: string; ends: string }[];
  strava: { connected: boolean };
  failedJobs: { id: string; kind: string; error: string | null }[];
  failedImports: { id: string; fileName: string; error: string | null }[];
}

interface Props {
  athlete: OperatorActionsAthlete;
  /** Which intents the viewer may run (from `operatorActionsAllowed`); missing ones are not shown. */
  allowed: Partial<Record<OperatorIntent, boolean>>;
  result?: OperatorActionResult | null | undefined;
}

function ActionForm(props: {
  intent: OperatorIntent;
  athlete: OperatorActionsAthlete;
  label: string;
  pending: string;
  result?: OperatorActionResult | null | undefined;
  subject?: string;
  hidden?: Record<string, string>;
  /** Destructive: a confirmation naming the target must be ticked (the server checks it too). */
  confirm?: string;
  children?: ReactNode;
}) {
  const subject = props.subject ?? props.athlete.id;
  const mine = props.result && props.result.intent === props.intent && props.result.subject === subject ? props.result : undefined;
  const errors = mine?.fieldErrors ?? {};
  const idBase = `op-${props.intent}-${subject}`;
  return (
    <Form method="post" className="form operator-action" aria-labelledby={`${idBase}-title`}>
      <h3 id={`${idBase}-title`} className="operator-action-title">
        {props.label}
      </h3>
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="userId" value={props.athlete.id} />
      {Object.entries(props.hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <ResultNotice result={mine} />
      {props.children}
      <Field
        id={`${idBase}-reason`}
        label="Reason"
        name="reason"
        required
        maxLength={500}
        error={errors.reason}
        hint="Recorded in the audit log."
      />
      {props.confirm ? (
        <div className={errors.confirm ? 'field field-invalid' : 'field'}>
          <label className="checkbox">
            <input type="checkbox" name="confirm" value="yes" required /> {props.confirm}
          </label>
          {errors.confirm ? <p className="field-error">{errors.confirm}</p> : null}
        </div>
      ) : null}
      <SubmitButton variant={props.confirm ? 'danger' : 'secondary'} size="sm" pendingText={props.pending} match={{ intent: props.intent }}>
        {props.label}
      </SubmitButton>
    </Form>
  );
}

export function OperatorActionsCard({ athlete, allowed, result }: Props) {
  const name = athlete.displayName;
  const common = { athlete, result };
  const comps = athlete.grants.filter((g) => g.kind === 'comp');
  const trials = athlete.grants.filter((g) => g.kind === 'invite_trial');
  // A retried job or import can finish before the page is read again: its row (and the notice in its form) is gone,
  // so the confirmation is said here instead of vanishing with it.
  const rowGone =
    result?.ok &&
    ((result.intent === 'retry-import' && !athlete.failedImports.some((i) => i.id === result.subject)) ||
      (result.intent === 'retry-job' && !athlete.failedJobs.some((j) => j.id === result.subject)));
  return (
    <Card
      id="operator-actions"
      title="Operator actions"
      description={`Every action needs a reason and is audited. Tier now: ${athlete.tier}.`}
    >
      {rowGone ? <ResultNotice result={result} /> : null}
      <div className="operator-actions">
        {allowed.comp ? (
          <ActionForm {...common} intent="comp" label="Comp access" pending="Granting…">
            <SelectField
              id={`op-comp-tier-${athlete.id}`}
              label="Tier"
              name="tier"
              groups={[
                {
                  label: 'Tier',
                  options: [
                    { value: 'pro', label: 'Pro' },
                    { value: 'elite', label: 'Elite' },
                  ],
                },
              ]}
            />
            <Field id={`op-comp-days-${athlete.id}`} label="Days" name="days" type="number" min={1} max={366} required defaultValue="30" />
          </ActionForm>
        ) : null}
        {allowed['revoke-comp']
          ? comps.map((g) => (
              <ActionForm
                key={g.id}
                {...common}
                intent="revoke-comp"
                subject={g.id}
                hidden={{ grantId: g.id }}
                label={`Revoke ${g.tier} comp (until ${g.ends})`}
                pending="Revoking…"
                confirm={`Yes, revoke ${name}'s ${g.tier} comp`}
              />
            ))
          : null}
        {allowed['grant-trial'] ? (
          <ActionForm {...common} intent="grant-trial" label="Grant a Pro trial" pending="Granting…">
            <Field id={`op-trial-days-${athlete.id}`} label="Days" name="days" type="number" min={1} max={30} required defaultValue="14" />
          </ActionForm>
        ) : null}
        {allowed['revoke-trial']
          ? trials.map((g) => (
              <ActionForm
                key={g.id}
                {...common}
                intent="revoke-trial"
                subject={g.id}
                hidden={{ grantId: g.id }}
                label={`Revoke trial (until ${g.ends})`}
                pending="Revoking…"
                confirm={`Yes, end ${name}'s trial now`}
              />
            ))
          : null}
        {allowed['resync-billing'] ? (
          <ActionForm {...common} intent="resync-billing" label="Re-sync billing from Stripe" pending="Syncing…" />
        ) : null}
        {allowed['reset-onboarding'] ? (
          <ActionForm {...common} intent="reset-onboarding" label="Reset onboarding" pending="Resetting…" />
        ) : null}
        {allowed['retry-ingestion'] ? (
          <ActionForm {...common} intent="retry-ingestion" label="Retry ingestion" pending="Re-queuing…" />
        ) : null}
        {allowed['retry-job']
          ? athlete.failedJobs.map((j) => (
              <ActionForm
                key={j.id}
                {...common}
                intent="retry-job"
                subject={j.id}
                hidden={{ jobId: j.id }}
                label={`Retry job ${j.kind}`}
                pending="Re-queuing…"
              >
                {j.error ? <p className="operator-action-error">{j.error}</p> : null}
              </ActionForm>
            ))
          : null}
        {allowed['retry-import']
          ? athlete.failedImports.map((i) => (
              <ActionForm
                key={i.id}
                {...common}
                intent="retry-import"
                subject={i.id}
                hidden={{ importId: i.id }}
                label={`Retry import ${i.fileName}`}
                pending="Retrying…"
              >
                {i.error ? <p className="operator-action-error">{i.error}</p> : null}
              </ActionForm>
            ))
          : null}
        {allowed['rerun-analytics'] ? (
          <ActionForm {...common} intent="rerun-analytics" label="Re-run analytics" pending="Rebuilding…" />
        ) : null}
        {allowed['clear-coach-thread'] ? (
          <ActionForm
            {...common}
            intent="clear-coach-thread"
            label="Clear the coach thread"
            pending="Clearing…"
            confirm={`Yes, delete ${name}'s AI coach conversations`}
          />
        ) : null}
        {allowed['disconnect-provider'] && athlete.strava.connected ? (
          <ActionForm
            {...common}
            intent="disconnect-provider"
            hidden={{ provider: 'strava' }}
            label="Disconnect Strava"
            pending="Disconnecting…"
            confirm={`Yes, disconnect ${name} from Strava`}
          />
        ) : null}
      </div>
    </Card>
  );
}
