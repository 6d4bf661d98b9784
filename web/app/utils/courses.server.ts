import { type AppLoadContext, data, redirect } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { athleteOf } from './analytics.server';
import { appErrorToForm } from './forms.server';

/** The activity page's "Make a course": the whole activity's route, then its course page; a refusal in words. */
export async function makeCourse(context: AppLoadContext, viewer: Viewer, activityId: string) {
  try {
    const course = await context.services.courses.fromActivity(athleteOf(viewer), { activityId });
    return redirect(`/courses/${course.id}`);
  } catch (err) {
    const failure = appErrorToForm(err);
    return data(
      { ...failure, intent: 'course' as const, formError: failure.formError ?? Object.values(failure.fieldErrors)[0] ?? 'Not possible' },
      { status: failure.status },
    );
  }
}
