// The athlete's note and RPE per activity (table `activity_notes`): written only by the athlete, read by
// others only as the activity's source allows.
export { createActivityNotesService } from './activity-notes.service';
export type { ActivityNotesService } from './activity-notes.service';
export { ActivityNotes, ActivityNotesPatch, SharedActivityNotes } from './activity-notes.schema';
