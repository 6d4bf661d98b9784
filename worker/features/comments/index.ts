// Conversations on training between an athlete and their coaching org (tables `training_comments`,
// `training_comment_reads`; ADR 056). coach-os resolves a coach's link and calls the service as the coach.
export { createCommentsService } from './comments.service';
export type { CommentsService, CommentViewer, SubjectRef } from './comments.service';
export { CoachThread, CommentAnswer, CommentInput, ReadAnswer, EDIT_WINDOW_MINUTES } from './comments.schema';
