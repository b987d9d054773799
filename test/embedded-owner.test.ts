import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirectoryInUseError } from '../src/db/data-directory-lock.js';
import { openEmbeddedDatabase } from '../src/db/embedded.js';
import { createThrowawayDatabase } from './support/databases.js';
import { type FinishedProcess, runToEnd } from './support/finished-process.js';
import { type NodeServer, startNodeServer } from './support/node-server.js';
import { rowCounts } from './support/row-counts.js';

// PGlite is one process per data directory, and nothing in it stops a second. The process that opens one locks it
// (whosaid.lock: its pid, its command and, for a server, its URL and keys socket); another that finds the lock held
// by a live process refuses at once and says by whom, except `npm run keys`, which asks the running server.

/**
 * `command args…` to its end, on the embedded database in `dataDir` (or the server at `databaseUrl`), as a person would
 * run it in this checkout.
 */
function run(command: string, args: string[], dataDir: string, databaseUrl = ''): Promise<FinishedProcess> {
  return runToEnd(command, args, { ...process.env, DATABASE_URL: databaseUrl, WHOSAID_DATA_DIR: dataDir, PORT: '0' });
}

/** A path in the temporary directory that nothing is at yet; made only by a test that runs, never by one skipped. */
const freshPath = (prefix: string) => join(tmpdir(), `${prefix}${randomUUID()}`);

const keys = (dataDir: string, ...args: string[]) => run('npm', ['run', '--silent', 'keys', '--', ...args], dataDir);
const KEY_PRINTED =
  /^Created (?:READER|EDITOR|ADMIN) key "[^"]+"\. It is shown only this once:\n(whosaid_[A-Za-z0-9_-]{43})\n$/;
const node = (dataDir: string, file: string, ...args: string[]) =>
  run(process.execPath, ['--experimental-async-context-frame', '--import', 'tsx', file, ...args], dataDir);

async function graphql(url: string, query: string, key?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json() };
}

/** A raw request to the server's keys socket, as any program of this user could send one. */
function askSocket(socketPath: string, method: string, body: string): Promise<{ status?: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const asked = request({ socketPath, path: '/', method }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode, body: JSON.parse(text) }));
    });
    asked.on('error', reject);
    asked.end(body);
  });
}

const CREATE_PROPOSITION = `mutation {
  createProposition(input: { slug: "russia-bombs-hospitals", statement: "Russia bombs hospitals in Syria" }) {
    __typename
  }
}`;

function exited(server: NodeServer): Promise<number | null> {
  if (server.process.exitCode !== null || server.process.signalCode !== null) {
    return Promise.resolve(server.process.exitCode);
  }
  return new Promise((resolve) => server.process.once('exit', (code) => resolve(code)));
}

