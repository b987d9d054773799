import { type ChildProcess, spawn } from 'node:child_process';

export interface KillablePostgres {
  /** The postgres:// URL; it stays the same across restarts. */
  url: string;
  /** SIGKILL: no shutdown, connections cut mid-statement, as when a database host dies. */
  kill(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  restart(): Promise<void>;
}

/** PGlite with its data in `dataDir`, served over TCP by pglite-socket in a child process (support/pglite-server-process.ts). */
export async function startKillablePostgres(dataDir: string): Promise<KillablePostgres> {
  let child: ChildProcess;
  const start = (port: number) =>
    new Promise<number>((resolve, reject) => {
      child = spawn(
        process.execPath,
        ['--import', 'tsx', new URL('./pglite-server-process.ts', import.meta.url).pathname, dataDir, String(port)],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      const timer = setTimeout(() => reject(new Error(`the database did not start:\n${output}`)), 60_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on [\d.]+:(\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
      child.on('exit', (code) => reject(new Error(`the database exited with ${code}:\n${output}`)));
    });
  const port = await start(0);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
    restart: async () => {
      await start(port);
    },
  };
}
