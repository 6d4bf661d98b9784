import {
  data,
  redirect,
  redirectDocument,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { AuthLayout } from '~/components/AuthLayout';
import { Alert, Field, FormError, LiveRegion, SubmitButton } from '~/components/ui';
import { redirectIfSignedIn, requestMeta, sessionCookieHeader } from '~/utils/auth.server';
import { appErrorToForm, formValues, parseValues } from '~/utils/forms.server';
import { landingFor } from '~/utils/landing.server';
import { safeNext } from '~/utils/redirects';
import { LoginInput } from '../../../worker/features/auth';

export const meta: MetaFunction = () => [{ title: 'Log in · Cadence' }];

export async function loader(args: LoaderFunctionArgs) {
  await redirectIfSignedIn(args);
  const params = new URL(args.request.url).searchParams;
  const next = params.get('next');
  return {
    next: next && safeNext(next) === next ? next : null,
    notice:
      params.get('reset') === '1'
        ? ('reset' as const)
        : params.get('signedout') === 'all'
          ? ('signedout' as const)
          : params.get('deletion') === 'scheduled'
            ? ('deletion' as const)
            : null,
    // A failed "Log in with Strava" comes back with the reason (plain text, shortened).
    stravaError: params.get('error')?.slice(0, 300) ?? null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const values = formValues(await request.formData());
  const kept = { email: values.email ?? '' };
  const parsed = parseValues(values, LoginInput);
  if (!parsed.ok) return data({ ...parsed, values: kept }, { status: 400 });
  try {
    const { token, user } = await context.services.auth.login(parsed.data, requestMeta(request, context), context.auth.token);
    // During a deletion's grace period, logging in lands on the page that offers to cancel it (ADR 042).
    const deletion = await context.services.deletion.status(user.id);
    const landing = deletion.state === 'none' ? safeNext(values.next, await landingFor(context, user)) : '/settings/delete-account';
    // The OAuth consent page (ADR 107) loads as a document: its CSP lets Allow's form end at the assistant's origin.
    const to = landing.startsWith('/oauth/') ? redirectDocument : redirect;
    return to(landing, {
      headers: { 'Set-Cookie': sessionCookieHeader(context, token) },
    });
  } catch (err) {
    // INVALID_CREDENTIALS and RATE_LIMITED carry the sentence to show ("Email or password is incorrect." …).
    const failure = appErrorToForm(err);
    return data({ ...failure, values: kept }, { status: failure.status });
  }
}

const NOTICES = {
  reset: { tone: 'success', text: 'Password changed. Log in with your new password.' },
  signedout: { tone: 'info', text: "You've been signed out on every device." },
  deletion: {
    tone: 'info',
    text: "Your account will be deleted in 7 days, and you've been signed out everywhere. Log in before then to cancel.",
  },
} as const;

export default function Login() {
  const { next, notice, stravaError } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors ?? {};
  return (
    <AuthLayout
      title="Log in"
      intro={next ? <p>Log in to continue.</p> : null}
      footer={
        <p>
          New to Cadence? <Link to="/signup">Create an account</Link> with your invite code.
        </p>
      }
    >
      {notice && !result ? (
        <LiveRegion>
          <Alert tone={NOTICES[notice].tone} announce={false}>
            {NOTICES[notice].text}
          </Alert>
        </LiveRegion>
      ) : null}
      <Form method="post" className="form">
        <FormError message={result?.formError} />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={result?.values.email}
          error={errors.email}
        />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required error={errors.password} />
        <p className="form-aside">
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
        <SubmitButton pendingText="Logging in…" className="btn-block">
          Log in
        </SubmitButton>
      </Form>
      <div className="strava-signup">
        {stravaError ? (
          <Alert tone="error" title="Strava login didn't work">
            <p>{stravaError}</p>
          </Alert>
        ) : null}
        <a href="/api/v1/connections/strava/login" className="btn btn-strava btn-block">
          Log in with Strava
        </a>
      </div>
    </AuthLayout>
  );
}
