import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { useLoaderData } from '@remix-run/react';
import { PublicLayout } from '~/components/PublicLayout';
import { Card } from '~/components/ui';
import { formatMoney } from '~/components/coach-money/money-format';

// Where Stripe Checkout sends a client back after paying for a package (or cancelling). Public: the
// client has no Cadence account. Shows only what the checkout itself says (product and amount), read
// from Stripe by the unguessable session id; the package itself is added by the webhook.
export const meta: MetaFunction = () => [{ title: 'Payment · Cadence' }, { name: 'robots', content: 'noindex' }];

const SESSION_ID = /^cs_(test|live)_[A-Za-z0-9]{10,200}$/;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (url.searchParams.get('cancelled')) return { state: 'cancelled' as const };
  const id = url.searchParams.get('session_id') ?? '';
  if (!SESSION_ID.test(id)) return { state: 'unknown' as const };
  try {
    const s = await context.services.providers.stripe.retrieveCheckoutSession(id);
    if (s.paymentStatus !== 'paid') return { state: 'pending' as const };
    return {
      state: 'paid' as const,
      product: s.productName,
      amount: s.amountTotal !== null && s.currency ? formatMoney(s.amountTotal, s.currency) : null,
    };
  } catch {
    // Stripe unreachable or an unknown id: the client still deserves a calm page.
    return { state: 'unknown' as const };
  }
}

export default function PayDone() {
  const d = useLoaderData<typeof loader>();
  return (
    <PublicLayout narrow>
      <div className="pay-done">
        <Card>
          {d.state === 'paid' ? (
            <>
              <h1 className="page-title">Thank you — payment received</h1>
              {d.product ? <p>{d.product}</p> : null}
              {d.amount ? <p className="money-total-paid">{d.amount}</p> : null}
              <p>Your coach will see the package on your account in a moment. Stripe sends the receipt by email.</p>
            </>
          ) : d.state === 'cancelled' ? (
            <>
              <h1 className="page-title">Payment cancelled</h1>
              <p>Nothing was charged. You can use the same link from your coach again while it is valid.</p>
            </>
          ) : d.state === 'pending' ? (
            <>
              <h1 className="page-title">Payment processing</h1>
              <p>Stripe has not confirmed the payment yet. Your coach will see it as soon as it does.</p>
            </>
          ) : (
            <>
              <h1 className="page-title">Thank you</h1>
              <p>If you just paid, your coach will see it shortly. Questions about a charge? Ask your coach.</p>
            </>
          )}
        </Card>
      </div>
    </PublicLayout>
  );
}
