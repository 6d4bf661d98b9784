import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { AuthLayout } from '~/components/AuthLayout';
import { StravaSignup } from '~/components/data/StravaSignup';
import { Field, FormError, NewPasswordField, SelectField, SubmitButton } from '~/components/ui';
import { redirectIfSignedIn, requestMeta, sessionCookieHeader } from '~/utils/auth.server';
import { appErrorToForm, formValues, parseValues } from '~/utils/forms.server';
import { timeZoneGroups } from '~/utils/time-zones';
import { RegisterInput } from '../../../worker/features/auth';

export const meta: MetaFunction = () => [
  { title: 'Create your account · Cadence' },
  { name: 'description', content: 'Create your Cadence account with an invite code.' },
];

export async function loader(args: LoaderFunctionArgs) {
  await redirectIfSignedIn(args);
  const params = new URL(args.request.url).searchParams;
  // A failed "Sign up with Strava" comes back here with the reason (plain text, shortened).
  return {
    invite: params.get('invite')?.slice(0, 64) ?? '',
    stravaError: params.get('error')?.slice(0, 300) ?? null,
    timeZones: timeZoneGroups('UTC'),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const values = formValues(await request.formData());
  // Echoed back so a page without JavaScript keeps what was typed; never the password.
  const kept = {
    displayName: values.displayName ?? '',
    email: values.email ?? '',
    inviteCode: values.inviteCode ?? '',
    timeZone: values.timeZone ?? '',
  };
  const parsed = parseValues(values, RegisterInput);
  if (!parsed.ok) return data({ ...parsed, values: kept }, { status: 400 });
  try {
    const { token } = await context.services.auth.register(parsed.data, requestMeta(request, context));
    // New accounts go through the optional questions first (they can be skipped in one click).
    return redirect('/onboarding', { headers: { 'Set-Cookie': sessionCookieHeader(context, token) } });
  } catch (err) {
    const failure = appErrorToForm(err);
    return data({ ...failure, values: kept }, { status: failure.status });
  }
}

export default function Signup() {
  const { invite, stravaError, timeZones } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors ?? {};
  const values = result?.values;
  // The browser's zone, preselected once the page runs (without JavaScript: UTC, to choose by hand).
  const [zone, setZone] = useState(values?.timeZone || 'UTC');
  useEffect(() => {
    if (values?.timeZone) return;
    const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (browser && timeZones.some((g) => g.options.some((o) => o.value === browser))) setZone(browser);
  }, [values?.timeZone, timeZones]);
  return (
    <AuthLayout
      title="Create your account"
      intro={<p>Cadence is in an invite-only beta. You'll need the invite code you were sent.</p>}
      footer={
        <p>
          Already have an account? <Link to="/login">Log in</Link>
        </p>
      }
    >
      <Form method="post" className="form">
        <FormError message={result?.formError} />
        <Field
          label="Display name"
          name="displayName"
          autoComplete="nickname"
          required
          maxLength={80}
          defaultValue={values?.displayName}
          error={errors.displayName}
          hint="What your coach and the app call you."
        />
        <Field label="Email" name="email" type="email" autoComplete="email" required defaultValue={values?.email} error={errors.email} />
        <NewPasswordField label="Password" name="password" error={errors.password} />
        <Field
          label="Invite code"
          name="inviteCode"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
          defaultValue={values?.inviteCode ?? invite}
          error={errors.inviteCode}
        />
        <SelectField
          label="Time zone"
          name="timeZone"
          value={zone}
          onChange={(e) => setZone(e.currentTarget.value)}
          groups={timeZones}
          error={errors.timeZone}
          hint="From your browser: check it. Weeks, reminders and the times of your activities follow it."
        />
        <SubmitButton pendingText="Creating account…" className="btn-block">
          Create account
        </SubmitButton>
      </Form>
      <StravaSignup invite={values?.inviteCode ?? invite} error={stravaError} timeZone={zone} />
    </AuthLayout>
  );
}
