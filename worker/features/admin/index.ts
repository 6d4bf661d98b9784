export { createAdminService } from './admin.service';
export type { AdminService } from './admin.service';
