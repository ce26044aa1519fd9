// One HTTP/1.1 keep-alive connection driven by hand, to see what the server does with it:
// whether a later request is answered on the same socket, when the server closes it, and
// whether it closes cleanly (FIN) or with an error. fetch hides all of that in its pool.
import net from 'node:net';

export interface RawAnswer {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}

export class RawConnection {
  /** Date.now() when the server closed its side (FIN); undefined while it is open. */
  endedAt: number | undefined;
  /** A reset or other socket error; a clean close leaves it undefined. */
  error: Error | undefined;
  /** Settles when the socket is closed, by either side. */
  readonly closed: Promise<void>;
  private received = '';
  private onChange: (() => void) | undefined;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.received += chunk.toString('latin1');
      this.onChange?.();
    });
    socket.on('end', () => {
      this.endedAt = Date.now();
      this.onChange?.();
    });
    socket.on('error', (error) => (this.error = error));
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
    void this.closed.then(() => this.onChange?.());
  }

  static open(url: string): Promise<RawConnection> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(port), hostname, () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  get isOpen(): boolean {
    return this.endedAt === undefined && !this.socket.destroyed;
  }

  /** Sends a GET on this connection and reads its answer; rejects if the connection ends first. */
  async get(path: string): Promise<RawAnswer> {
    if (!this.isOpen) throw new Error(`GET ${path}: the connection is already closed`);
    this.received = '';
    this.socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    return new Promise((resolve, reject) => {
      this.onChange = () => {
        const answer = parseAnswer(this.received);
        if (answer) {
          this.onChange = undefined;
          resolve(answer);
        } else if (!this.isOpen) {
          this.onChange = undefined;
          reject(new Error(`GET ${path}: the connection closed before a whole answer (${JSON.stringify(this.received)})`));
        }
      };
    });
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** A complete answer (Content-Length or chunked body), or undefined while more is to come. */
function parseAnswer(text: string): RawAnswer | undefined {
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const [statusLine, ...lines] = text.slice(0, headEnd).split('\r\n');
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  const status = Number(statusLine.split(' ')[1]);
  let rest = text.slice(headEnd + 4);
  if (headers['transfer-encoding'] === 'chunked') {
    let body = '';
    for (;;) {
      const sizeEnd = rest.indexOf('\r\n');
      if (sizeEnd < 0) return undefined;
      const size = parseInt(rest.slice(0, sizeEnd), 16);
      if (rest.length < sizeEnd + 2 + size + 2) return undefined;
      if (size === 0) return { status, headers, body };
      body += rest.slice(sizeEnd + 2, sizeEnd + 2 + size);
      rest = rest.slice(sizeEnd + 2 + size + 2);
    }
  }
  const length = Number(headers['content-length'] ?? 0);
  return rest.length >= length ? { status, headers, body: rest.slice(0, length) } : undefined;
}
