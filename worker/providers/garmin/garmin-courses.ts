// Garmin Connect's Courses API v1 (ADR 101): a course the athlete's watch or bike computer can follow. Only this
// adapter knows the path; the wire JSON is in garmin-courses.wire.ts.
import type { GarminCourse } from './garmin-courses.wire';

export interface GarminCoursesClient {
  /** POST /training-api/courses/v1/course → Garmin's course id. */
  createCourse(accessToken: string, course: GarminCourse): Promise<string>;
}
