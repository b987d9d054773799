import { type ChildProcess, spawn } from 'node:child_process';

export interface ServerProcess {
  /** The URL the server printed when it was listening. */
  url: string;
  /** Lines printed on stdout since the last call (or the start), once it has printed nothing for 50 ms. */
  takeLines(): Promise<string[]>;
  /** Asks it over IPC, where it was started with IPC, and returns its answer. */
  ask(message: string): Promise<unknown>;
  stop(): Promise<void>;
}

const runningGroups = new Set<number>();
let cleanupRegistered = false;

/**
 * The servers' process groups do not get the terminal's Ctrl-C: they are ended when the benchmark's process ends,
 * however it ends.
 */
function endGroupsOnExit(): void {
  if (cleanupRegistered) return;
  cleanupRegistered = true;
  process.on('exit', () => {
    for (const group of runningGroups) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // The group has ended already.
      }
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
}

/**
 * A server under test in a process of its own, so that the load generator does not share its event loop. It is ready
 * when it prints a line that `ready` matches; the first group is its URL.
 */
export async function startServerProcess(options: {
  name: string;
  args: string[];
  /** Its working directory: the benchmark's own by default. */
  cwd?: string;
  env: NodeJS.ProcessEnv;
  ready: RegExp;
  ipc?: boolean;
  /** Its stderr is kept for the error should it fail to start, but not passed on. */
  quiet?: boolean;
}): Promise<ServerProcess> {
  // A process group of its own, so that stopping it stops what it started too (wrangler dev starts npx, workerd).
  const child: ChildProcess = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe', ...(options.ipc ? (['ipc'] as const) : [])],
    detached: true,
  });
  endGroupsOnExit();
  runningGroups.add(child.pid!);
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // The group has ended already.
    }
  };
  let lines: string[] = [];
  let partial = '';
  let output = '';
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => runningGroups.delete(child.pid!));
  // Its requests then fail by the thousand, as refused connections: say why.
  child.once('exit', (code, exitSignal) => {
    if (!stopping) {
      process.stderr.write(
        `[${options.name}] ended without the benchmark stopping it: ${exitSignal ?? `exit code ${code}`}\n`,
      );
    }
  });
  const stop = async () => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      signal('SIGTERM');
      const killer = setTimeout(() => signal('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
    signal('SIGKILL');
  };
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${options.name} did not start within 60 s:\n${output}`));
    }, 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      const text = partial + chunk.toString();
      const complete = text.split('\n');
      partial = complete.pop()!;
      lines.push(...complete);
      if (output.length < 20_000) output += chunk.toString();
      const match = options.ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      if (output.length < 20_000) output += chunk.toString();
      if (!options.quiet) process.stderr.write(`[${options.name}] ${chunk.toString()}`);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    async takeLines() {
      // A server logs a request after answering it: wait for the last lines to arrive.
      for (let seen = -1; seen !== lines.length; ) {
        seen = lines.length;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const taken = lines;
      lines = [];
      return taken;
    },
    ask(message) {
      return new Promise((resolve, reject) => {
        if (!child.send) return reject(new Error(`${options.name} was started without IPC`));
        child.once('message', resolve);
        child.send(message);
      });
    },
    stop,
  };
}
