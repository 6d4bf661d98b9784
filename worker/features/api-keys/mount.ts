// What only the app mounts: this feature's routers and its request middleware. Other features and the web use index.ts.
export { personalKeyRoutes, teamKeyRoutes } from './api-keys.routes';
export { apiKeyAuth } from './api-keys.middleware';
