// `npm start`: read the environment once, start the app, stop cleanly on a signal.
import { createApp } from './app';
import { loadConfig } from './config/config';

async function main(): Promise<void> {
  const app = await createApp(loadConfig());
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    app.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
  console.error(`catalogue-search failed to start: ${(error as Error).message}`);
  process.exit(1);
});
