import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { IngestionCard } from '~/components/data/IngestionCard';
import { usePolling } from '~/components/data/usePolling';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { StepFields } from '~/components/onboarding/OnboardingSteps';
import { Alert, FormError, PageHeader, SubmitButton } from '~/components/ui';
import { useAppUser } from '~/components/useAppUser';
import { todayFor } from '~/utils/analytics.server';
import { requireViewer } from '~/utils/auth.server';
import { isActive } from '~/utils/ingestion';
import { loadIngestion } from '~/utils/ingestion.server';
import type { OnboardingStep } from '~/utils/intake';
import { finishOnboarding, loadOnboarding, saveStep } from '~/utils/intake.server';

// The "latency bridge": a minute of optional questions while the history imports, the import's progress
// alongside, then Home. The answers shape the first plan while history is thin. Plain forms: it works
// without JavaScript, and every step can be skipped.
export const meta: MetaFunction = () => [{ title: 'Getting started · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

const stepOf = (raw: string | null, steps: readonly { key: OnboardingStep }[]): OnboardingStep =>
  steps.find((s) => s.key === raw)?.key ?? steps[0]!.key;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const [onboarding, ingestion] = await Promise.all([loadOnboarding(args.context, viewer), loadIngestion(args.context, viewer)]);
  const step = stepOf(new URL(args.request.url).searchParams.get('step'), onboarding.steps);
  return { ...onboarding, step, ingestion, today: todayFor(args.context, viewer) };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const form = await args.request.formData();
  const { steps } = await loadOnboarding(args.context, viewer);
  const step = stepOf(String(form.get('step') ?? ''), steps);
  const intent = form.get('intent');
  if (intent === 'next') {
    const result = await saveStep(args.context, viewer, step, form);
    if (!result.ok) return data(result, { status: 400 });
  }
  const next = steps[steps.findIndex((s) => s.key === step) + 1];
  if (intent === 'finish' || !next) {
    await finishOnboarding(args.context, viewer);
    return redirect('/home');
  }
  return redirect(`/onboarding?step=${next.key}`);
}

export default function Onboarding() {
  const user = useAppUser();
  const { values, steps, step, ingestion, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const index = steps.findIndex((s) => s.key === step);
  const current = steps[index]!;
  const previous = steps[index - 1];
  const failed = result && !result.ok ? result : null;
  usePolling(isActive(ingestion.current?.status) && !ingestion.paused, 3000);

  // After each step the new step's heading takes focus, so a screen reader hears where it is.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (params.has('step')) heading.current?.focus();
  }, [params]);

  return (
    <>
      <PageHeader
        title={`Welcome, ${user.displayName}`}
        description="A few questions while your data arrives — about a minute. All optional: answer what you like and skip the rest."
      />
      {params.get('connected') === 'strava' ? (
        <Alert tone="success" announce={false}>
          Strava connected. Your history is on its way.
        </Alert>
      ) : null}
      <div className="onboarding">
        <section className="card onboarding-card" aria-labelledby="onboarding-step-title">
          <p className="onboarding-count">
            Step {index + 1} of {steps.length}
          </p>
          <ol className="onboarding-progress" aria-label="Questions">
            {steps.map((s, i) => (
              <li
                key={s.key}
                className={i < index ? 'done' : i === index ? 'current' : undefined}
                aria-current={i === index ? 'step' : undefined}
              >
                <span className="onboarding-progress-label">
                  <span className="visually-hidden">{i < index ? 'Done: ' : ''}</span>
                  {s.title}
                </span>
              </li>
            ))}
          </ol>
          <h2 id="onboarding-step-title" className="card-title onboarding-title" tabIndex={-1} ref={heading}>
            {current.title}
          </h2>
          <Form method="post" className="form onboarding-form" key={step}>
            <input type="hidden" name="step" value={step} />
            <FormError message={failed?.formError} />
            <StepFields step={step} values={failed?.values ?? values} errors={failed?.fieldErrors ?? {}} units={user.units} today={today} />
            <div className="form-actions onboarding-actions">
              <SubmitButton name="intent" value="next" pendingText="Saving…" match={{ intent: 'next' }}>
                {index === steps.length - 1 ? 'Finish' : 'Continue'}
              </SubmitButton>
              <SubmitButton name="intent" value="skip" variant="secondary" pendingText="Skipping…" match={{ intent: 'skip' }}>
                Skip this step
              </SubmitButton>
              {previous ? (
                <Link to={`/onboarding?step=${previous.key}`} className="onboarding-back">
                  Back
                </Link>
              ) : null}
            </div>
            <p className="onboarding-skip">
              <SubmitButton name="intent" value="finish" variant="link" pendingText="Going to Home…" match={{ intent: 'finish' }}>
                Skip the questions — go to Home
              </SubmitButton>
            </p>
          </Form>
        </section>
        <aside className="onboarding-aside" aria-label="Your data">
          <IngestionCard ingestion={ingestion} />
          <p className="onboarding-note">You can change these answers later, and your plan will use your own activities as they arrive.</p>
        </aside>
      </div>
    </>
  );
}
