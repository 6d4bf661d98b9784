// Maps and segments (issue 57): what other features and the web may use.
export { createTrackSync, type TrackChange, type TrackListener, type TrackSync } from './tracks/track-sync';
export { boxOf, decodeTrack, lengthOf, type Box, type Track, trackOf } from './tracks/track.calc';
export { createTracksRepo, type StoredTrack, type TrackRef } from './tracks/tracks.repo';
// Segments (ADR 102): made from a stretch of an activity, their efforts, the board; the matcher joins through SegmentMatcher.
export { BOARD_REASONS, BOARD_RULES, createSegmentBoard, type SegmentBoardService } from './segments/board.service';
export { interimPathOf, SEGMENT_DISTANCE_M, type Elevation, type SegmentPath } from './segments/segments.calc';
export { createSegmentsService, MAX_SEGMENTS, type SegmentMatcher, type SegmentsService, ZONE_REFUSAL } from './segments/segments.service';
