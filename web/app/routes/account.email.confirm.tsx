import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { AuthLayout } from '~/components/AuthLayout';
import { Alert, ButtonLink, SubmitButton } from '~/components/ui';
import { sessionCookieHeader } from '~/utils/auth.server';
import { appErrorToForm, formValues } from '~/utils/forms.server';

// /account/email/confirm?token=…: the link mailed to the NEW address (ADR 040). Opening it changes nothing:
// mail scanners fetch links, so the change happens only when the button is pressed.
export const meta: MetaFunction = () => [{ title: 'Confirm your new email address · Cadence' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = context.auth.token ? await context.auth.viewer() : null;
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const address = token ? await context.services.emailChange.linkAddress('confirm', token) : null;
  return { token, address, impersonating: Boolean(viewer?.impersonatorId) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const token = formValues(await request.formData()).token ?? '';
  const viewer = context.auth.token ? await context.auth.viewer() : null;
  try {
    const done = await context.services.emailChange.confirm(
      token,
      viewer ? { userId: viewer.user.id, impersonatorId: viewer.impersonatorId, userAgent: request.headers.get('user-agent') } : null,
    );
    const headers = done.sessionToken ? { 'Set-Cookie': sessionCookieHeader(context, done.sessionToken) } : undefined;
    return data({ ok: true as const, email: done.email, signedIn: done.sessionToken !== null }, { headers });
  } catch (err) {
    const f = appErrorToForm(err);
    return data({ ok: false as const, code: f.code, message: f.formError ?? 'This link did not work.' }, { status: f.status });
  }
}

export default function ConfirmEmailChange() {
  const { token, address, impersonating } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <AuthLayout
      title="Confirm your new email address"
      footer={
        result?.ok ? null : (
          <p>
            <Link to="/settings#email">Back to Settings</Link>
          </p>
        )
      }
    >
      {result?.ok ? (
        <>
          <Alert tone="success" title="Address changed">
            Your Cadence account now uses <strong>{result.email}</strong>. Every other device was signed out, and your old address was told,
            with a link to undo it.
          </Alert>
          <div className="form-actions">
            {result.signedIn ? <ButtonLink to="/settings#email">Go to Settings</ButtonLink> : <ButtonLink to="/login">Log in</ButtonLink>}
          </div>
        </>
      ) : result ? (
        <>
          <Alert tone={result.code === 'EMAIL_TAKEN' ? 'error' : 'warning'} title="Nothing was changed">
            {result.message}
          </Alert>
          <div className="form-actions">
            <ButtonLink to="/settings#email" variant="secondary">
              Open Settings
            </ButtonLink>
          </div>
        </>
      ) : !token ? (
        <Alert tone="warning" title="This link is missing its code">
          Open the link from the confirmation email again. Each link works once, for 24 hours.
        </Alert>
      ) : impersonating ? (
        <Alert tone="info" title="Not while impersonating">
          Only the athlete can confirm a change of their email address.
        </Alert>
      ) : (
        <Form method="post" className="form">
          <p>
            {address ? (
              <>
                Press the button to start signing in to Cadence with <strong className="break-anywhere">{address}</strong>.
              </>
            ) : (
              'Press the button to start signing in to Cadence with your new address.'
            )}{' '}
            Your other devices will be signed out.
          </p>
          <input type="hidden" name="token" value={token} />
          <SubmitButton pendingText="Confirming…" className="btn-block">
            Confirm new address
          </SubmitButton>
        </Form>
      )}
    </AuthLayout>
  );
}
