/**
 * The one message protocol between Electron's main process (or a test) and the core's child process. It knows
 * nothing of the transport: an Endpoint only sends a structured-cloneable value and hands over what arrives, so the
 * same code runs over Electron's utilityProcess MessagePort and over Node's child_process IPC (endpoints.ts).
 *
 * Both sides are peers: each sends requests (a numbered id, a channel, a payload) and answers the other's with the
 * same id and either a value or an error message. Main asks the core to start, to run a contract call and to shut
 * down; the core asks main to seal and open with the OS keychain (safeStorage lives only in main).
 */

export interface RequestMessage {
  type: 'request';
  id: number;
  channel: string;
  payload: unknown;
}

export type ResponseMessage =
  | { type: 'response'; id: number; ok: true; value: unknown }
  | { type: 'response'; id: number; ok: false; error: string };

export type ProtocolMessage = RequestMessage | ResponseMessage;

/** A transport: sends one message, and reports every message that arrives. */
export interface Endpoint {
  send(message: ProtocolMessage): void;
  onMessage(listener: (message: unknown) => void): void;
}

/** The channels main serves to the core, and those the core serves to main. */
export const CORE_CHANNELS = {
  start: 'core.start',
  invoke: 'core.invoke',
  shutdown: 'core.shutdown',
} as const;
export const KEYCHAIN_CHANNELS = { seal: 'keychain.seal', open: 'keychain.open' } as const;

export type RequestHandler = (payload: unknown) => unknown;

export interface Peer {
  request(channel: string, payload: unknown): Promise<unknown>;
  handle(channel: string, handler: RequestHandler): void;
  /** Fails every request still waiting for an answer (the other side is gone). */
  closeAll(reason: Error): void;
}

/** A failure the other side answered with (its message), as opposed to a transport failure. */
export class RemoteError extends Error {
  constructor(channel: string, message: string) {
    super(`${channel}: ${message}`);
    this.name = 'RemoteError';
  }
}

function isProtocolMessage(value: unknown): value is ProtocolMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  if (!Number.isSafeInteger(message.id)) return false;
  if (message.type === 'request') return typeof message.channel === 'string';
  return message.type === 'response' && typeof message.ok === 'boolean';
}

export function createPeer(endpoint: Endpoint, log: (message: string) => void = () => undefined): Peer {
  let nextId = 1;
  const waiting = new Map<number, { channel: string; resolve(value: unknown): void; reject(error: Error): void }>();
  const handlers = new Map<string, RequestHandler>();

  async function answer(request: RequestMessage): Promise<void> {
    const handler = handlers.get(request.channel);
    try {
      if (!handler) throw new Error(`no handler for ${request.channel}`);
      const value = await handler(request.payload);
      endpoint.send({ type: 'response', id: request.id, ok: true, value });
    } catch (error) {
      endpoint.send({
        type: 'response',
        id: request.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  endpoint.onMessage((message) => {
    if (!isProtocolMessage(message)) {
      log('ignored a message that is not part of the protocol');
      return;
    }
    if (message.type === 'request') {
      void answer(message);
      return;
    }
    const pending = waiting.get(message.id);
    if (!pending) return;
    waiting.delete(message.id);
    if (message.ok) pending.resolve(message.value);
    else pending.reject(new RemoteError(pending.channel, message.error));
  });

  return {
    request(channel, payload) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { channel, resolve, reject });
        try {
          endpoint.send({ type: 'request', id, channel, payload });
        } catch (error) {
          waiting.delete(id);
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    },
    handle(channel, handler) {
      handlers.set(channel, handler);
    },
    closeAll(reason) {
      const all = [...waiting.values()];
      waiting.clear();
      for (const pending of all) pending.reject(reason);
    },
  };
}