describe('the embedded data directory of a running server', () => {
  const dataDir = freshPath('whosaid-owner-');
  const lockFile = join(dataDir, 'whosaid.lock');
  const keysSocket = join(dataDir, 'keys.sock');
  let server: NodeServer;
  let key: string;

  /** What a process that finds `dataDir` open in `owner` prints, and nothing else, before it exits 1. */
  const refusal = (owner: NodeServer) =>
    `whosaid: PGlite in ${dataDir} is in use by npm start (pid ${owner.process.pid}) at ${owner.url}, ` +
    'and PGlite takes one process per data directory.\n' +
    `Stop that process first (Ctrl-C where it runs, or kill ${owner.process.pid}), or give this one another ` +
    'WHOSAID_DATA_DIR; processes can share a Postgres server (DATABASE_URL) instead.\n' +
    'API keys need no stop: npm run keys -- create|list|revoke asks the running server.\n';

  beforeAll(async () => {
    server = await startNodeServer({}, { dataDir });
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is locked by the server, naming its pid, URL and keys socket, which only its user may open', () => {
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toEqual({
      pid: server.process.pid,
      command: 'npm start',
      url: server.url,
      keysSocket,
    });
    const socket = statSync(keysSocket);
    expect(socket.isSocket()).toBe(true);
    expect(socket.mode & 0o777).toBe(0o600);
  });

  it('npm run keys -- create asks the server, and prints a key the server takes; the server never logs it', async () => {
    const created = await keys(dataDir, 'create', '--name', 'desk', '--role', 'editor');
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toMatch(/^Created EDITOR key "desk"\./);
    key = KEY_PRINTED.exec(created.stdout)![1]!;

    expect(await graphql(server.url, CREATE_PROPOSITION, key)).toEqual({
      status: 200,
      body: { data: { createProposition: { __typename: 'MutationCreatePropositionSuccess' } } },
    });
    expect(server.output()).toContain('whosaid: keys socket: create "desk"');
    expect(server.output()).not.toContain(key);
  });

  it('npm run keys -- list and revoke go through the server too, and its refusals come back as they are', async () => {
    const listed = await keys(dataDir, 'list');
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(listed.stdout).toMatch(/^desk\tEDITOR\tcreated \d{4}-\d\d-\d\d \d\d:\d\d:\d\d[.\d]*\+00\n$/);

    expect(await keys(dataDir, 'create', '--name', 'desk', '--role', 'admin')).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'name: an API key named "desk" exists\n',
    });
    expect(await keys(dataDir, 'revoke', '--name', 'nobody')).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'No active key is named "nobody"\n',
    });

    expect(await keys(dataDir, 'revoke', '--name', 'desk')).toMatchObject({
      code: 0,
      stdout: 'Revoked "desk"\n',
      stderr: '',
    });
    expect(await graphql(server.url, CREATE_PROPOSITION, key)).toEqual({
      status: 401,
      body: {
        errors: [{ message: 'The API key is not valid or has been revoked', extensions: { code: 'UNAUTHENTICATED' } }],
      },
    });
  });

  it('the keys socket refuses what is not a keys command, saying what is wrong, and writes nothing', async () => {
    expect(await askSocket(keysSocket, 'GET', '')).toEqual({
      status: 404,
      body: { error: 'the keys socket takes POST / with a keys command' },
    });
    expect(await askSocket(keysSocket, 'POST', 'create desk-2 editor')).toEqual({
      status: 400,
      body: { error: 'a keys command is JSON' },
    });
    expect(await askSocket(keysSocket, 'POST', '{"command":"create","name":"desk-2","role":"OWNER"}')).toEqual({
      status: 400,
      body: { error: '✖ Invalid option: expected one of "READER"|"EDITOR"|"ADMIN"\n  → at role' },
    });
    expect(await askSocket(keysSocket, 'POST', '{"command":"drop"}')).toEqual({
      status: 400,
      body: { error: "✖ Invalid discriminator value. Expected 'create' | 'list' | 'revoke'\n  → at command" },
    });
    expect((await keys(dataDir, 'list')).stdout).toMatch(/^desk\tEDITOR\t[^\n]+\n$/);
  });

  it('a second npm start on it exits at once, naming the first by its pid and URL', async () => {
    const second = await node(dataDir, 'src/server/node.ts');
    expect(second).toMatchObject({ code: 1, stdout: '', stderr: refusal(server) });
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: server.process.pid });
  });

  it('npm run documents refuses likewise', async () => {
    const document = join(dataDir, 'cardin.graphql');
    writeFileSync(document, '{ actor(slug: "ben-cardin") { name } }');
    expect(await node(dataDir, 'scripts/documents.ts', 'register', document)).toMatchObject({
      code: 1,
      stdout: '',
      stderr: refusal(server),
    });
  });

  it('a server killed with SIGKILL leaves its lock and socket behind, which do not stop the next start', async () => {
    server.process.kill('SIGKILL');
    await exited(server);
    const stale = JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number };
    expect(stale.pid).toBe(server.process.pid);
    expect(existsSync(keysSocket)).toBe(true);

    server = await startNodeServer({}, { dataDir });
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toEqual({
      pid: server.process.pid,
      command: 'npm start',
      url: server.url,
      keysSocket,
    });
    const listed = await keys(dataDir, 'list');
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(listed.stdout).toMatch(/^desk\tEDITOR\tcreated [^\t]+\trevoked [^\t]+\n$/);
  });

  it('a clean stop removes the lock and the socket; then npm run keys opens the directory itself', async () => {
    server.process.kill('SIGTERM');
    expect(await exited(server)).toBe(0);
    expect(existsSync(lockFile)).toBe(false);
    expect(existsSync(keysSocket)).toBe(false);

    const created = await keys(dataDir, 'create', '--name', 'night-desk', '--role', 'reader');
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toMatch(/^Created READER key "night-desk"\. It is shown only this once:\nwhosaid_/);
    expect(existsSync(lockFile)).toBe(false);

    // What went through the server is on disk; what was refused wrote nothing.
    const { db, close } = await openEmbeddedDatabase({ dataDir });
    try {
      expect(await rowCounts(db)).toMatchObject({ propositions: 5, trusted_documents: 0 });
    } finally {
      await close();
    }
  });
});

