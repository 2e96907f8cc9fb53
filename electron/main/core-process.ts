import { utilityProcess } from 'electron';
import type { ProtocolMessage } from '../core/child/protocol';
import type { LaunchedChild } from '../core/child/supervisor';

/**
 * Starts the core as an Electron utilityProcess (a Node child of main, as VS Code and Actual run their back ends) and
 * speaks the protocol over its parent port. Messages sent before the process has spawned wait for it.
 */
export function launchCoreProcess(entry: string): LaunchedChild {
  const child = utilityProcess.fork(entry, [], { serviceName: 'Tòa Soạn core', stdio: 'inherit' });
  let spawned = false;
  const early: ProtocolMessage[] = [];
  child.once('spawn', () => {
    spawned = true;
    for (const message of early.splice(0)) child.postMessage(message);
  });
  return {
    endpoint: {
      send: (message) => (spawned ? child.postMessage(message) : void early.push(message)),
      onMessage: (listener) => void child.on('message', listener),
    },
    kill: () => void child.kill(),
    onExit: (listener) => void child.once('exit', (code) => listener(`exit code ${code}`)),
  };
}
