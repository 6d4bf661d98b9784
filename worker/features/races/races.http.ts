// What every races router shares: the OpenAPI tag, the session security, the usual error answers and the signed-in
// athlete a handler acts for.
import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { requireUser } from '../../http/guards';
import { errorResponses } from '../../http/openapi-shared';
import { athleteOf } from '../analytics';

export const tags = ['Races'];
export const security = [{ session: [] }];
export const std = { 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] };
export const athlete = async (c: Context<AppEnv>) => athleteOf((await requireUser(c.var.auth)).user);
