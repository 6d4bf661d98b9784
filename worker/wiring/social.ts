// The social layer's services (issue 42, ADR 083): people, posts and the feed, moderation, achievements and
// leaderboards. Built on the athlete's and the coach console's services.
import { CoachOsWiring } from './coach-os';

export class SocialWiring extends CoachOsWiring {}
