import { defineConfig } from 'drizzle-kit';

// drizzle-kit only generates SQL from the schema; `npm run db:migrate` applies it.
export default defineConfig({
  dialect: 'postgresql',
  schema: './worker/db/schema/index.ts',
  out: './migrations',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/cadence' },
});
