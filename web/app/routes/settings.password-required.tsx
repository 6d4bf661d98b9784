import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Form, useActionData } from '@remix-run/react';
import { z } from 'zod';
import { AuthLayout } from '~/components/AuthLayout';
import { Button, Field, FormError, NewPasswordField, SubmitButton } from '~/components/ui';
import { requireSignedIn, sessionCookieHeader } from '~/utils/auth.server';
import { appErrorToForm, formValues, parseValues } from '~/utils/forms.server';
import { NewPassword } from '../../../worker/features/auth';
import { actorOf, refuseWhileImpersonating } from '../../../worker/http/guards';

// Outside the app shell on purpose: every page of the shell sends a user with a temporary password here.
export const meta: MetaFunction = () => [{ title: 'Set a new password · Cadence' }];

const RequiredForm = z
  .object({ newPassword: NewPassword, confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: "The passwords don't match" });

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireSignedIn(args);
  if (!viewer.user.mustChangePassword) throw redirect('/settings');
  return { displayName: viewer.user.displayName };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireSignedIn(args);
  if (!viewer.user.mustChangePassword) throw redirect('/settings');
  const parsed = parseValues(formValues(await args.request.formData()), RequiredForm);
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, formError: undefined as string | undefined }, { status: 400 });
  try {
    refuseWhileImpersonating(viewer, 'set a new password');
    const userAgent = args.request.headers.get('user-agent');
    const { token } = await args.context.services.auth.setRequiredPassword(actorOf(viewer), parsed.data.newPassword, userAgent);
    return redirect('/home', { headers: { 'Set-Cookie': sessionCookieHeader(args.context, token) } });
  } catch (err) {
    const failure = appErrorToForm(err);
    return data({ fieldErrors: failure.fieldErrors, formError: failure.formError }, { status: failure.status });
  }
}

export default function PasswordRequired() {
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors ?? {};
  return (
    <AuthLayout
      title="Set a new password"
      intro={
        <p>
          You signed in with a temporary password from our support team. Choose your own password to continue: it must differ from the
          temporary one.
        </p>
      }
      footer={
        <Form method="post" action="/logout">
          <Button type="submit" variant="link">
            Log out instead
          </Button>
        </Form>
      }
    >
      <Form method="post" className="form">
        <FormError message={result?.formError ?? (Object.keys(errors).length ? 'Check the fields below.' : null)} />
        <NewPasswordField name="newPassword" error={errors.newPassword} />
        <Field
          label="Confirm new password"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          error={errors.confirmPassword}
        />
        <SubmitButton pendingText="Saving…" className="btn-block">
          Save and continue
        </SubmitButton>
      </Form>
    </AuthLayout>
  );
}
