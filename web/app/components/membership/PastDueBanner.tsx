import { Form } from '@remix-run/react';
import { SubmitButton } from '../ui';

/**
 * Under the app header on every page while a payment has failed: calm, with the date access lasts and
 * the one thing to do (the card, in the billing portal; the Membership page's action opens it).
 */
export function PastDueBanner({ tierName, graceEndsOn }: { tierName: string; graceEndsOn: string }) {
  return (
    <aside className="billing-banner" aria-label="Payment problem">
      <div className="container billing-banner-inner">
        <p className="billing-banner-text">
          <strong>We couldn't take your payment.</strong> {tierName} stays on until {graceEndsOn}.
        </p>
        <Form method="post" action="/settings/membership" className="billing-banner-form">
          <input type="hidden" name="intent" value="portal" />
          <input type="hidden" name="from" value="banner" />
          <SubmitButton variant="secondary" size="sm" pendingText="Opening the portal…" match={{ intent: 'portal', from: 'banner' }}>
            Update your card
          </SubmitButton>
        </Form>
      </div>
    </aside>
  );
}
