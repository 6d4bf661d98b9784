import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { useActionData, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { PlanPreview } from '~/components/plan/PlanPreview';
import { PlanWizardForm } from '~/components/plan/PlanWizardForm';
import { Alert, ButtonLink, PageHeader } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';
import { loadWizard, wizardAction } from '~/utils/plans.server';

// /training/new — the plan wizard: questions, then a preview (not saved), then "Create plan".
export const meta: MetaFunction = () => [{ title: 'New plan · Training · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  return loadWizard(args.context, await requireViewer(args));
}

export async function action(args: ActionFunctionArgs) {
  const result = await wizardAction(args.context, await requireViewer(args), args.request);
  return data(result, { status: result.ok ? 200 : 'status' in result && typeof result.status === 'number' ? result.status : 400 });
}

export default function NewPlan() {
  const { today, hasPlan, allowance, defaults } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = result && !result.ok ? result : null;
  const resets = failed && 'resets' in failed && typeof failed.resets === 'string' ? failed.resets : null;
  const exists = failed && 'reason' in failed && failed.reason === 'PLAN_EXISTS';
  return (
    <>
      <PageHeader
        eyebrow="Training"
        title="Build your plan"
        description="A few questions, then the whole plan to look over before anything is saved."
        actions={
          <ButtonLink to="/training" variant="secondary">
            Back to training
          </ButtonLink>
        }
      />
      {hasPlan || exists ? (
        <Alert tone="info" title="You already have an active plan" className="plan-notice">
          <p>
            One plan at a time. Open your current plan to keep training with it, or to pause or cancel it there (a cancelled plan stays in
            your history); then come back to create a new one. You can preview another plan here meanwhile.
          </p>
          <ButtonLink to="/training" size="sm">
            Open your current plan
          </ButtonLink>
        </Alert>
      ) : null}
      {resets ? (
        <Alert tone="warning" title="This month's plan is used" className="plan-notice">
          Free includes one generated plan a month; the next one is available on {resets}. Pro has no limit.{' '}
          <a href="/pricing#plan-pro">See Pro</a>
        </Alert>
      ) : allowance !== null ? (
        <p className="plan-muted">Your plan includes {allowance} generated plan a month. Previews are free.</p>
      ) : null}
      <div className="plan-wizard-layout">
        <PlanWizardForm
          today={today}
          values={result?.values ?? defaults}
          fieldErrors={failed?.fieldErrors ?? {}}
          formError={resets || exists ? undefined : failed?.formError}
          previewed={!!(result?.ok && 'preview' in result)}
          canCreate={!hasPlan && !exists}
        />
        {result?.ok && 'preview' in result ? <PlanPreview preview={result.preview} recent={result.recent} /> : null}
      </div>
    </>
  );
}
