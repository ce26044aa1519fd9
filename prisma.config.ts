import { defineConfig } from 'prisma/config';

// Used by the prisma CLI only (generate; migrate deploy for users with internet access).
// The server applies prisma/migrations itself, see src/db/migrate.ts.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/catalogue' },
});
