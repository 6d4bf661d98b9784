import { formatMoney } from '~/components/coach-money/money-format';
import type { MembershipState, MembershipView } from '~/utils/membership.server';
import { FEATURES, TIERS, allowanceText, type QuotaKind } from '~/utils/membership';
import { Alert, Badge, ButtonLink, Card, EmptyState, Icon, type BadgeTone } from '../ui';
import { MembershipButton, MembershipOutcome, type MembershipResult } from './MembershipForms';

const STATE: Record<MembershipState, { label: string; tone: BadgeTone }> = {
  free: { label: 'Free plan', tone: 'neutral' },
  active: { label: 'Active', tone: 'success' },
  trialing: { label: 'Trial', tone: 'info' },
  past_due: { label: 'Payment failed', tone: 'warning' },
  canceling: { label: 'Canceled', tone: 'neutral' },
  comp: { label: 'Complimentary', tone: 'info' },
  invite_trial: { label: 'Invite trial', tone: 'info' },
};

/** The tier, what gives it and the dates that matter, with the one or two things the athlete can do next. */
export function PlanSection({ m, result }: { m: MembershipView; result: MembershipResult | undefined }) {
  const plan = TIERS[m.tier];
  const sub = m.subscription;
  const portal = (label: string, variant: 'primary' | 'secondary' = 'primary') => (
    <MembershipButton intent="portal" from="plan" variant={variant} pendingText="Opening the billing portal…">
      {label}
    </MembershipButton>
  );
  return (
    <Card
      id="plan"
      title="Your plan"
      actions={
        <ButtonLink to="/pricing" variant="secondary" size="sm">
          Compare plans
        </ButtonLink>
      }
    >
      <div className="membership-tier">
        <p className="membership-tier-name">{plan.name}</p>
        {m.state === 'free' ? null : <Badge tone={STATE[m.state].tone}>{STATE[m.state].label}</Badge>}
      </div>
      <p className="membership-lead">{describe(m)}</p>
      {m.state === 'canceling' && sub?.endsOn ? (
        <p className="membership-key-date">
          {plan.name} until {sub.endsOn}, then Free.
        </p>
      ) : null}
      {m.state === 'past_due' && m.pastDue ? (
        <Alert tone="warning" title="We couldn't take your payment">
          <p>
            {plan.name} stays on until {m.pastDue.graceEndsOn} while we try your card again. Update your card in the billing portal to keep
            it.
          </p>
        </Alert>
      ) : null}
      <div className="membership-actions">
        {sub ? portal(m.state === 'past_due' ? 'Update your card' : 'Manage in the billing portal') : null}
        {!sub && m.trialAvailable ? (
          <MembershipButton intent="trial" from="plan" pendingText="Starting your trial…">
            Start {m.trialDays}-day Pro trial
          </MembershipButton>
        ) : null}
        {!sub && m.tier !== 'elite' ? (
          <ButtonLink to="/pricing" variant={m.trialAvailable ? 'secondary' : 'primary'}>
            {m.tier === 'free' ? 'See plans and upgrade' : 'See plans'}
          </ButtonLink>
        ) : null}
        {!sub && m.hasCustomer ? portal('Billing portal', 'secondary') : null}
      </div>
      <MembershipOutcome result={result} from="plan" />
      {hint(m) ? <p className="card-footnote">{hint(m)}</p> : null}
      {plan.features.length > 0 ? (
        <>
          <h3 className="section-title">What {plan.name} includes</h3>
          <ul className="plan-list membership-includes">
            {plan.features.map((f) => (
              <li key={f}>
                <Icon name="check" className="icon icon-sm plan-check" />
                {FEATURES[f].label}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3 className="section-title">Each month</h3>
      <ul className="plan-list membership-includes">
        {(Object.keys(plan.quotas) as QuotaKind[]).map((kind) => (
          <li key={kind}>
            <Icon name="check" className="icon icon-sm plan-check" />
            {allowanceText(kind, plan.quotas[kind])}
          </li>
        ))}
      </ul>
    </Card>
  );
}

function describe(m: MembershipView): string {
  const sub = m.subscription;
  const name = TIERS[m.tier].name;
  switch (m.state) {
    case 'free':
      return `${TIERS.free.tagline} Upgrade any time for more.`;
    case 'active':
      return `Paid subscription${sub?.price ? `, ${sub.price}` : ''}.${sub?.renewsOn ? ` Renews on ${sub.renewsOn}.` : ''}`;
    case 'canceling':
      return `Paid subscription${sub?.price ? `, ${sub.price}` : ''}, canceled: it does not renew.`;
    case 'trialing':
      return `Free trial of ${name}${sub?.trialEndsOn ? ` until ${sub.trialEndsOn}` : ''}.`;
    case 'past_due':
      return `Paid subscription${sub?.price ? `, ${sub.price}` : ''}. Your last payment did not go through.`;
    case 'comp':
      return `${name}, complimentary from the Cadence team${m.grant ? ` until ${m.grant.endsOn}` : ''}.`;
    case 'invite_trial':
      return `${name} with your invite${m.grant ? ` until ${m.grant.endsOn}` : ''}, then Free unless you subscribe.`;
  }
}

function hint(m: MembershipView): string | null {
  const sub = m.subscription;
  if (m.state === 'trialing' && sub && !sub.hasPaymentMethod)
    return 'No card is needed for the trial. Add one in the billing portal to keep Pro afterwards; without one you go back to Free.';
  if (m.state === 'free' && m.trialAvailable) return `The trial needs no card and ends by itself after ${m.trialDays} days.`;
  if (m.state === 'canceling') return 'Changed your mind? Renew in the billing portal before then.';
  if (sub && m.state === 'active') return 'Change plan, update your card or cancel in the billing portal.';
  return null;
}

/** This month's allowances: used, the limit, and when they reset (the athlete's local month). */
export function UsageSection({ usage }: { usage: MembershipView['usage'] }) {
  const resetsOn = usage[0]?.resetsOn;
  return (
    <Card id="usage" title="Usage this month" description={resetsOn ? `Your allowances start again on ${resetsOn}.` : undefined}>
      <ul className="usage-list">
        {usage.map((u) => {
          const left = u.limit === null ? null : Math.max(0, u.limit - u.used);
          return (
            <li key={u.kind} className="usage-item">
              <div className="usage-row">
                <span className="usage-label">{u.label}</span>
                <span className="usage-count tabular">{u.limit === null ? `${u.used} used · Unlimited` : `${u.used} of ${u.limit}`}</span>
              </div>
              {u.limit === null ? null : (
                <>
                  <meter
                    className="usage-meter"
                    min={0}
                    max={Math.max(u.limit, 1)}
                    value={Math.min(u.used, u.limit)}
                    aria-label={`${u.label}: ${u.used} of ${u.limit} used`}
                  />
                  <p className="usage-note">{left === 0 ? 'None left this month.' : `${left} left this month.`}</p>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

type Invoice = {
  id: string;
  number: string | null;
  date: string;
  amountCents: number;
  currency: string;
  status: string | null;
  url: string | null;
};

const INVOICE_STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  paid: { label: 'Paid', tone: 'success' },
  open: { label: 'Due', tone: 'warning' },
  draft: { label: 'Draft', tone: 'neutral' },
  void: { label: 'Void', tone: 'neutral' },
  uncollectible: { label: 'Unpaid', tone: 'danger' },
};

export function InvoicesSection({ invoices }: { invoices: Invoice[] | null }) {
  return (
    <Card id="invoices" title="Invoices" description="Every invoice for your membership, newest first. Open one for its details.">
      {invoices === null ? (
        <Alert tone="warning" title="We couldn't load your invoices just now">
          <p>Our payment provider did not answer. Reload the page in a minute; the billing portal lists them too.</p>
        </Alert>
      ) : invoices.length === 0 ? (
        <EmptyState icon={<Icon name="receipt" />} title="No invoices yet" level={3}>
          <p>When you subscribe, each payment's invoice appears here.</p>
        </EmptyState>
      ) : (
        <div className="table-scroll" tabIndex={0} role="group" aria-labelledby="invoices-title">
          <table className="table invoice-table">
            <thead>
              <tr>
                <th scope="col">Invoice</th>
                <th scope="col" className="invoice-date-col">
                  Date
                </th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {invoices.map((i) => {
                const status = INVOICE_STATUS[i.status ?? ''] ?? { label: i.status ?? '—', tone: 'neutral' as const };
                const name = i.number ?? i.id;
                return (
                  // The anchor a payment-failed notification links to.
                  <tr key={i.id} id={`invoice-${i.id}`}>
                    <th scope="row">
                      {/* The number opens Stripe's page for the invoice (lines, amounts, a PDF). */}
                      {i.url ? (
                        <a href={i.url} className="tabular">
                          {name}
                        </a>
                      ) : (
                        <span className="tabular">{name}</span>
                      )}
                      <span className="invoice-date-inline">{i.date}</span>
                    </th>
                    <td className="nowrap invoice-date-col">{i.date}</td>
                    <td className="num">{formatMoney(i.amountCents, i.currency)}</td>
                    <td>
                      <Badge tone={status.tone}>{status.label}</Badge>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
