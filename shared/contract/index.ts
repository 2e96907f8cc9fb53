import type { z } from 'zod';
import { appChannels } from './app';
import { approvalChannels } from './approval';
import { attachmentChannels } from './attachments';
import { authChannels, userChannels } from './auth';
import { articleChannels } from './articles';
import { categoryChannels } from './categories';
import { mediaChannels } from './media';
import { previewChannels } from './preview';
import { publishingChannels } from './publishing';
import { auditChannels, workflowChannels } from './workflow';
import { backupChannels } from './backup';
import { profileChannels } from './profile';
import { qualityChannels } from './quality';
import type { Result } from './errors';

/** The whole contract: main validates every input against it; both transports expose exactly these channels. */
export const contract = {
  ...appChannels,
  ...articleChannels,
  ...categoryChannels,
  ...mediaChannels,
  ...attachmentChannels,
  ...previewChannels,
  ...authChannels,
  ...userChannels,
  ...workflowChannels,
  ...auditChannels,
  ...approvalChannels,
  ...publishingChannels,
  ...profileChannels,
  ...qualityChannels,
  ...backupChannels,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>;

export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** What a transport hands the renderer: one function per channel, answering a Result. */
export type ToaSoanApi = { [C in ChannelName]: (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>> };

export * from './errors';
