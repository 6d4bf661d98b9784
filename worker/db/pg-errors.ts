/** Postgres unique_violation, whether the driver throws it directly or drizzle wraps it as the cause. */
export const isUniqueViolation = (err: unknown): boolean =>
  (err as { code?: string } | null)?.code === '23505' || (err as { cause?: { code?: string } } | null)?.cause?.code === '23505';
