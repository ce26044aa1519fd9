// A TCP proxy in front of Postgres that a test can cut and restore, to play "database down",
// or hang, to play "database not answering" (connections accepted, bytes never answered).
import net from 'node:net';

export interface TcpProxy {
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** From now on nothing is forwarded either way; new connections are accepted and left unanswered. */
  hang(): void;
  /** Forwarding again for new connections; the ones open during the hang are cut (their streams lost bytes). */
  resume(): void;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  let hung = false;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = net.createServer((client) => {
        track(client);
        if (hung) return; // accepted, never answered
        const upstream = net.connect(target.port, target.host);
        track(upstream);
        // Forward only while not hung: a hung database reads nothing and answers nothing.
        client.on('data', (chunk) => hung || upstream.write(chunk));
        upstream.on('data', (chunk) => hung || client.write(chunk));
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    get port() {
      return port;
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
    },
    start: listen,
    hang() {
      hung = true;
    },
    resume() {
      hung = false;
      for (const socket of sockets) socket.destroy();
    },
  };
}

/** A proxy in front of the database at `databaseUrl`, and the same URL through it. */
export async function proxyDatabase(databaseUrl: string): Promise<{ proxy: TcpProxy; url: string }> {
  const target = new URL(databaseUrl);
  const proxy = await startTcpProxy({ host: target.hostname || '127.0.0.1', port: Number(target.port || 5432) });
  const through = new URL(databaseUrl);
  through.hostname = '127.0.0.1';
  through.port = String(proxy.port);
  return { proxy, url: through.toString() };
}
