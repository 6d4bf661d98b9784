// What only the app mounts: the protocol's public endpoints and the athlete's connected assistants.
export { assistantRoutes, oauthProtocolRoutes } from './oauth.routes';