describe('the lock of an embedded data directory, in one process', () => {
  const dataDir = freshPath('whosaid-lock-');
  const lockFile = join(dataDir, 'whosaid.lock');
  beforeAll(() => mkdirSync(dataDir));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a directory this process already has open, and takes it again once it is closed', async () => {
    const first = await openEmbeddedDatabase({ dataDir, command: 'the first' });
    const second = openEmbeddedDatabase({ dataDir, command: 'the second' });
    await expect(second).rejects.toBeInstanceOf(DataDirectoryInUseError);
    await expect(second).rejects.toThrow(
      `whosaid: PGlite in ${dataDir} is in use by the first (pid ${process.pid}), and PGlite`,
    );
    await first.close();
    expect(existsSync(lockFile)).toBe(false);
    await (await openEmbeddedDatabase({ dataDir })).close();
  });

  it("takes over a lock whose process is gone, or that names this pid without this process's holding it", async () => {
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    for (const pid of [gone.pid, process.pid]) {
      writeFileSync(lockFile, JSON.stringify({ pid, command: 'npm start', url: 'http://127.0.0.1:4000/graphql' }));
      const database = await openEmbeddedDatabase({ dataDir, command: 'the test' });
      expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toEqual({ pid: process.pid, command: 'the test' });
      await database.close();
    }
  });

  it('refuses a lock it cannot read, naming the file', async () => {
    writeFileSync(lockFile, '{"pid": ');
    await expect(openEmbeddedDatabase({ dataDir })).rejects.toThrow(
      `whosaid: PGlite in ${dataDir} is locked by ${lockFile}, which cannot be read. ` +
        'If no whosaid process uses that directory, delete the file and run this again.',
    );
    expect(readFileSync(lockFile, 'utf8')).toBe('{"pid": ');
    rmSync(lockFile);
  });
});

// A Postgres server takes any number of processes: on it the server locks nothing, and the keys command goes to the
// database, not to the server.
describe.skipIf(!process.env.DATABASE_URL)('a server on Postgres (DATABASE_URL)', () => {
  const dataDir = freshPath('whosaid-unused-');
  let database: { url: string; drop(): Promise<void> };
  let server: NodeServer;

  beforeAll(async () => {
    database = await createThrowawayDatabase();
    server = await startNodeServer({ DATABASE_URL: database.url }, { dataDir });
  });

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('locks no data directory, and npm run keys works beside it on the database', async () => {
    expect(existsSync(dataDir)).toBe(false);
    const created = await run(
      'npm',
      ['run', '--silent', 'keys', '--', 'create', '--name', 'desk', '--role', 'editor'],
      dataDir,
      database.url,
    );
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const key = KEY_PRINTED.exec(created.stdout)![1]!;
    expect(await graphql(server.url, CREATE_PROPOSITION, key)).toEqual({
      status: 200,
      body: { data: { createProposition: { __typename: 'MutationCreatePropositionSuccess' } } },
    });
    expect(existsSync(dataDir)).toBe(false);
  });
});
