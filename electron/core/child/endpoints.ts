import { fork, type ChildProcess } from 'node:child_process';
import type { Endpoint, ProtocolMessage } from './protocol';
import type { LaunchedChild } from './supervisor';

/** Electron's utilityProcess gives the child `process.parentPort`, a MessagePort to main (typed here: no electron import). */
export interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

/** In the child, under Electron's utilityProcess: the parent port. */
export function parentPortEndpoint(port: ParentPortLike): Endpoint {
  return {
    send: (message) => port.postMessage(message),
    onMessage: (listener) => void port.on('message', (event) => listener(event.data)),
  };
}

/** In the child, under Node's child_process.fork: the IPC channel to the parent. */
export function processEndpoint(child: NodeJS.Process): Endpoint {
  return {
    send: (message) => {
      child.send?.(message);
    },
    onMessage: (listener) => void child.on('message', listener),
  };
}

/** In the parent, for a child forked by Node: its IPC channel (structured clone, as a MessagePort carries). */
export function childProcessEndpoint(child: ChildProcess): Endpoint {
  return {
    send: (message: ProtocolMessage) => {
      if (!child.connected) throw new Error('the core process is not running');
      // A child that dies while this is written: the request fails when its exit is seen (supervisor.ts), not here.
      child.send(message, () => undefined);
    },
    onMessage: (listener) => void child.on('message', listener),
  };
}

/**
 * Forks the core's child entry with plain Node (tests; the same entry Electron runs as a utilityProcess).
 * `advanced` serialisation is the structured clone a MessagePort uses, so byte arrays arrive as byte arrays.
 */
export function forkCoreChild(
  entry: string,
  options: { env?: NodeJS.ProcessEnv; silent?: boolean } = {},
): LaunchedChild & {
  process: ChildProcess;
} {
  const child = fork(entry, [], {
    serialization: 'advanced',
    env: options.env ?? process.env,
    stdio: options.silent ? ['ignore', 'pipe', 'pipe', 'ipc'] : 'inherit',
  });
  return {
    process: child,
    endpoint: childProcessEndpoint(child),
    kill: () => void child.kill('SIGKILL'),
    onExit: (listener) =>
      void child.once('exit', (code, signal) => listener(signal ? `signal ${signal}` : `exit code ${code}`)),
  };
}
