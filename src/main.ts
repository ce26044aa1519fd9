// `npm start`: read the environment once, start the app, stop cleanly on a signal.
import { createApp } from './app';
import { loadConfig, type Config } from './config/config';
import { createLogger, type Logger } from './logging/logger';

/** After the grace period, this long for the rest (index, database) before giving up. */
const CLOSE_MARGIN_MS = 10_000;

async function main(config: Config, logger: Logger): Promise<void> {
  const app = await createApp(config, { logger });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return logger.info(`${signal}: already shutting down`);
    stopping = true;
    logger.info(`${signal}: shutting down (no new connections; requests in flight may finish)`);
    // A database that does not answer must not keep the process from exiting.
    setTimeout(() => {
      logger.error(`shutdown did not finish within ${(config.shutdownGraceMs + CLOSE_MARGIN_MS) / 1000} s; exiting anyway`);
      process.exit(1);
    }, config.shutdownGraceMs + CLOSE_MARGIN_MS).unref();
    app.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error) => {
        logger.error({ err: error }, `shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  // No logger without a valid LOG_LEVEL: plain text on stderr.
  console.error(`catalogue-search failed to start: ${(error as Error).message}`);
  process.exit(1);
}
const logger = createLogger(config.logLevel);
main(config, logger).catch((error) => {
  logger.error({ err: error }, `catalogue-search failed to start: ${(error as Error).message}`);
  process.exit(1);
});
