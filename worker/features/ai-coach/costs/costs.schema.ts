// The operators' cost report's query (zod, in the OpenAPI document).
import { z } from '@hono/zod-openapi';

export const CostsQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM')
    .optional()
    .openapi({ description: 'UTC month, YYYY-MM (default: this month)' }),
});
