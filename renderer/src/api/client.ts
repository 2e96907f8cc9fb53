import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/contract';
import { ContractError } from '../../../shared/contract/contract-error';
import type { Result } from '../../../shared/contract/errors';
import { createTransport } from './transport';

const transport = createTransport();

/**
 * The first screen's questions, asked by boot.ts while the application's own code is still loading (about a quarter
 * of a second on a first start): each answer is taken by the first call that asks the same, once; dropEarly()
 * forgets the ones nobody took, so a later call never gets an old answer.
 */
const early = new Map<string, Promise<Result<unknown>>>();
const earlyKey = (channel: string, input: unknown) => `${channel} ${JSON.stringify(input)}`;

export function askEarly<C extends ChannelName>(channel: C, input: ChannelInput<C>): void {
  const answer = transport[channel](input);
  answer.catch(() => undefined); // the call that takes it reports a failure
  early.set(earlyKey(channel, input), answer);
}

function takeEarly(channel: string, input: unknown): Promise<Result<unknown>> | undefined {
  // Once the first screen has asked, nothing is waiting: a save's input is not written out again to look.
  if (early.size === 0) return undefined;
  const key = earlyKey(channel, input);
  const answer = early.get(key);
  early.delete(key);
  return answer;
}

export function dropEarly(): void {
  early.clear();
}

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
    const asked = takeEarly(channel, input) as Promise<Result<ChannelOutput<C>>> | undefined;
    result = await (asked ?? transport[channel](input));
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
