// What only the app mounts: this feature's routers.
export { coursesRoutes } from './courses/courses.routes';
