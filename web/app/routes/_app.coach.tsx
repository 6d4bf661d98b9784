import type { MetaFunction } from '@remix-run/cloudflare';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { FeatureGrid, type Feature } from '~/components/landing/FeatureGrid';
import { ButtonLink, Card, EmptyState, Icon, PageHeader } from '~/components/ui';
import { useAppUser } from '~/components/useAppUser';

export const meta: MetaFunction = () => [{ title: 'Coach · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

const CONSOLE: Feature[] = [
  { icon: 'users', title: 'Clients', text: 'Everyone you coach, with their plan, notes and remaining sessions.' },
  { icon: 'ticket', title: 'Packages', text: "Session bundles and subscriptions you sell, with prices and what's left." },
  { icon: 'calendar', title: 'Bookings', text: "Sessions booked with you, shown in your time zone and your client's." },
  { icon: 'message', title: 'SMS reminders', text: 'Sent at sensible local times, so nobody gets a 3 a.m. text.' },
];

function CoachConsole() {
  return (
    <>
      <PageHeader eyebrow="Coach" title="Your coaching business" description="Clients, packages, bookings and reminders — the business side of coaching, next to the training." />
      <Card>
        <EmptyState
          icon={<Icon name="users" />}
          title="No clients yet"
          actions={
            <ButtonLink to="/settings" variant="secondary">
              Check your time zone
            </ButtonLink>
          }
        >
          <p>
            The business console is on its way. When it arrives, this page will list your clients and bookings, and a P&amp;L will show what your
            coaching earns and costs.
          </p>
          <p>Reminders and bookings use your time zone, so make sure it's right in Settings.</p>
        </EmptyState>
      </Card>
      <section className="section" aria-labelledby="console-title">
        <h2 id="console-title" className="section-title section-title-sm">
          What the console will hold
        </h2>
        <FeatureGrid features={CONSOLE} />
      </section>
    </>
  );
}

function AiCoach() {
  return (
    <>
      <PageHeader eyebrow="Coach" title="Your AI coach" description="It proposes. You decide." />
      <Card>
        <EmptyState
          icon={<Icon name="spark" />}
          title="Your coach needs some training to look at"
          actions={
            <ButtonLink to="/settings" variant="secondary">
              Complete your profile
            </ButtonLink>
          }
        >
          <p>
            Once your activities are in Cadence, the AI coach will read them and propose changes to your plan — each with its reasons and links to
            the sessions behind it. You confirm or decline; nothing changes on its own.
          </p>
          <p>You can help it now: set your time zone, and optionally your birth date and sex for age-graded performance.</p>
        </EmptyState>
      </Card>
    </>
  );
}

export default function Coach() {
  const user = useAppUser();
  return user.role === 'coach' ? <CoachConsole /> : <AiCoach />;
}
