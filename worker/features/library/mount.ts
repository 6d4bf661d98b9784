// What only the app mounts: the athlete's library routes (the coach's are coach-os/training's).
export { libraryRoutes } from './library.routes';
