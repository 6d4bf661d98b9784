export { createAccountService } from './account.service';
export type { AccountService } from './account.service';
export { UpdateProfileInput, ChangePasswordInput, isTimeZone } from './account.schema';
