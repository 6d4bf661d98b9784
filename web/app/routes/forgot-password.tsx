import { data, type ActionFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Form, Link, useActionData } from '@remix-run/react';
import { AuthLayout } from '~/components/AuthLayout';
import { Alert, ButtonLink, Field, LiveRegion, SubmitButton } from '~/components/ui';
import { formValues, parseValues } from '~/utils/forms.server';
import { ForgotPasswordInput } from '../../../worker/features/auth';

export const meta: MetaFunction = () => [{ title: 'Reset your password · Cadence' }];

export async function action({ request, context }: ActionFunctionArgs) {
  const values = formValues(await request.formData());
  const parsed = parseValues(values, ForgotPasswordInput);
  if (!parsed.ok) return data({ sent: false as const, fieldErrors: parsed.fieldErrors, email: values.email ?? '' }, { status: 400 });
  // The same answer whether or not the account exists; the lookup happens after the response.
  context.services.auth.requestPasswordReset(parsed.data.email);
  return { sent: true as const, fieldErrors: {} as Record<string, string>, email: '' };
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  return (
    <AuthLayout
      title="Reset your password"
      intro={result?.sent ? null : <p>Enter the email you signed up with and we'll send you a link to choose a new password.</p>}
      footer={
        result?.sent ? null : (
          <p>
            Remembered it? <Link to="/login">Log in</Link>
          </p>
        )
      }
    >
      <LiveRegion>
        {result?.sent ? (
          <Alert tone="success" announce={false} title="Check your inbox">
            If an account exists for that email, we've sent a reset link. It works once, for 30 minutes.
          </Alert>
        ) : null}
      </LiveRegion>
      {result?.sent ? (
        <div className="form-actions">
          <ButtonLink to="/login" variant="secondary">
            Back to log in
          </ButtonLink>
        </div>
      ) : (
        <Form method="post" className="form">
          <Field
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            required
            defaultValue={result?.email}
            error={result?.fieldErrors.email}
          />
          <SubmitButton pendingText="Sending…" className="btn-block">
            Send reset link
          </SubmitButton>
        </Form>
      )}
    </AuthLayout>
  );
}
