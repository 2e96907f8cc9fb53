import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNEL_NAMES, type ChannelName } from '../../shared/contract';
import { ContractError, type Result } from '../../shared/contract/errors';
import type { Language, Settings } from '../../shared/contract/app';
import type { CallContext } from '../core/core';
import { isAppUrl } from './app-protocol';

export const IPC_PREFIX = 'toasoan:';

/** Only the app's own top-level page may call the core; a subframe or a navigated-away page may not. */
function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame === event.sender.mainFrame && isAppUrl(frame.url);
}

/** The core as main reaches it (over the core process's protocol: child/supervisor.ts). */
export interface CoreCaller {
  invoke(channel: string, payload: unknown, context: CallContext): Promise<Result<unknown>>;
}

const SETTINGS_CHANNELS = new Set<ChannelName>(['settings.get', 'settings.update']);

const SIGN_IN_CHANNELS = new Set<ChannelName>(['auth.signIn', 'auth.setupFirstAdmin']);

/**
 * The Electron transport: one ipcMain handler per contract channel, routed to the core's process, and nothing else. Each window's session token
 * stays here in main: the renderer never sees it, so a script in the page cannot take it elsewhere. Main's own calls
 * for a window (the right-click menu's spelling) use that window's session, which the returned function gives.
 */
export function registerIpc(
  core: CoreCaller,
  onLanguage: (language: Language) => void,
): (contentsId: number) => string | null {
  const sessions = new Map<number, string>();
  const forget = (contents: WebContents) => sessions.delete(contents.id);

  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(`${IPC_PREFIX}${name}`, async (event, payload: unknown) => {
      if (!trustedSender(event)) {
        const error = new ContractError(
          'FORBIDDEN',
          'Lời gọi không đến từ cửa sổ Tòa Soạn.',
          'The call did not come from a Tòa Soạn window.',
        );
        return { ok: false, error: error.toShape() };
      }
      const contents = event.sender;
      const result = (await core.invoke(name, payload, { sessionToken: sessions.get(contents.id) ?? null })) as Result<{
        sessionToken?: string;
      }>;
      if (result.ok && SIGN_IN_CHANNELS.has(name) && result.value.sessionToken) {
        if (!sessions.has(contents.id)) contents.once('destroyed', () => forget(contents));
        sessions.set(contents.id, result.value.sessionToken);
        const { sessionToken: _kept, ...visible } = result.value;
        return { ok: true, value: visible };
      }
      if (name === 'auth.signOut') forget(contents);
      // The menus follow the UI's language as the window reads or changes it.
      if (result.ok && SETTINGS_CHANNELS.has(name)) onLanguage((result.value as unknown as Settings).language);
      return result;
    });
  }
  return (contentsId) => sessions.get(contentsId) ?? null;
}
