// The server's logger: pino, one JSON object per line on stdout (level, ISO time, pid,
// hostname, msg; reqId inside a request). Pipe through `npx pino-pretty` to read it by eye.
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/config';
import { currentRequestId } from './request-context';

export type { Logger };

/** Errors are logged at every level: LOG_LEVEL=silent (the tests') means errors only. */
export function pinoLevel(level: LogLevel): pino.Level {
  return level === 'silent' ? 'error' : level;
}

/** Never in a log line, whoever logs a request or its headers. */
export const REDACTED_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie', 'authorization'];

/** `destination` is for tests (a capture); the default is stdout, written synchronously so nothing is lost at exit. */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level: pinoLevel(level),
      timestamp: pino.stdTimeFunctions.isoTime,
      // "level":"info" rather than 30: readable without a tool.
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      mixin: () => {
        const reqId = currentRequestId();
        return reqId ? { reqId } : {};
      },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
