import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { AuthLayout } from '~/components/AuthLayout';
import { Alert, ButtonLink, SubmitButton } from '~/components/ui';
import { appErrorToForm, formValues } from '~/utils/forms.server';
import type { UnsubscribeView } from '../../../worker/features/notifications';
import { refuseWhileImpersonating } from '../../../worker/http/guards';

// The page behind an email's "Unsubscribe" link. Opening it changes nothing (mail scanners follow every
// link); the button does. Works signed out and without JavaScript: the token in the address is the key.

export const meta: MetaFunction = () => [{ title: 'Unsubscribe · Cadence' }, { name: 'robots', content: 'noindex' }];
// The address holds the token: no shared cache keeps the page.
export const headers = () => ({ 'Cache-Control': 'no-store' });

const PREFERENCES = '/settings/notifications';

type Invalid = { state: 'invalid'; gone: boolean };
type Loaded = { state: 'ready'; token: string; view: UnsubscribeView };

async function describe(services: ActionFunctionArgs['context']['services'], token: string): Promise<Loaded | Invalid> {
  if (!token) return { state: 'invalid', gone: false };
  try {
    return { state: 'ready', token, view: await services.unsubscribe.describe(token) };
  } catch (err) {
    return { state: 'invalid', gone: appErrorToForm(err).code === 'NOT_FOUND' };
  }
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const result = await describe(context.services, new URL(request.url).searchParams.get('t') ?? '');
  return data(result, { status: result.state === 'invalid' ? (result.gone ? 404 : 400) : 200 });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = formValues(await request.formData());
  const token = form.t ?? '';
  try {
    // The link is the account holder's secret, like the API's (a high-risk route): not an operator's to press.
    const viewer = context.auth.token ? await context.auth.viewer() : null;
    if (viewer) refuseWhileImpersonating(viewer, 'unsubscribe from email');
    if (form.intent === 'undo') await context.services.unsubscribe.resubscribe(token);
    else await context.services.unsubscribe.unsubscribe(token, 'link');
    return { done: form.intent === 'undo' ? ('resubscribed' as const) : ('unsubscribed' as const) };
  } catch (err) {
    const f = appErrorToForm(err);
    if (f.code === 'IMPERSONATION_BLOCKED') return data({ done: 'refused' as const, message: f.formError ?? '' }, { status: f.status });
    return data({ done: 'invalid' as const }, { status: f.status });
  }
}

const names = (view: UnsubscribeView) => {
  const quoted = view.categories.map((c) => `“${c.label}”`);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
};

function TokenForm({
  token,
  intent,
  children,
  pending,
  variant,
}: {
  token: string;
  intent: 'unsubscribe' | 'undo';
  children: string;
  pending: string;
  variant?: 'primary' | 'secondary';
}) {
  return (
    <Form method="post" className="form unsubscribe-form">
      <input type="hidden" name="t" value={token} />
      <input type="hidden" name="intent" value={intent} />
      <SubmitButton pendingText={pending} variant={variant} className="btn-block" match={{ intent }}>
        {children}
      </SubmitButton>
    </Form>
  );
}

const preferencesLink = (
  <p>
    <Link to={PREFERENCES}>Notification preferences</Link> (after logging in) lets you choose every category, the email mode and quiet
    hours.
  </p>
);

export default function Unsubscribe() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();

  if (result?.done === 'refused') {
    return (
      <AuthLayout title="Nothing was changed">
        <Alert tone="warning" title={result.message}>
          The email settings stay as they are. The account holder can use this link, or their notification preferences.
        </Alert>
      </AuthLayout>
    );
  }
  if (loaded.state === 'invalid' || result?.done === 'invalid') {
    const gone = loaded.state === 'invalid' && loaded.gone;
    return (
      <AuthLayout title="This unsubscribe link does not work">
        <Alert tone="warning" title={gone ? 'We could not find the account this link was for.' : 'The link is incomplete or was changed.'}>
          {gone
            ? 'It may have been closed. Nothing was changed.'
            : 'Some mail apps cut long links. Open the link from the email again (or copy all of it). Nothing was changed.'}
        </Alert>
        <div className="form-actions">
          <ButtonLink to={PREFERENCES} variant="secondary">
            Notification preferences
          </ButtonLink>
        </div>
      </AuthLayout>
    );
  }

  const { token, view } = loaded;
  const what = names(view);
  if (result?.done === 'resubscribed') {
    return (
      <AuthLayout title="Emails back on" footer={preferencesLink}>
        <Alert tone="success" title={`${what} emails are on again.`}>
          We will email {view.maskedEmail} about these as before.
        </Alert>
      </AuthLayout>
    );
  }
  if (result?.done === 'unsubscribed' || !view.emailOn) {
    return (
      <AuthLayout title="You are unsubscribed" footer={preferencesLink}>
        <Alert tone="success" title={`No more ${what} emails.`}>
          {view.maskedEmail} will not get these by email. You still see them in Cadence, and other emails are unchanged.
        </Alert>
        <TokenForm token={token} intent="undo" pending="Turning back on…" variant="secondary">
          Undo: turn these emails back on
        </TokenForm>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout
      title={`Stop ${what} emails?`}
      intro={
        <p>
          For the Cadence account {view.maskedEmail}. You will still see these in Cadence, and billing, security and your other emails do
          not change.
        </p>
      }
      footer={preferencesLink}
    >
      <TokenForm token={token} intent="unsubscribe" pending="Unsubscribing…">
        Stop these emails
      </TokenForm>
    </AuthLayout>
  );
}
