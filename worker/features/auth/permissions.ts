// The permission list lives in the access vocabulary leaf (the route layer needs it without importing auth).
export { DEMO_PERMISSIONS, PERMISSIONS, type Permission } from '../../lib/access-vocabulary';
