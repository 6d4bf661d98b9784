import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { InvoicesSection, PlanSection, UsageSection } from '~/components/membership/MembershipSections';
import { Alert, LiveRegion, PageHeader } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';
import { formValues } from '~/utils/forms.server';
import { TIERS } from '~/utils/membership';
import { checkoutReturn, loadInvoices, loadMembership, membershipAction } from '~/utils/membership.server';

// /settings/membership: like Data sources, its own page (the trailing underscore keeps it out of Settings' layout).
export const meta: MetaFunction = () => [{ title: 'Membership · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  // Back from Stripe Checkout: read the new subscription first, so the page below already shows it.
  const notice = await checkoutReturn(args.context, viewer, new URL(args.request.url));
  const [membership, invoices] = await Promise.all([loadMembership(args.context, viewer), loadInvoices(args.context, viewer)]);
  return { notice, membership, invoices };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const result = await membershipAction(args.request, args.context, viewer, formValues(await args.request.formData()));
  return data(result, { status: result.ok ? 200 : 400 });
}

export default function Membership() {
  const { notice, membership, invoices } = useLoaderData<typeof loader>();
  const answered = useActionData<typeof action>();
  // The shell's banner posts here too: its outcome is shown with the plan.
  const result = answered?.target === 'banner' ? { ...answered, target: 'plan' } : answered;
  const plan = TIERS[membership.tier].name;
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/settings">Settings</Link>}
        title="Membership"
        description="Your plan, what you have used this month, and your invoices."
      />
      <LiveRegion>
        {notice?.kind === 'success' ? (
          <Alert tone="success" title={`Welcome to ${plan}`} announce={false}>
            <p>Your payment went through and {plan} is on. Thank you!</p>
          </Alert>
        ) : notice?.kind === 'pending' ? (
          <Alert tone="info" title="Checking your payment" announce={false}>
            <p>{notice.message ?? "We're confirming your checkout with Stripe; your plan updates here in a minute."}</p>
          </Alert>
        ) : notice?.kind === 'canceled' ? (
          <Alert tone="info" announce={false}>
            Checkout canceled: nothing was charged, and your plan is unchanged.
          </Alert>
        ) : notice?.kind === 'trial' ? (
          <Alert tone="success" title={`Your ${plan} trial has started`} announce={false}>
            <p>Everything in {plan} is on. No card needed.</p>
          </Alert>
        ) : null}
      </LiveRegion>
      <div className="stack">
        <PlanSection m={membership} result={result} />
        <UsageSection usage={membership.usage} />
        <InvoicesSection invoices={invoices} />
      </div>
    </>
  );
}
