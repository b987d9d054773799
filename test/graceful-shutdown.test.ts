import { type ClientRequest, type IncomingMessage, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { readServerConfig } from '../src/config/settings.js';
import { type NodeServer, startNodeServer } from './support/node-server.js';

const QUERY = JSON.stringify({ query: '{ actor(slug: "ben-cardin") { name } }' });

/**
 * A POST whose headers the server has read (it answered `Expect: 100-continue`) and whose body has not been sent:
 * a request in flight, for as long as the test likes. `send` sends the body, and resolves with the answer.
 */
async function requestInFlight(url: string) {
  const { port } = new URL(url);
  const pending = request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/graphql',
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(QUERY),
      expect: '100-continue',
      connection: 'keep-alive',
    },
  });
  const answer = new Promise<{ status: number; connection?: string; body: string }>((resolve, reject) => {
    pending.on('error', reject);
    pending.on('response', (response: IncomingMessage) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () =>
        resolve({ status: response.statusCode!, connection: response.headers.connection, body }),
      );
    });
  });
  answer.catch(() => {});
  pending.flushHeaders();
  await new Promise((resolve) => pending.once('continue', resolve));
  return { request: pending as ClientRequest, answer, send: () => (pending.end(QUERY), answer) };
}

/** A keep-alive connection that has had its answer and sits idle; `closed` resolves when the server closes it. */
async function idleConnection(url: string): Promise<{ socket: Socket; closed: Promise<void> }> {
  const { port } = new URL(url);
  const socket = connect(Number(port), '127.0.0.1');
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write('GET /health/live HTTP/1.1\r\nHost: whosaid.test\r\nConnection: keep-alive\r\n\r\n');
  await new Promise<void>((resolve) => {
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString();
      if (answer.includes('\r\n\r\n')) resolve();
    });
  });
  return { socket, closed };
}

function connectionRefused(url: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('accepted');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

const exitOf = (server: NodeServer) =>
  new Promise<{ code: number | null; at: number }>((resolve) =>
    server.process.once('exit', (code) => resolve({ code, at: performance.now() })),
  );

const until = async (condition: () => boolean) => {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 10_000) throw new Error('waited 10 s in vain');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('WHOSAID_SHUTDOWN_TIMEOUT_MS', () => {
  it('is ten seconds unless set, in milliseconds', () => {
    expect(readServerConfig({}).WHOSAID_SHUTDOWN_TIMEOUT_MS).toBe(10_000);
    expect(readServerConfig({ WHOSAID_SHUTDOWN_TIMEOUT_MS: '2500' }).WHOSAID_SHUTDOWN_TIMEOUT_MS).toBe(2500);
    expect(() => readServerConfig({ WHOSAID_SHUTDOWN_TIMEOUT_MS: 'soon' })).toThrow(
      'WHOSAID_SHUTDOWN_TIMEOUT_MS: must be a whole number from 0 to 600000',
    );
  });
});

// The Node server, a real process: what SIGTERM does to the requests it is serving.
describe('the Node server shutting down', () => {
  let dataDir: string | undefined;
  const servers: NodeServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.stop();
  });

  it('finishes a request in flight, refuses new connections, closes idle ones, and exits 0 long before the deadline', async () => {
    const server = await startNodeServer({ WHOSAID_SHUTDOWN_TIMEOUT_MS: '20000' });
    servers.push(server);
    dataDir = server.dataDir;
    const idle = await idleConnection(server.url);
    const inFlight = await requestInFlight(server.url);
    const exited = exitOf(server);

    const signalled = performance.now();
    server.process.kill('SIGTERM');
    await until(() => server.output().includes('whosaid: SIGTERM, shutting down (requests in flight have 20000 ms)'));
    await idle.closed;
    expect(await connectionRefused(server.url)).toBe('ECONNREFUSED');

    // Answered in full, and told not to send more on its connection.
    expect(await inFlight.send()).toEqual({
      status: 200,
      connection: 'close',
      body: JSON.stringify({ data: { actor: { name: 'Ben Cardin' } } }),
    });
    const { code, at } = await exited;
    expect(code).toBe(0);
    expect(at - signalled).toBeLessThan(10_000);
    expect(server.output()).not.toContain('still open at the deadline');
  });

  it('closes a request still unfinished at the deadline, and exits then', async () => {
    // The first test's data directory: seeded already, so this start only opens it.
    const server = await startNodeServer({ WHOSAID_SHUTDOWN_TIMEOUT_MS: '1500' }, { dataDir });
    servers.push(server);
    const stuck = await requestInFlight(server.url);
    const exited = exitOf(server);

    const signalled = performance.now();
    server.process.kill('SIGTERM');
    await expect(stuck.answer).rejects.toMatchObject({ code: 'ECONNRESET' });
    const { code, at } = await exited;
    expect(code).toBe(0);
    expect(at - signalled).toBeGreaterThanOrEqual(1500);
    expect(at - signalled).toBeLessThan(6_000);
    expect(server.output()).toContain('whosaid: closed 1 connection(s) still open at the deadline');
  });
});
