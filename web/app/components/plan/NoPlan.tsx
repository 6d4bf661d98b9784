import { ButtonLink, Card, EmptyState, Icon } from '../ui';

/** No active plan yet: what a plan is here, and the way to make one. */
export function NoPlan() {
  return (
    <Card>
      <EmptyState
        icon={<Icon name="calendar" />}
        title="No plan yet"
        actions={
          <ButtonLink to="/training/new" size="lg">
            Build my plan
          </ButtonLink>
        }
      >
        <p>Tell Cadence your goal — a race, or simply getting fitter — the days you can train and how many hours you have.</p>
        <p>
          You'll see the whole plan before saving it: its phases, the weekly hours, and where your fitness and form are projected to be on
          race day. Every week and workout says why it's there.
        </p>
      </EmptyState>
    </Card>
  );
}
