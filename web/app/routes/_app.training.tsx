import type { MetaFunction } from '@remix-run/cloudflare';
import { Link } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { ButtonLink, Card, EmptyState, Icon, PageHeader } from '~/components/ui';
import { useAppUser } from '~/components/useAppUser';

export const meta: MetaFunction = () => [{ title: 'Training · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export default function Training() {
  const user = useAppUser();
  return (
    <>
      <PageHeader
        eyebrow="Training"
        title="Your training"
        description="Activities, load and the plan they feed — all in one place, all traceable."
      />
      <Card>
        <EmptyState
          icon={<Icon name="activity" />}
          title="Your training load will appear here"
          actions={
            <ButtonLink to="/settings" variant="secondary">
              Set units and time zone
            </ButtonLink>
          }
        >
          <p>
            Each run, ride and swim with its distance (in {user.units === 'mi' ? 'miles' : 'kilometres'}), time and training load — and the
            fitness, fatigue and form numbers it contributes to.
          </p>
          <p>
            Your activities themselves are on <Link to="/activities">Activities</Link>; training load comes next. Nothing is shown until
            your own data arrives.
          </p>
          <p>Meanwhile, check your units and time zone so weeks start and end when yours do.</p>
        </EmptyState>
      </Card>
    </>
  );
}
