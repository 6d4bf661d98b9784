import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { AuthLayout } from '~/components/AuthLayout';
import { Alert, ButtonLink, Field, FormError, NewPasswordField, SubmitButton } from '~/components/ui';
import { appErrorToForm, formValues, parseValues } from '~/utils/forms.server';
import { NewPassword } from '../../../worker/features/auth';

export const meta: MetaFunction = () => [{ title: 'Choose a new password · Cadence' }];

const ResetForm = z
  .object({ token: z.string().min(20).max(200), password: NewPassword, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: "The passwords don't match" });

export async function loader({ request }: LoaderFunctionArgs) {
  return { token: new URL(request.url).searchParams.get('token') ?? '' };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseValues(formValues(await request.formData()), ResetForm);
  if (!parsed.ok) {
    // A mangled token is the same dead end as an expired one.
    if (parsed.fieldErrors.token) return data({ invalidLink: true, fieldErrors: {} as Record<string, string> }, { status: 400 });
    return data({ invalidLink: false, fieldErrors: parsed.fieldErrors }, { status: 400 });
  }
  try {
    await context.services.auth.resetPassword({ token: parsed.data.token, password: parsed.data.password });
  } catch (err) {
    const failure = appErrorToForm(err);
    return data({ invalidLink: failure.code === 'TOKEN_INVALID', fieldErrors: failure.fieldErrors }, { status: failure.status });
  }
  return redirect('/login?reset=1');
}

function AskAgain({ title, text }: { title: string; text: string }) {
  return (
    <>
      <Alert tone="warning" title={title}>
        {text}
      </Alert>
      <div className="form-actions">
        <ButtonLink to="/forgot-password">Ask for a new link</ButtonLink>
      </div>
    </>
  );
}

export default function ResetPassword() {
  const { token } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors ?? {};
  return (
    <AuthLayout
      title="Choose a new password"
      footer={
        <p>
          <Link to="/login">Back to log in</Link>
        </p>
      }
    >
      {!token ? (
        <AskAgain
          title="This link is missing its code"
          text="Open the link from your reset email again, or ask for a new one. Each link works once, for 30 minutes."
        />
      ) : result?.invalidLink ? (
        <AskAgain
          title="This reset link is invalid or has expired"
          text="Reset links work once, for 30 minutes. Ask for a new one and use the newest email."
        />
      ) : (
        <Form method="post" className="form">
          <FormError message={Object.keys(errors).length ? 'Check the fields below.' : null} />
          <input type="hidden" name="token" value={token} />
          <NewPasswordField name="password" error={errors.password} />
          <Field
            label="Confirm new password"
            name="confirmPassword"
            type="password"
            autoComplete="new-password"
            required
            error={errors.confirmPassword}
          />
          <SubmitButton pendingText="Saving…" className="btn-block">
            Save new password
          </SubmitButton>
        </Form>
      )}
    </AuthLayout>
  );
}
