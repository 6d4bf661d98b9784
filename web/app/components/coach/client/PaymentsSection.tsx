import { Badge } from '~/components/ui';
import { formatCalendarDate } from '~/utils/format';
import { formatMoney } from '~/utils/coach-format';
import { useResource } from '../api';
import { SectionCard } from '../SectionCard';

interface Payment {
  id: string;
  kind: 'income' | 'refund' | 'expense';
  amountCents: number;
  currency: string;
  occurredOn: string;
  source: 'stripe' | 'manual';
  packageTypeName: string | null;
  description: string;
}

/** Money received from (or refunded to) this client, newest first. */
export function PaymentsSection({ clientId }: { clientId: string }) {
  const payments = useResource<{ payments: Payment[] }>(`/api/v1/coach/clients/${clientId}/payments`);
  return (
    <SectionCard
      id="payments"
      title="Payments"
      noun="payments"
      resource={payments}
      isEmpty={(d) => d.payments.length === 0}
      empty={{ icon: 'receipt', title: 'No payments yet', text: 'Payments through a payment link, and refunds, appear here.' }}
    >
      {(d) =>
        d.payments.length === 0 ? null : (
          <ul className="coach-list">
            {d.payments.map((p) => (
              <li key={p.id} className="coach-list-item">
                <div className="coach-list-main">
                  <p className="coach-list-title">{p.packageTypeName ?? (p.description || (p.kind === 'refund' ? 'Refund' : 'Payment'))}</p>
                  <p className="coach-list-meta">
                    {formatCalendarDate(p.occurredOn)} · {p.source === 'stripe' ? 'Stripe' : 'Recorded by hand'}
                  </p>
                </div>
                <span className={p.kind === 'refund' ? 'coach-amount coach-amount-out' : 'coach-amount'}>
                  {p.kind === 'refund' ? '−' : ''}
                  {formatMoney(Math.abs(p.amountCents), p.currency)}
                </span>
                {p.kind === 'refund' ? <Badge tone="warning">Refund</Badge> : null}
              </li>
            ))}
          </ul>
        )
      }
    </SectionCard>
  );
}
