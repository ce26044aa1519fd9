// `npm run migrate`: apply prisma/migrations to DATABASE_URL (or the embedded database).
import { loadConfig } from '../config/config';
import { openDatabase } from './database';

async function main(): Promise<void> {
  const database = await openDatabase(loadConfig());
  try {
    const applied = await database.migrate();
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
