import { Form } from '@remix-run/react';
import { Card, FormError, SubmitButton } from '~/components/ui';

/** "Make a course" on an activity with a route: the whole of it becomes a course to follow, send to Garmin or race on. */
export function MakeCourseCard({ result }: { result?: { ok?: boolean; formError?: string } }) {
  return (
    <Card
      id="make-course"
      title="Make a course"
      description="Keep this route as a course: see its profile, send it to your Garmin, use it for a race."
    >
      <FormError message={result && result.ok === false ? (result.formError ?? null) : null} />
      <Form method="post">
        <input type="hidden" name="intent" value="course" />
        <SubmitButton variant="secondary" pendingText="Making…" match={{ intent: 'course' }}>
          Make a course
        </SubmitButton>
      </Form>
    </Card>
  );
}
