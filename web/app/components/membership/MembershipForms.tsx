import { Form } from '@remix-run/react';
import type { ReactNode } from 'react';
import type { Interval } from '~/utils/membership';
import type { MembershipActionResult } from '~/utils/membership.server';
import { Alert, FormError, SubmitButton } from '../ui';
import type { ButtonVariant } from '../ui/Button';

/** What a membership form's action answered: an error to show where it was asked, or (without JavaScript) the Stripe link to follow. */
export type MembershipResult = MembershipActionResult;

/** One membership action as a form with a single button (checkout, portal, trial, the Team plan). */
export function MembershipButton({
  intent,
  from,
  tier,
  interval,
  variant = 'primary',
  pendingText,
  block = false,
  children,
}: {
  intent: 'checkout' | 'portal' | 'trial' | 'team-checkout' | 'team-portal';
  /** Where the form sits (a plan's id, "plan"…): its error is shown there. */
  from: string;
  tier?: string;
  interval?: Interval;
  variant?: ButtonVariant;
  pendingText: string;
  block?: boolean;
  children: ReactNode;
}) {
  const match: Record<string, string> = { intent, from };
  return (
    <Form method="post" className="membership-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="from" value={from} />
      {tier ? <input type="hidden" name="tier" value={tier} /> : null}
      {interval ? <input type="hidden" name="interval" value={interval} /> : null}
      <SubmitButton variant={variant} pendingText={pendingText} match={match} className={block ? 'btn-block' : undefined}>
        {children}
      </SubmitButton>
    </Form>
  );
}

/** The outcome of the forms placed at `from`: the refusal, or the link to Stripe for a page without JavaScript. */
export function MembershipOutcome({ result, from }: { result: MembershipResult | undefined; from: string }) {
  if (!result || result.target !== from) return <FormError message={null} />;
  if (!result.ok) return <FormError message={result.formError} />;
  return (
    <Alert tone="info">
      <a href={result.continueUrl}>
        {result.intent.endsWith('portal') ? 'Continue to the billing portal' : 'Continue to the secure checkout'}
      </a>
    </Alert>
  );
}
