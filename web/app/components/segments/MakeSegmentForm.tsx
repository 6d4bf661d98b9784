// Under the zoomed charts: "Make a segment of this stretch" — a name and private or public, posted to the activity
// page, which makes it through the segments service and opens it. Zoom to 100 m – 100 km.
import { Form } from '@remix-run/react';
import { Card, Field, FormError, RadioGroup, SubmitButton } from '~/components/ui';

export interface SegmentFormResult {
  fieldErrors: Record<string, string>;
  formError?: string;
}

const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;

export function MakeSegmentForm({ range, result }: { range: { from: number; to: number }; result?: SegmentFormResult | undefined }) {
  const errors = result?.fieldErrors ?? {};
  const stretchError = errors.toS ?? errors.fromS ?? errors.activityId;
  return (
    <Card
      id="make-segment"
      title="Make a segment of this stretch"
      description={`From ${clock(range.from)} to ${clock(range.to)} of this activity. Every activity of yours along it gets an effort; a public one has a board among the people you follow who opted in.`}
    >
      <Form method="post" className="stack" aria-label="Make a segment of this stretch">
        <input type="hidden" name="intent" value="segment" />
        <input type="hidden" name="fromS" value={Math.floor(range.from)} />
        <input type="hidden" name="toS" value={Math.ceil(range.to)} />
        <FormError message={result?.formError ?? stretchError ?? null} />
        <Field label="Name" name="name" id="segment-name" maxLength={80} required error={errors.name} />
        <RadioGroup
          label="Who sees it"
          name="visibility"
          defaultValue="private"
          error={errors.visibility}
          hint="Public segments cannot start or end inside anyone’s privacy zone."
          options={[
            { value: 'private', label: 'Only me' },
            { value: 'public', label: 'Public, with a board' },
          ]}
        />
        <div>
          <SubmitButton pendingText="Making…">Make the segment</SubmitButton>
        </div>
      </Form>
    </Card>
  );
}
