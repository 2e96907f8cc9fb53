import type { z } from 'zod';
import type { ChannelName, ChannelOutput, Contract } from '../../../shared/contract';

/** What a handler receives: the validated, NFC-normalised input. */
export type ParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;

export type Handler<C extends ChannelName> = (input: ParsedInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

/** The handlers of one domain: every channel whose name starts with Prefix. */
export type Handlers<Prefix extends string> = { [C in Extract<ChannelName, `${Prefix}${string}`>]: Handler<C> };
