// `npm start`: read the environment once, start the app, stop cleanly on a signal.
import { createApp } from './app';
import { loadConfig } from './config/config';

/** After the grace period, this long for the rest (index, database) before giving up. */
const CLOSE_MARGIN_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return console.log(`${signal}: already shutting down`);
    stopping = true;
    console.log(`${signal}: shutting down (no new connections; requests in flight may finish)`);
    // A database that does not answer must not keep the process from exiting.
    setTimeout(() => {
      console.error(`shutdown did not finish within ${(config.shutdownGraceMs + CLOSE_MARGIN_MS) / 1000} s; exiting anyway`);
      process.exit(1);
    }, config.shutdownGraceMs + CLOSE_MARGIN_MS).unref();
    app.close().then(
      () => {
        console.log('stopped');
        process.exit(0);
      },
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
