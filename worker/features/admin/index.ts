export { createAdminService } from './admin.service';
