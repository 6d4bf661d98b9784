import { ButtonLink, Card, EmptyState, Icon, PageHeader } from '~/components/ui';

/** What athletes see under Coach until the AI coach arrives. */
export function AiCoach() {
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
            Once your activities are in Cadence, the AI coach will read them and propose changes to your plan — each with its reasons and
            links to the sessions behind it. You confirm or decline; nothing changes on its own.
          </p>
          <p>You can help it now: set your time zone, and optionally your birth date and sex for age-graded performance.</p>
        </EmptyState>
      </Card>
    </>
  );
}
