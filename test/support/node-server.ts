import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface NodeServer {
  process: ChildProcess;
  /** The /graphql URL the server printed when it was listening. */
  url: string;
  /** Its WHOSAID_DATA_DIR. */
  dataDir: string;
  /** Everything it has printed so far, stdout and stderr together. */
  output(): string;
  /** Kills it if it still runs, and removes its data directory unless the caller gave it. */
  stop(): Promise<void>;
}

/**
 * `npm start` as a newcomer runs it: a real process on a free port, PGlite in a fresh data directory (or in `dataDir`,
 * which the caller then owns), seeded on first start; `env` adds to or overrides its environment.
 */
export async function startNodeServer(
  env: Record<string, string> = {},
  options: { dataDir?: string } = {},
): Promise<NodeServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'whosaid-'));
  const server = spawn(
    process.execPath,
    ['--experimental-async-context-frame', '--import', 'tsx', 'src/server/node.ts'],
    {
      env: { ...process.env, PORT: '0', WHOSAID_DATA_DIR: dataDir, DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGKILL');
      await exited;
    }
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`server did not start:\n${output}`));
    }, 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /at (http:\/\/\S+\/graphql)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    server.stdout!.on('data', read);
    server.stderr!.on('data', read);
    server.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { process: server, url, dataDir, output: () => output, stop };
}
