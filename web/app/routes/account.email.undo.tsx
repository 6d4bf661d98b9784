import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { AuthLayout } from '~/components/AuthLayout';
import { Alert, ButtonLink, SubmitButton } from '~/components/ui';
import { clearedCookieHeader } from '~/utils/auth.server';
import { appErrorToForm, formValues } from '~/utils/forms.server';

// /account/email/undo?token=…: the link mailed to the OLD address after a change (ADR 040), valid 72 h.
// Like the confirmation, it acts only on the button (mail scanners fetch links).
export const meta: MetaFunction = () => [{ title: 'Undo the email change · Cadence' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = context.auth.token ? await context.auth.viewer() : null;
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const address = token ? await context.services.emailChange.linkAddress('undo', token) : null;
  return { token, address, impersonating: Boolean(viewer?.impersonatorId) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const token = formValues(await request.formData()).token ?? '';
  const viewer = context.auth.token ? await context.auth.viewer() : null;
  try {
    const done = await context.services.emailChange.undo(token, viewer);
    // Every session of the account ended; this browser's cookie with them, if it was one.
    const headers = viewer?.user.id === done.userId ? { 'Set-Cookie': clearedCookieHeader(context) } : undefined;
    return data({ ok: true as const, email: done.email }, { headers });
  } catch (err) {
    const f = appErrorToForm(err);
    return data({ ok: false as const, message: f.formError ?? 'This link did not work.' }, { status: f.status });
  }
}

export default function UndoEmailChange() {
  const { token, address, impersonating } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <AuthLayout
      title="Undo the email change"
      footer={
        result?.ok ? null : (
          <p>
            <Link to="/login">Log in</Link>
          </p>
        )
      }
    >
      {result?.ok ? (
        <>
          <Alert tone="success" title="Your old address is back">
            Your Cadence account uses <strong>{result.email}</strong> again, and every device was signed out. If you did not make the
            change, someone knows your password: choose a new one now.
          </Alert>
          <div className="form-actions">
            <ButtonLink to="/forgot-password">Reset your password</ButtonLink>
            <ButtonLink to="/login" variant="secondary">
              Log in
            </ButtonLink>
          </div>
        </>
      ) : result ? (
        <Alert tone="warning" title="Nothing was changed">
          {result.message}
        </Alert>
      ) : !token ? (
        <Alert tone="warning" title="This link is missing its code">
          Open the link from the email again. It works once, for 72 hours after the change.
        </Alert>
      ) : impersonating ? (
        <Alert tone="info" title="Not while impersonating">
          Only the athlete can undo a change of their email address.
        </Alert>
      ) : (
        <Form method="post" className="form">
          <p>
            This puts {address ? <strong className="break-anywhere">{address}</strong> : 'your previous address'} back on your Cadence
            account and signs out every device, including any that made the change.
          </p>
          <input type="hidden" name="token" value={token} />
          <SubmitButton pendingText="Restoring…" className="btn-block">
            Put my old address back
          </SubmitButton>
        </Form>
      )}
    </AuthLayout>
  );
}
