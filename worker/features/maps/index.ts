// Maps and segments (issue 57): what other features and the web may use.
export { type EffortAverages, effortAverages } from './segments/matching/effort.calc';
export { frechet, frechetWithin } from './segments/matching/frechet.calc';
export { FRECHET_TOLERANCE_M, GATE_RADIUS_M, matchActivityAgainst, matchSegment, type Pass } from './segments/matching/match.calc';
export {
  decodeSegmentPath,
  type MatchableSegment,
  pathLength,
  resample,
  SEGMENT_SPACING_M,
  type SegmentPath,
  segmentPathOf,
} from './segments/matching/path.calc';
export { createSegmentMatching, type SegmentMatching } from './segments/matching/segment-matching';
export { createTrackSync, type TrackChange, type TrackListener, type TrackSync } from './tracks/track-sync';
export { boxOf, decodeTrack, lengthOf, type Box, type Track, trackOf } from './tracks/track.calc';
export { createTracksRepo, type StoredTrack, type TrackRef } from './tracks/tracks.repo';
export { type BasemapInfo, type BasemapSource, createR2Basemap } from './tiles/basemap';
export { BASEMAP_SOURCE, tileUrlTemplate } from './tiles/style';
// Courses: GPX imports and activity routes, sent to Garmin's Courses API and used for race day (ADR 101).
export { createCoursesService } from './courses/courses.service';
export type { CoursesService } from './courses/courses.service';
export { Course, CourseList, CourseSport, MAX_COURSES, UpdateCourse } from './courses/courses.schema';
export { COURSE_SPORTS } from './courses/courses.calc';
export type { CourseSport as CourseSportName } from './courses/courses.calc';
// Segments (ADR 102): made from a stretch of an activity, their efforts, the board; matching joins through SegmentMatcher.
export { BOARD_REASONS, BOARD_RULES, createSegmentBoard, type SegmentBoardService } from './segments/board.service';
export { SEGMENT_DISTANCE_M, storedPathOf, type Elevation, type SegmentPath as StoredSegmentPath } from './segments/segments.calc';
export { createSegmentsService, MAX_SEGMENTS, type SegmentMatcher, type SegmentsService, ZONE_REFUSAL } from './segments/segments.service';
export { createHeatmap, type Heatmap } from './heatmap/heatmap.service';
