import { type AppLoadContext, data, redirect } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { athleteOf } from './analytics.server';
import { appErrorToForm } from './forms.server';

const second = (v: string | undefined) => (v && /^\d{1,6}$/.test(v) ? Number(v) : undefined);

/** The activity page's "Make a course": the whole route or the charts' zoomed stretch, then its course page; a refusal in words. */
export async function makeCourse(context: AppLoadContext, viewer: Viewer, activityId: string, values: Record<string, string>) {
  const fromS = second(values.fromS);
  const toS = second(values.toS);
  try {
    const course = await context.services.courses.fromActivity(athleteOf(viewer), {
      activityId,
      ...(fromS !== undefined && toS !== undefined && toS > fromS ? { fromS, toS } : {}),
    });
    return redirect(`/courses/${course.id}`);
  } catch (err) {
    const failure = appErrorToForm(err);
    return data(
      { ...failure, intent: 'course' as const, formError: failure.formError ?? Object.values(failure.fieldErrors)[0] ?? 'Not possible' },
      { status: failure.status },
    );
  }
}
