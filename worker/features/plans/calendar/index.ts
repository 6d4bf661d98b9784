// The training calendar: done activities beside planned workouts on the athlete's local days (README.md).
export { calendarWeeks, linksOutside, MATCH_PADDING_DAYS, placeCalendar, readWindow } from './calendar.calc';
export type { CalendarActivity, CalendarDay, CalendarItem, CalendarWeek, CalendarWorkout } from './calendar.calc';
export { createTrainingCalendar } from './calendar.service';
export type { CalendarRead, FormNote, TrainingCalendar, WeekForm } from './calendar.service';
export { presentCalendar, presentWorkoutDetails } from './calendar.present';
export type { CalendarJson } from './calendar.present';
export { CalendarRangeQuery, TrainingCalendarView, CALENDAR_MAX_DAYS } from './calendar.schema';
