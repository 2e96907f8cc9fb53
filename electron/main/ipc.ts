import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES } from '../../shared/contract';
import { ContractError } from '../../shared/contract/errors';
import type { Core } from '../core/core';
import { isAppUrl } from './app-protocol';

export const IPC_PREFIX = 'toasoan:';

/** Only the app's own top-level page may call the core; a subframe or a navigated-away page may not. */
function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame === event.sender.mainFrame && isAppUrl(frame.url);
}

/** The Electron transport: one ipcMain handler per contract channel, and nothing else. */
export function registerIpc(core: Core): void {
  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(`${IPC_PREFIX}${name}`, (event, payload: unknown) => {
      if (!trustedSender(event)) {
        const error = new ContractError('FORBIDDEN', 'Lời gọi không đến từ cửa sổ Tòa Soạn.', 'The call did not come from a Tòa Soạn window.');
        return { ok: false, error: error.toShape() };
      }
      return core.invoke(name, payload);
    });
  }
}
