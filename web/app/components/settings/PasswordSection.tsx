import { Form } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { Card, Field, NewPasswordField } from '../ui';
import { SaveRow } from './SaveRow';
import type { FormOutcome } from '~/utils/form-outcome';

type Result = FormOutcome;

export function PasswordSection({ result }: { result?: Result }) {
  const errors = result?.fieldErrors ?? {};
  const form = useRef<HTMLFormElement>(null);
  // Passwords should not linger in the fields once they have been changed.
  useEffect(() => {
    if (result?.ok) form.current?.reset();
  }, [result]);
  return (
    <Card id="password" title="Password" description="Changing it signs you out on every other device.">
      <Form method="post" className="form" ref={form}>
        <input type="hidden" name="intent" value="password" />
        <Field
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={errors.currentPassword}
        />
        <NewPasswordField name="newPassword" error={errors.newPassword} />
        <Field
          label="Confirm new password"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          error={errors.confirmPassword}
        />
        <SaveRow intent="password" label="Change password" pendingText="Changing…" result={result} />
      </Form>
    </Card>
  );
}
