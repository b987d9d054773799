import { connect } from 'node:net';
import { WebSocketServer } from 'ws';

export interface NeonBridge {
  /** `host:port`, for neonConfig.wsProxy. */
  address: string;
  close(): Promise<void>;
}

/**
 * A local stand-in for Neon's WebSocket proxy: each WebSocket at `/v1?address=host:port` becomes a TCP connection
 * to that Postgres server, raw protocol bytes in binary frames both ways. It connects only to `database`, so it
 * cannot be used to reach anything else.
 */
export async function startNeonBridge(options: {
  database: string;
  host?: string;
  port?: number;
}): Promise<NeonBridge> {
  const server = new WebSocketServer({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  server.on('connection', (socket, request) => {
    const url = new URL(request.url ?? '/', 'ws://bridge');
    const address = url.searchParams.get('address');
    if (url.pathname !== '/v1' || address !== options.database) {
      socket.close(1008, `only ${options.database} may be reached`);
      return;
    }
    const separator = address.lastIndexOf(':');
    const host = address.slice(0, separator).replace(/^\[(.*)\]$/, '$1');
    const tcp = connect(Number(address.slice(separator + 1)), host);
    tcp.on('data', (bytes) => socket.send(bytes, { binary: true }));
    tcp.on('close', () => socket.close());
    tcp.on('error', () => socket.terminate());
    socket.on('message', (bytes: Buffer) => tcp.write(bytes));
    socket.on('close', () => tcp.destroy());
    socket.on('error', () => tcp.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as { port: number };
  return {
    address: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}

/** The `host:port` a Postgres URL points at, as Neon's driver names it to the proxy. */
export function databaseAddress(url: string): string {
  const { hostname, port } = new URL(url);
  return `${hostname}:${port || '5432'}`;
}
