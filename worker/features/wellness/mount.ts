// What only the app mounts: this feature's router. Other features and the web use index.ts.
export { wellnessRoutes } from './wellness.routes';
export { whyRoutes } from './why/why.routes';
