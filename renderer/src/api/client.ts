import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/contract';
import { ContractError } from '../../../shared/contract/errors';
import { createTransport } from './transport';

const transport = createTransport();

/** Told when the core says this window's session has ended (expired, signed out elsewhere, account disabled). */
const sessionEndedListeners = new Set<() => void>();
export function onSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

/** Calls one channel; a failure is thrown as a ContractError carrying both messages. */
export async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  let result;
  try {
    result = await transport[channel](input);
  } catch {
    throw new ContractError(
      'INTERNAL',
      'Mất kết nối tới lõi Tòa Soạn; hãy khởi động lại ứng dụng.',
      'Lost the connection to the Tòa Soạn core; restart the application.',
    );
  }
  if (!result.ok) {
    if (result.error.code === 'AUTH_REQUIRED') for (const listener of sessionEndedListeners) listener();
    throw ContractError.fromShape(result.error);
  }
  return result.value;
}
