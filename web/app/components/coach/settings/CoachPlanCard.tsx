import { FEATURES, FREE_ORG_ACTIVE_CLIENTS, orgFeatures, TIERS } from '~/utils/membership';
import { Alert, Badge, ButtonLink, Card } from '~/components/ui';

export interface CoachPlan {
  team: boolean;
  /** What gives Team: a subscription (with its next date), or an operator's comp until a date. */
  subscription: { renewsOn: string | null; endsOn: string | null; pastDue: boolean } | null;
  compEndsOn: string | null;
}

/** The business's plan: Team (and what gives it) or free coaching, and where the owner changes it. */
export function CoachPlanCard({ plan, isOwner }: { plan: CoachPlan; isOwner: boolean }) {
  const sub = plan.subscription;
  return (
    <Card
      id="plan"
      title="Plan"
      actions={
        isOwner ? (
          <ButtonLink to="/pricing#plan-team" variant={plan.team ? 'secondary' : 'primary'} size="sm">
            {plan.team ? 'Manage the Team plan' : 'See the Team plan'}
          </ButtonLink>
        ) : null
      }
    >
      <div className="membership-tier">
        <p className="membership-tier-name">{plan.team ? TIERS.team.name : 'Free coaching'}</p>
        {plan.team ? (
          <Badge tone={sub?.pastDue ? 'warning' : 'success'}>{sub ? (sub.pastDue ? 'Payment failed' : 'Active') : 'Complimentary'}</Badge>
        ) : null}
      </div>
      {plan.team ? (
        <p className="membership-lead">
          {sub?.endsOn
            ? `Canceled: Team until ${sub.endsOn}, then free coaching. Clients, messages and automations are kept.`
            : sub?.renewsOn
              ? `Renews on ${sub.renewsOn}.`
              : plan.compEndsOn
                ? `Given by Cadence until ${plan.compEndsOn}.`
                : null}{' '}
          Unlimited active clients,{' '}
          {orgFeatures()
            .filter((f) => f !== 'team_clients')
            .map((f) => FEATURES[f].label.toLowerCase())
            .join(', ')}
          .
        </p>
      ) : (
        <p className="membership-lead">
          Up to {FREE_ORG_ACTIVE_CLIENTS} active clients. Team adds SMS confirmations and reminders, automations and staff coaches
          {isOwner ? '.' : '; the owner chooses the plan.'}
        </p>
      )}
      {sub?.pastDue ? (
        <Alert tone="warning" title="We couldn't take the Team payment">
          <p>Team stays on for a few days while Stripe tries the card again. Update it from the Team plan's billing portal.</p>
        </Alert>
      ) : null}
    </Card>
  );
}
