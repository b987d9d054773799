import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningNodeServer {
  process: ChildProcess;
  /** The server's GraphQL endpoint, as it announced it. */
  url: string;
  /** What it has printed so far, stdout and stderr together. */
  output(): string;
  close(): void;
}

/** `npm start` as a newcomer runs it: a real process on a free port, PGlite in a fresh directory, `env` over the rest. */
export async function startNodeServer(env: Record<string, string> = {}): Promise<RunningNodeServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'whosaid-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/node.ts'], {
    env: { ...process.env, PORT: '0', WHOSAID_DATA_DIR: dataDir, DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
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
  return {
    process: server,
    url,
    output: () => output,
    close() {
      if (server.exitCode === null) server.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
