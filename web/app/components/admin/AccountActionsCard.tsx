import { Form } from '@remix-run/react';
import { useEffect, useRef, type ReactNode } from 'react';
import { Alert, Badge, ButtonLink, Card, Field, FormError, LiveRegion, SubmitButton } from '../ui';
import { CopyField } from './CopyField';
import type { AccountActionResult, AccountIntent } from '~/utils/operator-accounts';

export interface AccountActionsUser {
  id: string;
  displayName: string;
  blockedAt: string | null;
  blockedReason: string | null;
  mustChangePassword: boolean;
}

interface ActionFormProps {
  user: AccountActionsUser;
  intent: AccountIntent;
  result?: AccountActionResult | undefined;
  label: string;
  pendingText: string;
  variant?: 'primary' | 'secondary' | 'danger';
  hint?: ReactNode;
}

// Distinct names, so a screen reader's list of fields tells the three forms apart.
const REASON_LABEL: Record<AccountIntent, string> = {
  block: 'Reason for blocking',
  unblock: 'Reason for unblocking',
  'send-reset': 'Reason for the reset email',
  'temporary-password': 'Reason for the temporary password',
};

/** One action's form: a required reason (kept after a refusal) and its button. */
function ActionForm({ user, intent, result, label, pendingText, variant = 'secondary', hint }: ActionFormProps) {
  const mine = result?.intent === intent ? result : undefined;
  const form = useRef<HTMLFormElement>(null);
  // Done: the reason should not linger for the next action.
  useEffect(() => {
    if (mine?.ok) form.current?.reset();
  }, [mine]);
  return (
    <Form method="post" className="form account-action" ref={form}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="userId" value={user.id} />
      {mine && !mine.ok && !mine.confirm ? <FormError message={mine.formError} /> : null}
      <Field
        id={`account-${intent}-reason`}
        label={REASON_LABEL[intent]}
        name="reason"
        required
        maxLength={500}
        defaultValue={mine && !mine.ok ? mine.values?.reason : undefined}
        error={mine?.fieldErrors.reason}
        hint={hint}
      />
      <SubmitButton variant={variant} pendingText={pendingText} match={{ intent }}>
        {label}
      </SubmitButton>
    </Form>
  );
}

/** The second, named step of a destructive action: the reason travels along, confirm= says which. */
function Confirmation({
  user,
  result,
  question,
  consequence,
  label,
}: {
  user: AccountActionsUser;
  result: AccountActionResult;
  question: string;
  consequence: string;
  label: string;
}) {
  return (
    <Alert tone="warning" announce={false} title={question}>
      <p>{consequence}</p>
      <p className="account-reason">Reason: {result.values?.reason}</p>
      <Form method="post" className="form-actions">
        <input type="hidden" name="intent" value={result.intent} />
        <input type="hidden" name="userId" value={user.id} />
        <input type="hidden" name="reason" value={result.values?.reason ?? ''} />
        <input type="hidden" name="confirm" value={result.intent} />
        <SubmitButton variant="danger" pendingText="Working…" match={{ intent: result.intent, confirm: result.intent }}>
          {label}
        </SubmitButton>
        <ButtonLink to="." variant="secondary">
          Cancel
        </ButtonLink>
      </Form>
    </Alert>
  );
}

/**
 * Account safety actions on the athlete page (users.manage): block/unblock, reset mail, one-time
 * temporary password. The host page's action hands the form to runAccountAction and passes its result.
 */
export function AccountActionsCard({ user, result }: { user: AccountActionsUser; result?: AccountActionResult | undefined }) {
  const name = user.displayName;
  const confirming = result?.confirm ? result : undefined;
  return (
    <Card id="account-actions" title="Account safety" description="Every action needs a reason and is recorded in the audit log.">
      <p className="account-status">
        {user.blockedAt ? <Badge tone="danger">Blocked</Badge> : <Badge tone="success">Active</Badge>}{' '}
        {user.mustChangePassword ? <Badge tone="warning">Must set a new password</Badge> : null}
      </p>
      {user.blockedAt ? <p className="account-reason">Blocked: {user.blockedReason ?? 'no reason recorded'}</p> : null}
      <LiveRegion>
        {result?.ok ? (
          <Alert tone="success" announce={false} title={result.message}>
            {result.temporaryPassword ? (
              <>
                <p>Give it to {name} by phone or in person. It is shown only this once; at their next login they must choose their own.</p>
                <CopyField label="Temporary password" value={result.temporaryPassword} />
              </>
            ) : null}
          </Alert>
        ) : null}
        {confirming?.intent === 'block' ? (
          <Confirmation
            user={user}
            result={confirming}
            question={`Block ${name}?`}
            consequence={`${name} is signed out everywhere and cannot log in, use the API or the calendar feed until unblocked.`}
            label={`Yes, block ${name}`}
          />
        ) : null}
        {confirming?.intent === 'temporary-password' ? (
          <Confirmation
            user={user}
            result={confirming}
            question={`Replace ${name}'s password?`}
            consequence={`${name}'s current password stops working and every session is signed out. You will see the temporary password once.`}
            label="Yes, issue a temporary password"
          />
        ) : null}
      </LiveRegion>
      <div className="account-actions">
        <section aria-labelledby="account-access-title">
          <h3 id="account-access-title" className="account-action-title">
            {user.blockedAt ? 'Unblock' : 'Block'}
          </h3>
          {user.blockedAt ? (
            <ActionForm user={user} intent="unblock" result={result} label={`Unblock ${name}`} pendingText="Unblocking…" />
          ) : (
            <ActionForm
              user={user}
              intent="block"
              result={result}
              label="Block account…"
              pendingText="Checking…"
              variant="danger"
              hint="Signs them out everywhere; login is refused until unblocked. You confirm on the next step."
            />
          )}
        </section>
        <section aria-labelledby="account-reset-title">
          <h3 id="account-reset-title" className="account-action-title">
            Password reset email
          </h3>
          <ActionForm
            user={user}
            intent="send-reset"
            result={result}
            label="Send reset email"
            pendingText="Sending…"
            hint="The usual one-time link to their own inbox, valid for 30 minutes."
          />
        </section>
        <section aria-labelledby="account-temporary-title">
          <h3 id="account-temporary-title" className="account-action-title">
            Temporary password
          </h3>
          <ActionForm
            user={user}
            intent="temporary-password"
            result={result}
            label="Issue temporary password…"
            pendingText="Checking…"
            variant="danger"
            hint="Urgent cases only, when email cannot reach them. They must set their own at the next login."
          />
        </section>
      </div>
    </Card>
  );
}
