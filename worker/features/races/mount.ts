// What only the app and the wiring mount: this feature's router. Other features and the web use index.ts.
export { racesRoutes } from './races.routes';
export { fuellingRoutes } from './fuelling/fuelling.routes';
export { triathlonRoutes } from './triathlon/triathlon.routes';
