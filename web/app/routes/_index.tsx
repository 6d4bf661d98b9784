import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { FeatureGrid, type Feature } from '~/components/landing/FeatureGrid';
import { PublicLayout } from '~/components/PublicLayout';
import { ButtonLink } from '~/components/ui';
import { useRootUser } from '~/components/useRootUser';
import { landingFor } from '~/utils/landing.server';
import { TIERS, type Tier } from '~/utils/membership';

export const meta: MetaFunction = () => [
  { title: 'Cadence · Coaching for endurance athletes, on evidence' },
  {
    name: 'description',
    content:
      'Cadence shows runners, cyclists and triathletes their fitness, fatigue and form with receipts — every number links to the activities it came from. Coaches run clients, packages, bookings and SMS reminders in one place.',
  },
];

/** A signed-in coach opening the site means their console; everyone else gets the landing page. */
export async function loader({ context }: LoaderFunctionArgs) {
  const viewer = await context.auth.viewer();
  if (viewer && (await landingFor(context, viewer.user)) === '/coach') throw redirect('/coach');
  return null;
}

const ATHLETE_FEATURES: Feature[] = [
  {
    icon: 'receipt',
    title: 'Fitness, fatigue & form — with receipts',
    text: 'Every number links to the activities it came from, so you can check the maths instead of trusting a score.',
  },
  {
    icon: 'calendar',
    title: 'A plan you control',
    text: 'Move, swap or skip sessions. Your plan only changes when you change it or say yes to a change.',
  },
  {
    icon: 'spark',
    title: 'An AI coach that proposes, you confirm',
    text: 'Suggestions arrive with the reasons and the sessions behind them. Nothing is applied until you confirm it.',
  },
];

const COACH_FEATURES: Feature[] = [
  { icon: 'users', title: 'Clients', text: "Each athlete's plan, notes and bookings in one place." },
  {
    icon: 'ticket',
    title: 'Session packages & bookings',
    text: 'Sell packages, take bookings and see how many sessions each client has left.',
  },
  {
    icon: 'message',
    title: 'SMS reminders in your time zone',
    text: "Reminders go out at sensible local times — yours and your athletes'.",
  },
  { icon: 'chart', title: 'A clear P&L', text: 'What your coaching business earns and spends, without a spreadsheet.' },
];

const PRINCIPLES: Feature[] = [
  { icon: 'receipt', title: 'Receipts for every claim', text: 'If Cadence shows a number, it can show you where it came from.' },
  { icon: 'shield', title: 'Your data stays yours', text: 'Strava data is shown only to its owner. Files you upload are yours.' },
  { icon: 'check', title: 'No invented numbers', text: 'Until there is data, you see an honest empty page — never a made-up chart.' },
];

// "Pro, Elite and Team": the plans with a price, from the plans table.
const PAID_PLANS = (Object.keys(TIERS) as Tier[])
  .filter((t) => TIERS[t].prices.month)
  .map((t) => TIERS[t].name)
  .join(', ')
  .replace(/, ([^,]*)$/, ' and $1');

export default function Landing() {
  const user = useRootUser();
  return (
    <PublicLayout>
      <section className="hero" aria-labelledby="hero-title">
        <p className="eyebrow">For runners, cyclists, triathletes — and their coaches</p>
        <h1 id="hero-title" className="hero-title">
          Train on evidence, not hype.
        </h1>
        <p className="hero-lead">
          Cadence turns your activities into fitness, fatigue and form you can check. You stay in charge of your plan; the AI coach proposes
          and you decide. Coaches get the business side — clients, packages, bookings and reminders — in the same place.
        </p>
        <div className="hero-actions">
          {user ? (
            <ButtonLink to="/home" size="lg">
              Go to your home page
            </ButtonLink>
          ) : (
            <>
              <ButtonLink to="/signup" size="lg">
                Get started
              </ButtonLink>
              <ButtonLink to="/login" size="lg" variant="secondary">
                Log in
              </ButtonLink>
            </>
          )}
        </div>
        <p className="hero-note">Invite-only beta. We say plainly which features are live and which are next.</p>
      </section>

      <section className="landing-section" aria-labelledby="athletes-title">
        <h2 id="athletes-title" className="section-title">
          For athletes
        </h2>
        <p className="section-lead">Know where your training stands, and why.</p>
        <FeatureGrid features={ATHLETE_FEATURES} />
      </section>

      <section className="landing-section" aria-labelledby="coaches-title">
        <h2 id="coaches-title" className="section-title">
          For coaches
        </h2>
        <p className="section-lead">Coach athletes and run the business around them.</p>
        <FeatureGrid features={COACH_FEATURES} />
      </section>

      <section className="landing-section" aria-labelledby="plans-title">
        <h2 id="plans-title" className="section-title">
          Plans
        </h2>
        <p className="section-lead">
          {TIERS.free.name} covers every analytics view, with its receipts. {PAID_PLANS} add more when you want it.
        </p>
        <ButtonLink to="/pricing" variant="secondary">
          See plans and pricing
        </ButtonLink>
      </section>

      <section className="landing-section landing-principles" aria-labelledby="principles-title">
        <h2 id="principles-title" className="section-title">
          Evidence, not hype
        </h2>
        <FeatureGrid features={PRINCIPLES} />
      </section>

      {user ? null : (
        <section className="landing-cta" aria-labelledby="cta-title">
          <h2 id="cta-title" className="section-title">
            Have an invite code?
          </h2>
          <p>Create your account in a minute. You can connect your training data once you're in.</p>
          <ButtonLink to="/signup" size="lg">
            Get started
          </ButtonLink>
        </section>
      )}
    </PublicLayout>
  );
}
