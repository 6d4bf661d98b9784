import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { Segmented } from '~/components/analytics/Segmented';
import { CompareTable } from '~/components/membership/CompareTable';
import { MembershipButton, MembershipOutcome, type MembershipResult } from '~/components/membership/MembershipForms';
import { AthletePlanCard } from '~/components/membership/PlanCard';
import { TeamPlanCard } from '~/components/membership/TeamPlanCard';
import { PublicLayout } from '~/components/PublicLayout';
import { Alert, ButtonLink, LiveRegion } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';
import { formValues } from '~/utils/forms.server';
import { ATHLETE_TIERS, monthsFree, TIERS, tierRank, type AthleteTier, type Interval } from '~/utils/membership';
import { checkoutReturn, intervalParam, loadPricingViewer, membershipAction, type PricingViewer } from '~/utils/membership.server';

export const meta: MetaFunction = () => [
  { title: 'Pricing · Cadence' },
  {
    name: 'description',
    content:
      'Cadence plans for athletes (Free, Pro, Elite) and coaching businesses (Team): what each includes, monthly allowances and prices.',
  },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const interval = intervalParam(url);
  const viewer = await context.auth.viewer();
  if (!viewer) return { interval, viewer: null, notice: null };
  // The Team plan's checkout comes back here (an athlete's goes to Settings → Membership).
  const notice = await checkoutReturn(context, viewer, url, 'org');
  return { interval, viewer: await loadPricingViewer(context, viewer), notice };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const result = await membershipAction(args.request, args.context, viewer, formValues(await args.request.formData()));
  return data(result, { status: result.ok ? 200 : 400 });
}

