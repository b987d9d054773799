import { rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import * as z from 'zod';
import type { Database } from '../db/database.js';
import { keyCommandSchema, runKeyCommand } from '../domain/auth/key-commands.js';
import { ValidationError } from '../domain/validation-error.js';
import { NotFoundError } from '../domain/write-errors.js';

/** The keys socket's name in the data directory. */
export const KEYS_SOCKET_FILE = 'keys.sock';

// A Unix socket's path fits in 108 bytes on Linux and 104 on macOS, its NUL included; Node cuts a longer one short
// without a word, and would listen somewhere else.
const MAX_SOCKET_PATH_BYTES = 103;
const MAX_BODY_BYTES = 64 * 1024;

export interface KeysSocket {
  /** Its absolute path, which `npm run keys` finds in the data directory's lock. */
  path: string;
  /** Stops listening and removes the socket file. */
  close(): Promise<void>;
}

/**
 * `npm run keys` while this server has the embedded database open, which no other process may: HTTP on a Unix socket
 * at `path`, `POST /` with a KeyCommand as JSON, answered 200 `{ output }` (what the command prints) or 4xx
 * `{ error }`. The socket is made with mode 0600, so only this user may connect: those who could open the data
 * directory themselves. A created key goes back to the caller only; `log` is told what was done, never the key.
 */
export async function listenForKeyCommands(
  path: string,
  db: Database,
  log: (line: string) => void,
): Promise<KeysSocket> {
  const absolute = resolve(path);
  const bytes = Buffer.byteLength(absolute);
  if (bytes > MAX_SOCKET_PATH_BYTES) {
    throw new Error(`${absolute} is ${bytes} bytes long, and a Unix socket's path may be ${MAX_SOCKET_PATH_BYTES}`);
  }
  // This process holds the data directory's lock, so a socket already there is a crashed server's.
  rmSync(absolute, { force: true });
  const server = createServer((request, response) => {
    answer(request, response, db, log).catch((error: unknown) => {
      log(`whosaid: keys socket: ${error instanceof Error ? error.stack : String(error)}`);
      send(response, 500, { error: 'the server could not run the command: its log says why' });
    });
  });
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    // The socket takes its mode from the umask as it is made: set just then, no one else may connect even at first.
    const umask = process.umask(0o177);
    try {
      server.listen(absolute, () => {
        server.off('error', failed);
        listening();
      });
    } finally {
      process.umask(umask);
    }
  });
  return {
    path: absolute,
    close: () =>
      new Promise((closed) => {
        server.close(() => {
          rmSync(absolute, { force: true });
          closed();
        });
        server.closeAllConnections();
      }),
  };
}

async function answer(request: IncomingMessage, response: ServerResponse, db: Database, log: (line: string) => void) {
  if (request.method !== 'POST' || request.url !== '/') {
    return send(response, 404, { error: 'the keys socket takes POST / with a keys command' });
  }
  let body = '';
  for await (const chunk of request) {
    body += String(chunk);
    if (body.length > MAX_BODY_BYTES) return send(response, 413, { error: 'a keys command is a few bytes of JSON' });
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return send(response, 400, { error: 'a keys command is JSON' });
  }
  const parsed = keyCommandSchema.safeParse(json);
  if (!parsed.success) return send(response, 400, { error: z.prettifyError(parsed.error) });
  const command = parsed.data;
  try {
    const output = await runKeyCommand(db, command);
    log(`whosaid: keys socket: ${command.command}${'name' in command ? ` "${command.name}"` : ''}`);
    send(response, 200, { output });
  } catch (error) {
    if (error instanceof ValidationError) return send(response, 400, { error: error.message });
    if (error instanceof NotFoundError) return send(response, 404, { error: error.message });
    throw error;
  }
}

function send(response: ServerResponse, status: number, body: { output: string } | { error: string }) {
  if (response.headersSent) return void response.end();
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
