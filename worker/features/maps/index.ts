// Maps and segments (issue 57): what other features and the web may use.
export { createTrackSync, type TrackChange, type TrackListener, type TrackSync } from './tracks/track-sync';
export { boxOf, decodeTrack, lengthOf, type Box, type Track, trackOf } from './tracks/track.calc';
export { createTracksRepo, type StoredTrack, type TrackRef } from './tracks/tracks.repo';
export { type BasemapInfo, type BasemapSource, createR2Basemap } from './tiles/basemap';
export { BASEMAP_SOURCE, tileUrlTemplate } from './tiles/style';
