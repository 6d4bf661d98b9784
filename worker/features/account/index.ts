export { createAccountService } from './account.service';
export type { AccountService } from './account.service';
export { accountRoutes } from './account.routes';
export { UpdateProfileInput, ChangePasswordInput, isTimeZone } from './account.schema';
