import { Form } from '@remix-run/react';
import type { ReactNode } from 'react';
import { FeatureGrid, type Feature } from '~/components/landing/FeatureGrid';
import { Card, Field, FormError, PageHeader, SelectField, SubmitButton, type OptionGroup } from '~/components/ui';

const CONSOLE: Feature[] = [
  { icon: 'users', title: 'Clients', text: 'Everyone you coach, with their notes, packages and remaining sessions.' },
  { icon: 'ticket', title: 'Packages', text: 'Session bundles you sell; using a session is one click and never counted twice.' },
  { icon: 'calendar', title: 'Calendar', text: 'Bookings in your organisation’s time zone, confirmed by your clients by SMS.' },
  { icon: 'receipt', title: 'Money', text: 'Payment links and a P&L fed by Stripe and your own entries.' },
];

export interface CreateOrgResult {
  ok: false;
  fieldErrors: Record<string, string>;
  formError?: string | undefined;
  values?: { name: string; timeZone: string } | undefined;
}

/** First visit of a coach: name the business and pick the one time zone everything is shown in. */
export function CreateOrgForm({
  defaultTimeZone,
  timeZones,
  result,
  children,
}: {
  defaultTimeZone: string;
  timeZones: OptionGroup[];
  result?: CreateOrgResult | undefined;
  children?: ReactNode;
}) {
  return (
    <>
      <PageHeader
        eyebrow="Coach"
        title="Set up your coaching business"
        description="Clients, packages, bookings and reminders — the business side of coaching, next to the training."
      />
      <div className="coach-setup">
        {children}
        <Card id="create-org" title="Create your organisation" description="You can change both later in the console’s settings.">
          <Form method="post" action="/coach" className="form" noValidate>
            <input type="hidden" name="intent" value="create-org" />
            <FormError message={result?.formError} />
            <Field
              label="Business name"
              name="name"
              required
              maxLength={120}
              autoComplete="organization"
              defaultValue={result?.values?.name}
              error={result?.fieldErrors.name}
              hint="As your clients know it, e.g. “Summit Endurance Coaching”."
            />
            <SelectField
              label="Time zone"
              name="timeZone"
              groups={timeZones}
              defaultValue={result?.values?.timeZone ?? defaultTimeZone}
              error={result?.fieldErrors.timeZone}
              hint="Bookings, reminders and quiet hours all use this zone — not your device’s. It starts as your profile’s zone."
            />
            <SubmitButton pendingText="Creating…">Create organisation</SubmitButton>
          </Form>
        </Card>
        <section aria-labelledby="console-title">
          <h2 id="console-title" className="section-title section-title-sm">
            What the console holds
          </h2>
          <FeatureGrid features={CONSOLE} />
        </section>
      </div>
    </>
  );
}
