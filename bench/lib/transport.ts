/**
 * The browser-mode transport, as the renderer reaches the core: the real host (electron/host/server.ts) on
 * 127.0.0.1 around the bench's core, called with fetch — request JSON written, sent, parsed and checked by the host,
 * the answer serialised and read back. A figure timed through it is what a user waits for in browser mode.
 */
import crypto from 'node:crypto';
import type http from 'node:http';
import type { ChannelName } from '../../shared/contract';
import type { Result } from '../../shared/contract/errors';
import { createHostServer, listen } from '../../electron/host/server';
import type { BenchContext } from './context';

export interface Transport {
  call(channel: ChannelName, input: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export async function openTransport(ctx: BenchContext): Promise<Transport> {
  const token = crypto.randomBytes(16).toString('hex');
  const server: http.Server = createHostServer({ core: ctx.core, token, staticDir: ctx.workDir });
  const port = await listen(server, 0);
  const headers = {
    'Content-Type': 'application/json',
    Authorization: `Bearer ${token}`,
    'X-Toasoan-Session': ctx.session,
  };
  return {
    async call(channel, input) {
      const response = await fetch(`http://127.0.0.1:${port}/api/${channel}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(input),
      });
      const result = (await response.json()) as Result<unknown>;
      if (!result.ok) throw new Error(`${channel}: ${result.error.messageEn}`);
      return result.value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
