import { Form } from '@remix-run/react';
import { Card, FormError, SubmitButton } from '~/components/ui';

const clock = (s: number) => {
  const t = Math.round(s);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  return `${h ? `${h}:${String(m).padStart(2, '0')}` : m}:${String(t % 60).padStart(2, '0')}`;
};

/**
 * "Make a course" on an activity with a route, under its charts: the whole of it, or the stretch the charts are zoomed
 * to, becomes a course to follow, send to Garmin or race on.
 */
export function MakeCourseCard({
  range,
  result,
}: {
  range: { from: number; to: number } | null;
  result?: { ok?: boolean; formError?: string };
}) {
  return (
    <Card
      id="make-course"
      title="Make a course"
      description="Keep this route as a course: see its profile, send it to your Garmin, use it for a race. Zoom the charts to take a stretch."
    >
      <FormError message={result && result.ok === false ? (result.formError ?? null) : null} />
      <Form method="post">
        <input type="hidden" name="intent" value="course" />
        {range ? (
          <>
            <input type="hidden" name="fromS" value={Math.floor(range.from)} />
            <input type="hidden" name="toS" value={Math.ceil(range.to)} />
          </>
        ) : null}
        <SubmitButton variant="secondary" pendingText="Making…" match={{ intent: 'course' }}>
          {range ? `Make a course of ${clock(range.from)}–${clock(range.to)}` : 'Make a course'}
        </SubmitButton>
      </Form>
    </Card>
  );
}
