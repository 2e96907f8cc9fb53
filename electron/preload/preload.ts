import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES } from '../../shared/contract';

// One named function per contract channel on window.toasoan; ipcRenderer itself is never exposed.
const api = Object.fromEntries(
  CHANNEL_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(`toasoan:${name}`, input)]),
);

contextBridge.exposeInMainWorld('toasoan', Object.freeze(api));
