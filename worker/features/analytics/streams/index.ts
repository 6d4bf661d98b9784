// The activity page's streams analysis (ADR 032): drawn series, range figures, splits, laps and zones.
export { createActivityStreamsService } from './activity-streams.service';
export type { ActivityStreamsService } from './activity-streams.service';
export { ActivityStreamsRangeResponse, ActivityStreamsResponse, StreamsRangeQuery } from './activity-streams.schema';
