import { Form } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { Alert, Card, Field, SubmitButton } from '../ui';
import { SaveRow } from './SaveRow';
import type { FormOutcome } from '~/utils/form-outcome';

export interface EmailChangeView {
  newEmail: string;
  /** "Wed 26 Nov, 14:05" in the athlete's zone. */
  expires: string;
  canResend: boolean;
}

/**
 * Settings → Email address (ADR 040): the form (new address + password), or the change waiting for the link
 * sent to the new address, with "Send again" and "Cancel". Nothing changes until that link is opened.
 */
export function EmailSection({
  email,
  pending,
  impersonating,
  result,
}: {
  email: string;
  pending: EmailChangeView | null;
  impersonating: boolean;
  result?: FormOutcome & { values?: Record<string, string> };
}) {
  const errors = result?.fieldErrors ?? {};
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (result?.ok) form.current?.reset();
  }, [result]);
  return (
    <Card
      id="email"
      title="Email address"
      description="Where Cadence writes to you and the address you sign in with. A change is confirmed from the new inbox; your old address is told and can undo it for 72 hours."
    >
      <p className="profile-email">
        Current address: <strong>{email}</strong>
      </p>
      {impersonating ? (
        <Alert tone="info" announce={false}>
          Only the athlete can change their email address.
        </Alert>
      ) : pending ? (
        <div className="email-change">
          <Alert tone="warning" announce={result?.ok === true} title="Waiting for confirmation">
            We sent a link to <strong>{pending.newEmail}</strong>. Open it before {pending.expires} to switch to that address. Until then
            you keep signing in with {email}.
          </Alert>
          <div className="form-actions">
            <Form method="post">
              <input type="hidden" name="intent" value="email-resend" />
              <SubmitButton variant="secondary" pendingText="Sending…" match={{ intent: 'email-resend' }} disabled={!pending.canResend}>
                Send the link again
              </SubmitButton>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="email-cancel" />
              <SubmitButton variant="link" pendingText="Cancelling…" match={{ intent: 'email-cancel' }}>
                Cancel the change
              </SubmitButton>
            </Form>
          </div>
          {result ? <SaveRowResult result={result} /> : null}
        </div>
      ) : (
        <Form method="post" className="form" ref={form}>
          <input type="hidden" name="intent" value="email" />
          <Field
            label="New email address"
            name="newEmail"
            type="email"
            autoComplete="email"
            required
            maxLength={254}
            defaultValue={result?.ok ? '' : (result?.values?.newEmail ?? '')}
            error={errors.newEmail}
          />
          <Field
            label="Your password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            hint="To make sure it is you asking."
            error={errors.password}
          />
          <SaveRow intent="email" label="Send confirmation link" pendingText="Sending…" result={result} />
        </Form>
      )}
    </Card>
  );
}

function SaveRowResult({ result }: { result: FormOutcome }) {
  const text = result.ok ? result.message : result.formError;
  return text ? <Alert tone={result.ok ? 'success' : 'error'}>{text}</Alert> : null;
}
