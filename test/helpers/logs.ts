// Captures what the app's real logger writes (JSON lines), for tests that read the log.
import type { DestinationStream } from 'pino';

export interface LogLine {
  level: string;
  time: string;
  msg: string;
  reqId?: string;
  [field: string]: any;
}

export class LogCapture implements DestinationStream {
  /** Everything written, as written. */
  text = '';
  lines: LogLine[] = [];

  write(chunk: string): void {
    this.text += chunk;
    for (const line of chunk.split('\n')) if (line.trim()) this.lines.push(JSON.parse(line) as LogLine);
  }

  matching(msg: RegExp): LogLine[] {
    return this.lines.filter((line) => msg.test(line.msg));
  }
}