export default function Pricing() {
  const { interval, viewer, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const yearSaves = monthsFree('pro');
  return (
    <PublicLayout>
      <div className="page-header">
        <div className="page-header-text">
          <p className="eyebrow">Pricing</p>
          <h1 className="page-title">Plans for athletes and coaches</h1>
          <p className="page-description">
            Every analytics view, with its receipts, is free. Pay for more when you want it; change or cancel in the billing portal at any
            time.
          </p>
        </div>
      </div>
      <LiveRegion>
        {notice?.kind === 'success' ? (
          <Alert tone="success" title="Your organisation is on Team" announce={false}>
            <p>Thanks! Everything in {TIERS.team.name} is on now for your coaches and clients.</p>
          </Alert>
        ) : notice?.kind === 'pending' ? (
          <Alert tone="info" title="Checking your payment" announce={false}>
            <p>We're confirming your checkout with Stripe; your organisation's plan updates in a minute.</p>
          </Alert>
        ) : notice?.kind === 'canceled' ? (
          <Alert tone="info" announce={false}>
            Checkout canceled. Nothing was charged.
          </Alert>
        ) : null}
      </LiveRegion>

      <section className="pricing-section" aria-labelledby="athletes-title">
        <div className="pricing-section-head">
          <div>
            <h2 id="athletes-title" className="pricing-title">
              For athletes
            </h2>
            <p className="section-lead">Your training, your plan and your coach, on evidence.</p>
          </div>
          <Segmented
            label="Billing period"
            param="interval"
            value={interval}
            options={[
              { value: 'month', label: 'Monthly' },
              { value: 'year', label: yearSaves > 0 ? `Yearly (${yearSaves} months free)` : 'Yearly', short: 'Yearly' },
            ]}
          />
        </div>
        <ul className="plan-grid">
          {ATHLETE_TIERS.map((tier) => (
            <AthletePlanCard
              key={tier}
              tier={tier}
              interval={interval}
              current={viewer?.tier === tier}
              actions={<AthleteActions tier={tier} interval={interval} viewer={viewer} result={result} />}
            />
          ))}
        </ul>
        <h3 id="compare-title" className="pricing-subtitle">
          Compare athlete plans
        </h3>
        <CompareTable />
      </section>

      <section className="pricing-section" aria-labelledby="coaches-title">
        <h2 id="coaches-title" className="pricing-title">
          For coaches
        </h2>
        <p className="section-lead">Run the business around your athletes: clients, bookings, reminders and staff.</p>
        <TeamPlanCard interval={interval} current={viewer?.coach?.onTeam ?? false}>
          <TeamActions interval={interval} viewer={viewer} result={result} />
        </TeamPlanCard>
      </section>
    </PublicLayout>
  );
}

function AthleteActions({
  tier,
  interval,
  viewer,
  result,
}: {
  tier: AthleteTier;
  interval: Interval;
  viewer: PricingViewer | null;
  result: MembershipResult | undefined;
}) {
  const name = TIERS[tier].name;
  if (!viewer)
    return (
      <>
        <ButtonLink to="/signup" variant={tier === 'free' ? 'secondary' : 'primary'} className="btn-block">
          Get started
        </ButtonLink>
        {tier === 'free' ? null : (
          <p className="plan-aside">
            Have an account? <Link to={`/login?next=${encodeURIComponent(`/pricing?interval=${interval}`)}`}>Log in to upgrade</Link>
          </p>
        )}
      </>
    );
  const outcome = <MembershipOutcome result={result} from={tier} />;
  if (viewer.tier === tier)
    return viewer.subscribed ? (
      <>
        <MembershipButton intent="portal" from={tier} variant="secondary" pendingText="Opening the portal…" block>
          Manage in portal
        </MembershipButton>
        {outcome}
      </>
    ) : (
      <p className="plan-aside">You're on {name}.</p>
    );
  if (tierRank(tier) < tierRank(viewer.tier)) return <p className="plan-aside">Included in {TIERS[viewer.tier].name}.</p>;
  if (viewer.subscribed)
    return (
      <>
        <MembershipButton intent="portal" from={tier} pendingText="Opening the portal…" block>
          Switch to {name} in the portal
        </MembershipButton>
        {outcome}
      </>
    );
  return (
    <>
      <MembershipButton intent="checkout" from={tier} tier={tier} interval={interval} pendingText="Opening checkout…" block>
        Upgrade to {name}
      </MembershipButton>
      {tier === 'pro' && viewer.trialAvailable ? (
        <MembershipButton intent="trial" from={tier} variant="secondary" pendingText="Starting your trial…" block>
          Start {viewer.trialDays}-day {name} trial
        </MembershipButton>
      ) : null}
      {outcome}
    </>
  );
}

function TeamActions({
  interval,
  viewer,
  result,
}: {
  interval: Interval;
  viewer: PricingViewer | null;
  result: MembershipResult | undefined;
}) {
  const outcome = <MembershipOutcome result={result} from="team" />;
  if (!viewer)
    return (
      <p className="plan-aside">
        Coaching already?{' '}
        <Link to={`/login?next=${encodeURIComponent(`/pricing?interval=${interval}`)}`}>Log in with your coach account</Link>
      </p>
    );
  const coach = viewer.coach;
  if (!coach) return <p className="plan-aside">For coach accounts running a coaching business.</p>;
  if (!coach.orgName)
    return (
      <ButtonLink to="/coach" variant="secondary">
        Set up your coaching business first
      </ButtonLink>
    );
  if (!coach.isOwner)
    return (
      <p className="plan-aside">{coach.onTeam ? `${coach.orgName} is on Team.` : `The owner of ${coach.orgName} chooses its plan.`}</p>
    );
  if (coach.compUntil) return <p className="plan-aside">{`${coach.orgName} is on Team, given by Cadence until ${coach.compUntil}.`}</p>;
  return coach.onTeam ? (
    <>
      <MembershipButton intent="team-portal" from="team" variant="secondary" pendingText="Opening the portal…">
        Manage in portal
      </MembershipButton>
      {outcome}
    </>
  ) : (
    <>
      <MembershipButton intent="team-checkout" from="team" interval={interval} pendingText="Opening checkout…">
        Start Team for {coach.orgName}
      </MembershipButton>
      {outcome}
    </>
  );
}
