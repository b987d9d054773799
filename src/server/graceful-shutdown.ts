import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

type Step = () => void | Promise<void>;

export interface GracefulShutdown {
  /**
   * Runs `step` as soon as the server has stopped accepting connections, before it waits for the requests in flight:
   * the place to end long-lived responses (SSE subscriptions), which would otherwise hold the shutdown until its
   * deadline. Their clients reconnect, to another instance behind the balancer.
   */
  onShutdown(step: Step): void;
  /** Runs `step` once every connection is closed, in the order they were given: the database last. */
  afterDrain(step: Step): void;
  /** Shuts down: the promise says whether the requests drained in time, or were cut at the deadline. */
  shutDown(): Promise<{ forced: number }>;
}

/** How often idle keep-alive connections are closed while requests drain: one closes as its last answer is sent. */
const IDLE_SWEEP_MS = 50;

/**
 * Graceful shutdown of a Node HTTP server: stop accepting connections, let the requests in flight finish and close
 * each connection once it is idle, then at `deadlineMs` close what is left, then release resources.
 */
export function gracefulShutdown(server: Server, deadlineMs: number): GracefulShutdown {
  const first: Step[] = [];
  const last: Step[] = [];
  let running: Promise<{ forced: number }> | undefined;
  const open = new Set<Socket>();
  server.on('connection', (socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  // Answers sent while draining say `Connection: close`, so that a client (a proxy's keep-alive pool) sends nothing
  // more on a connection that is about to close.
  let draining = false;
  const unanswered = new Set<ServerResponse>();
  server.on('request', (_request, response: ServerResponse) => {
    if (draining) response.shouldKeepAlive = false;
    unanswered.add(response);
    response.once('close', () => unanswered.delete(response));
  });

  async function run() {
    draining = true;
    for (const response of unanswered) if (!response.headersSent) response.shouldKeepAlive = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.allSettled(first.map((step) => step()));
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    let forced = 0;
    const deadline = setTimeout(() => {
      forced = open.size;
      server.closeAllConnections();
      for (const socket of open) socket.destroy();
    }, deadlineMs);
    server.closeIdleConnections();
    await closed;
    clearInterval(sweep);
    clearTimeout(deadline);
    for (const step of last) await step();
    return { forced };
  }

  return {
    onShutdown: (step) => first.push(step),
    afterDrain: (step) => last.push(step),
    shutDown: () => (running ??= run()),
  };
}
