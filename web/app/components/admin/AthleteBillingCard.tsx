import { Badge, Card } from '~/components/ui';
import type { AthleteDetail } from '../../../../worker/features/support/support.schema';
import { Facts, None, StatusBadge, When } from './SupportFacts';

/** Tier and what gives it, grants (comps and invite trials), the self-serve trial and the Stripe mirror as synced. */
export function MembershipCard({ detail, tz }: { detail: AthleteDetail; tz: string }) {
  const m = detail.membership;
  return (
    <Card id="membership" title="Membership" description="Entitlements, grants and the Stripe mirror." className="support-card">
      <Facts
        items={[
          [
            'Tier',
            <Badge key="t" tone={m.tier === 'free' ? 'neutral' : 'success'}>
              {m.tier}
            </Badge>,
          ],
          ['From', m.source.replace(/_/g, ' ')],
          ['Grant ends', <When key="g" at={m.grant?.endsAt} tz={tz} />],
          [
            'Past due',
            m.pastDue ? (
              <span key="p">
                since <When at={m.pastDue.since} tz={tz} />
              </span>
            ) : (
              'No'
            ),
          ],
          ['Self-serve trial', m.trialUsed ? 'Used' : 'Not used'],
          ['Stripe customer', m.hasCustomer ? 'Yes' : 'No'],
        ]}
      />
      <h3 className="support-subhead">Grants</h3>
      {m.grants.length === 0 ? (
        <None>No comps or invite trials.</None>
      ) : (
        <ul className="support-list">
          {m.grants.map((g) => (
            <li key={g.id} className="support-item">
              <p className="support-item-head">
                <strong>
                  {g.kind === 'comp' ? 'Comp' : 'Invite trial'} · {g.tier}
                </strong>
                {g.revokedAt ? <Badge tone="neutral">Revoked</Badge> : null}
              </p>
              <Facts
                items={[
                  ['From', <When key="s" at={g.startsAt} tz={tz} />],
                  ['Until', <When key="e" at={g.endsAt} tz={tz} />],
                  ['Reason', g.reason || '—'],
                ]}
              />
            </li>
          ))}
        </ul>
      )}
      <h3 className="support-subhead">Stripe mirror</h3>
      {m.mirror.length === 0 ? (
        <None>No subscriptions mirrored.</None>
      ) : (
        <ul className="support-list">
          {m.mirror.map((row) => (
            <li key={row.stripeSubscriptionId} className="support-item">
              <p className="support-item-head">
                <span className="support-mono">{row.stripeSubscriptionId}</span>
                <StatusBadge status={row.status} />
              </p>
              <Facts
                items={[
                  ['Tier', row.tier ?? '—'],
                  ['Interval', row.interval ?? '—'],
                  ['Period ends', <When key="p" at={row.currentPeriodEnd} tz={tz} />],
                  ['Trial ends', <When key="t" at={row.trialEnd} tz={tz} />],
                  ['Cancels at period end', row.cancelAtPeriodEnd ? 'Yes' : 'No'],
                  ['Synced', <When key="s" at={row.syncedAt} tz={tz} />],
                ]}
              />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
