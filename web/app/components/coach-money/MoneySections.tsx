import { Form } from '@remix-run/react';
import type { Pnl } from '../../../../worker/features/coach-os';
import { Badge, Button, Card, EmptyState, Field, FormError, Icon, LiveRegion, Alert, RadioGroup, SubmitButton } from '~/components/ui';
import { formatMoney } from './money-format';
import type { FormOutcome } from '~/utils/form-outcome';

export interface EntryResult extends FormOutcome {
  intent: 'add' | 'delete';
}

export function Totals({ pnl }: { pnl: Pnl }) {
  const money = (c: number) => formatMoney(c, pnl.currency);
  const cards = [
    { label: 'Income', value: money(pnl.incomeCents), tone: '' },
    { label: 'Refunds', value: pnl.refundsCents ? `−${money(pnl.refundsCents)}` : money(0), tone: '' },
    { label: 'Expenses', value: pnl.expensesCents ? `−${money(pnl.expensesCents)}` : money(0), tone: '' },
    { label: 'Net', value: money(pnl.netCents), tone: pnl.netCents < 0 ? 'money-negative' : pnl.netCents > 0 ? 'money-positive' : '' },
  ];
  return (
    <dl className="money-totals">
      {cards.map((c) => (
        <div key={c.label} className="money-total card">
          <dt>{c.label}</dt>
          <dd className={c.tone || undefined}>{c.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ByPackageType({ pnl }: { pnl: Pnl }) {
  return (
    <Card id="money-packages" title="By package type" description="Sales and refunds of each package in the month.">
      {pnl.byPackageType.length === 0 ? (
        <p className="money-empty">No income this month.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="group" aria-label="Income by package type">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Package</th>
                <th scope="col" className="num">
                  Sales
                </th>
                <th scope="col" className="num">
                  Income
                </th>
                <th scope="col" className="num">
                  Refunds
                </th>
              </tr>
            </thead>
            <tbody>
              {pnl.byPackageType.map((t) => (
                <tr key={t.packageTypeId ?? 'other'}>
                  <th scope="row">{t.name}</th>
                  <td className="num">{t.sales}</td>
                  <td className="num">{formatMoney(t.incomeCents, pnl.currency)}</td>
                  <td className="num">{t.refundsCents ? `−${formatMoney(t.refundsCents, pnl.currency)}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pnl.byCategory.length > 0 ? (
        <>
          <h3 className="money-subtitle">Expenses by category</h3>
          <ul className="money-categories">
            {pnl.byCategory.map((c) => (
              <li key={c.category}>
                <span>{c.category}</span>
                <span className="num">−{formatMoney(c.expensesCents, pnl.currency)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}

const KIND: Record<string, { label: string; tone: 'success' | 'warning' | 'neutral' }> = {
  income: { label: 'Income', tone: 'success' },
  refund: { label: 'Refund', tone: 'warning' },
  expense: { label: 'Expense', tone: 'neutral' },
};

export function Events({ pnl, result }: { pnl: Pnl; result?: EntryResult }) {
  return (
    <Card id="money-events" title="This month’s money" description={`Dates in your organisation’s time zone (${pnl.timeZone}).`}>
      <LiveRegion>
        {result?.ok ? (
          <Alert tone="success" announce={false}>
            {result.message}
          </Alert>
        ) : null}
      </LiveRegion>
      {result && !result.ok ? <FormError message={result.formError} /> : null}
      {pnl.events.length === 0 ? (
        <EmptyState icon={<Icon name="ticket" />} title="Nothing recorded this month">
          <p>Payments from your Stripe checkout links appear here by themselves. Add cash income or expenses below.</p>
        </EmptyState>
      ) : (
        <ul className="money-events">
          {[...pnl.events].reverse().map((e) => (
            <li key={e.id} className="money-event">
              <div className="money-event-main">
                <Badge tone={KIND[e.kind]!.tone}>{KIND[e.kind]!.label}</Badge>
                <span className="money-event-text">
                  {e.description || e.packageTypeName || e.category || 'Entry'}
                  {e.clientName ? <span className="money-event-meta"> · {e.clientName}</span> : null}
                  {e.category && e.kind === 'expense' ? <span className="money-event-meta"> · {e.category}</span> : null}
                </span>
              </div>
              <div className="money-event-side">
                <time dateTime={e.occurredAt}>{e.occurredOn}</time>
                <span className={e.kind === 'income' ? 'num money-positive' : 'num'}>
                  {e.kind === 'income' ? '' : '−'}
                  {formatMoney(e.amountCents, e.currency)}
                </span>
                <span className="money-event-source">{e.source === 'stripe' ? 'Stripe' : 'Manual'}</span>
                {e.deletable ? (
                  <Form method="post" className="money-delete">
                    <input type="hidden" name="intent" value="delete" />
                    <input type="hidden" name="id" value={e.id} />
                    <Button
                      type="submit"
                      variant="danger-quiet"
                      size="sm"
                      aria-label={`Delete ${KIND[e.kind]!.label.toLowerCase()} of ${formatMoney(e.amountCents, e.currency)} on ${e.occurredOn}`}
                    >
                      Delete
                    </Button>
                  </Form>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function AddEntry({ currency, today, result }: { currency: string; today: string; result?: EntryResult }) {
  const v = result && !result.ok ? (result.values ?? {}) : {};
  const e = result && !result.ok ? result.fieldErrors : {};
  return (
    <Card id="money-add" title="Add cash income or an expense" description="Amounts in the currency’s usual units, e.g. 45 or 45.50.">
      {result && !result.ok && result.formError ? <FormError message={result.formError} /> : null}
      <Form method="post" className="money-form" noValidate>
        <input type="hidden" name="intent" value="add" />
        <RadioGroup
          label="Type"
          name="kind"
          defaultValue={v.kind ?? 'expense'}
          error={e.kind}
          options={[
            { value: 'expense', label: 'Expense' },
            { value: 'income', label: 'Cash income' },
          ]}
        />
        <div className="money-form-row">
          <Field
            label="Amount"
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            defaultValue={v.amount ?? ''}
            error={e.amount}
            required
          />
          <Field
            label="Currency"
            name="currency"
            defaultValue={v.currency ?? currency}
            error={e.currency}
            maxLength={3}
            className="money-currency"
            required
          />
          <Field label="Date" name="occurredOn" type="date" defaultValue={v.occurredOn ?? today} error={e.occurredOn} required />
        </div>
        <Field
          label="Category"
          name="category"
          defaultValue={v.category ?? ''}
          error={e.category}
          hint="Needed for expenses: rent, equipment, travel…"
        />
        <Field label="Description" name="description" defaultValue={v.description ?? ''} error={e.description} maxLength={200} optional />
        <SubmitButton pendingText="Saving…" match={{ intent: 'add' }}>
          Add entry
        </SubmitButton>
      </Form>
    </Card>
  );
}
