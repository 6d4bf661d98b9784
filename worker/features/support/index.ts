export { createSupportService } from './support.service';
export type { CoachingReads, SupportService, Viewing } from './support.service';
export { AthleteDetail, AthleteSearch, SearchQuery, SEARCH_MAX, ROLES } from './support.schema';
export type { AthleteRow, Issue } from './support.schema';
export { maskEmail, maskName } from './support.mask';
