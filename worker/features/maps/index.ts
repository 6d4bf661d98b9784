// Maps (issue 57): each slice in its own folder, reached by other features through this index.
// Courses: GPX imports and activity routes, sent to Garmin's Courses API and used for race day (ADR 101).
export { createCoursesService } from './courses/courses.service';
export type { CoursesService } from './courses/courses.service';
export { Course, CourseList, CourseSport, MAX_COURSES, UpdateCourse } from './courses/courses.schema';
export { COURSE_SPORTS } from './courses/courses.calc';
export type { CourseSport as CourseSportName } from './courses/courses.calc';
