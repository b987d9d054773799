import { spawn } from 'node:child_process';

/** What a process printed, and how it ended. */
export interface FinishedProcess {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `command args…` run to its end with `env` as its whole environment. A process that does not end (a server that
 * started after all, and would listen for ever) is killed after 30 s, so that its test fails rather than hangs.
 */
export function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<FinishedProcess> {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}
