import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { AddEntry, ByPackageType, Events, Totals, type EntryResult } from '~/components/coach-money/MoneySections';
import { monthLabel, shiftMonth } from '~/components/coach-money/money-format';
import { PageHeader, buttonClass } from '~/components/ui';
import { requireMember } from '~/utils/coach.server';
import { appErrorToForm, formValues, parseValues } from '~/utils/forms.server';
import { CreateMoneyEventInput, Month, parseAmountToCents } from '../../../worker/features/coach-os';
import { refuseWhileImpersonating } from '../../../worker/http/guards';

// /coach/money: the org's P&L for one org-local month — totals, package types, the month's entries,
// manual cash income and expenses, and the CSV. Everything goes through the same services as the API.
export const meta: MetaFunction = () => [{ title: 'Money · Coach · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

// The schema's words are the API's; the form says what to type, as the amount is typed as text.
const naming = {
  fieldOf: (path: string) => (path === 'amountCents' ? 'amount' : path),
  messages: { amount: 'Enter an amount such as 45 or 45.50', occurredOn: 'Enter the date it happened' },
};

export async function loader(args: LoaderFunctionArgs) {
  const m = await requireMember(args);
  const url = new URL(args.request.url);
  const { payments } = args.context.services;
  const asked = url.searchParams.get('month') ?? '';
  const month = Month.safeParse(asked).success ? asked : payments.currentMonth(m);
  const currency = /^[a-z]{3}$/.test(url.searchParams.get('currency') ?? '') ? url.searchParams.get('currency')! : undefined;
  const pnl = await payments.pnl(m, month, currency);
  const today = args.context.services.coach.today(m);
  return { pnl, today, badMonth: asked !== '' && asked !== month };
}

export async function action(args: ActionFunctionArgs): Promise<ReturnType<typeof data<EntryResult>>> {
  const m = await requireMember(args);
  const values = formValues(await args.request.formData());
  const { payments } = args.context.services;
  if (values.intent === 'delete') {
    try {
      refuseWhileImpersonating(m.actor, 'delete a money entry');
      await payments.deleteManual(m, values.id ?? '');
      return data({ intent: 'delete', ok: true, message: 'Entry deleted.', fieldErrors: {} });
    } catch (err) {
      const f = appErrorToForm(err);
      return data(
        { intent: 'delete', ok: false, formError: f.formError ?? 'That entry could not be deleted.', fieldErrors: {} },
        { status: f.status },
      );
    }
  }
  if (values.intent !== 'add') throw new Response('Unknown action', { status: 400 });
  const kept = {
    kind: values.kind ?? '',
    amount: values.amount ?? '',
    currency: values.currency ?? '',
    occurredOn: values.occurredOn ?? '',
    category: values.category ?? '',
    description: values.description ?? '',
  };
  // An amount that is not a number goes in as 0, which the schema refuses like any amount below one
  // cent while still judging the other fields (a missing one would stop its expense-category rule).
  const input = {
    kind: kept.kind,
    amountCents: parseAmountToCents(kept.amount) ?? 0,
    currency: kept.currency,
    occurredOn: kept.occurredOn,
    description: kept.description,
    ...(kept.category.trim() ? { category: kept.category } : {}),
  };
  const parsed = parseValues(input, CreateMoneyEventInput, naming);
  if (!parsed.ok)
    return data({ intent: 'add', ok: false, fieldErrors: parsed.fieldErrors, formError: parsed.formError, values: kept }, { status: 400 });
  try {
    const saved = await payments.addManual(m, parsed.data);
    return data({ intent: 'add', ok: true, message: `${saved.kind === 'expense' ? 'Expense' : 'Income'} added.`, fieldErrors: {} });
  } catch (err) {
    const f = appErrorToForm(err);
    return data({ intent: 'add', ok: false, fieldErrors: f.fieldErrors, formError: f.formError, values: kept }, { status: f.status });
  }
}

export default function CoachMoney() {
  const { pnl, today, badMonth } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const q = (month: string) => `?month=${month}${pnl.currencies.length > 1 ? `&currency=${pnl.currency}` : ''}`;
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/coach">Coach</Link>}
        title="Money"
        description="What your coaching earned and cost, month by month. Stripe payments and refunds arrive on their own."
        actions={
          <a className={buttonClass('secondary', 'sm')} href={`/api/v1/coach/pnl.csv?month=${pnl.month}&currency=${pnl.currency}`} download>
            Download CSV
          </a>
        }
      />
      <nav className="money-months" aria-label="Month">
        <Link
          className={buttonClass('secondary', 'sm')}
          to={q(shiftMonth(pnl.month, -1))}
          aria-label={`Previous month, ${monthLabel(shiftMonth(pnl.month, -1))}`}
        >
          ←
        </Link>
        <h2 className="money-month">{monthLabel(pnl.month)}</h2>
        <Link
          className={buttonClass('secondary', 'sm')}
          to={q(shiftMonth(pnl.month, 1))}
          aria-label={`Next month, ${monthLabel(shiftMonth(pnl.month, 1))}`}
        >
          →
        </Link>
        <Form method="get" className="money-month-form">
          <label htmlFor="money-month-input" className="visually-hidden">
            Go to month
          </label>
          <input id="money-month-input" className="input" type="month" name="month" defaultValue={pnl.month} />
          {pnl.currencies.length > 1 ? (
            <select className="input select" name="currency" defaultValue={pnl.currency} aria-label="Currency">
              {pnl.currencies.map((c) => (
                <option key={c} value={c}>
                  {c.toUpperCase()}
                </option>
              ))}
            </select>
          ) : null}
          <button type="submit" className={buttonClass('secondary', 'sm')}>
            Show
          </button>
        </Form>
      </nav>
      {badMonth ? <p className="field-error">That month was not understood; showing this month instead.</p> : null}
      {pnl.currencies.length > 1 ? (
        <p className="money-note">
          Amounts in {pnl.currency.toUpperCase()} only; this month also has money in{' '}
          {pnl.currencies
            .filter((c) => c !== pnl.currency)
            .map((c) => c.toUpperCase())
            .join(', ')}
          . Currencies are never converted or added together.
        </p>
      ) : null}
      <div className="money-page">
        <Totals pnl={pnl} />
        <div className="money-grid">
          <Events pnl={pnl} result={result?.intent === 'delete' ? result : result?.ok ? result : undefined} />
          <div className="money-side">
            <ByPackageType pnl={pnl} />
            <AddEntry currency={pnl.currency} today={today} result={result?.intent === 'add' && !result.ok ? result : undefined} />
          </div>
        </div>
      </div>
    </>
  );
}
