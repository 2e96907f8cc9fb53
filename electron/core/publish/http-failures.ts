import type { Bilingual } from '../../../shared/workflow/labels';
import { parseUntrustedJsonBytes } from '../../../shared/text/safe-json';
import { PublishFailure } from './target';

/**
 * What can go wrong talking to a target over HTTP, whatever its API, as the PublishFailure the queue acts on:
 * a connection that cannot be made (offline: wait), a timeout, a reset or an overloaded server (transient: retry),
 * a web page where data was expected. Each target adds what its own answers mean (credentials, permissions).
 */

/** The other end as messages name it, in the middle of a sentence: 'máy chủ 10.0.0.5' / 'the server 10.0.0.5'. */
export type Peer = Bilingual;

export interface HttpAnswer {
  status: number;
  /** Lower case; '' when the server sent none. */
  contentType: string;
  /** The body as text, for messages (a byte that is not UTF-8 shows as U+FFFD here; parseJson refuses it). */
  text: string;
  /** The body as received: parseJson reads these, strictly. */
  bytes: Uint8Array;
  headers: Headers;
}

/** How much of a server's own explanation (its `message`) goes into a failure message. */
const SERVER_MESSAGE_MAX = 200;

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The error code of a failed fetch: undici puts the socket's error (or Node's AggregateError, which carries the first code) in `cause`. */
function causeCode(error: unknown): string | null {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : null;
}

const OFFLINE_CODES: Record<string, [string, string]> = {
  ECONNREFUSED: ['máy chủ từ chối kết nối (có thể đang tắt)', 'the server refused the connection (it may be down)'],
  ENOTFOUND: [
    'không tìm thấy tên máy chủ (mạng mất, hoặc địa chỉ sai)',
    'the server name could not be found (no network, or a wrong address)',
  ],
  EAI_AGAIN: ['không tra được tên máy chủ (mạng mất)', 'the server name could not be looked up (no network)'],
  EHOSTUNREACH: ['không có đường tới máy chủ', 'there is no route to the server'],
  ENETUNREACH: ['mạng không tới được máy chủ', 'the network cannot reach the server'],
  ENETDOWN: ['mạng đang mất', 'the network is down'],
  // undici gave up opening the connection (10 s): nothing answers at that address now.
  UND_ERR_CONNECT_TIMEOUT: ['máy chủ không nhận kết nối', 'the server does not take the connection'],
};
// UND_ERR_SOCKET: the server closed the socket before or during its answer (undici's "other side closed").
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/** A server's text fit for a message: one line, at most SERVER_MESSAGE_MAX characters. */
export function shorten(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean.length > SERVER_MESSAGE_MAX ? `${clean.slice(0, SERVER_MESSAGE_MAX - 1)}…` : clean;
}

/**
 * An answer's body through the hardened parser (shared/text/safe-json.ts): strict UTF-8, no prototype or duplicate keys,
 * bounded depth; undefined when it is not such JSON (the caller treats that as a page instead of data).
 */
export function parseJson(answer: Pick<HttpAnswer, 'bytes'>): unknown {
  try {
    return parseUntrustedJsonBytes(answer.bytes, { allowBom: true });
  } catch {
    return undefined;
  }
}

/** A failure caught while sending or reading, as the queue understands it. */
function transportFailure(error: unknown, peer: Peer, signal: AbortSignal, timeoutMs: number): PublishFailure {
  if (signal.aborted) {
    return new PublishFailure(
      'transient',
      'STOPPED',
      `Đã dừng gửi tới ${peer.vi} vì ứng dụng đang đóng; việc này sẽ tiếp tục ở lần mở sau.`,
      `Stopped sending to ${peer.en} because the app is closing; it will resume at the next start.`,
    );
  }
  // AbortSignal.timeout rejects with a DOMException named TimeoutError, thrown as it is (no cause), also mid-body.
  if (error instanceof Error && error.name === 'TimeoutError') {
    const seconds = Math.round(timeoutMs / 100) / 10;
    return new PublishFailure(
      'transient',
      'TARGET_TIMEOUT',
      `${capitalised(peer.vi)} không trả lời trong ${seconds} giây; sẽ thử lại sau.`,
      `${capitalised(peer.en)} did not answer within ${seconds} seconds; will try again later.`,
    );
  }
  const code = causeCode(error);
  const offline = code === null ? undefined : OFFLINE_CODES[code];
  if (offline) {
    return new PublishFailure(
      'offline',
      'TARGET_OFFLINE',
      `Không kết nối được ${peer.vi}: ${offline[0]}. Bài sẽ được gửi khi kết nối trở lại.`,
      `Could not connect to ${peer.en}: ${offline[1]}. It will be sent when the connection is back.`,
    );
  }
  if (code !== null && RESET_CODES.has(code)) {
    return new PublishFailure(
      'transient',
      'TARGET_RESET',
      `Kết nối tới ${peer.vi} bị ngắt trước khi trả lời xong; sẽ thử lại sau.`,
      `The connection to ${peer.en} was cut off before the answer was complete; will try again later.`,
    );
  }
  // fetch's own message is only "fetch failed": the cause says what happened.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const detail = cause instanceof Error ? shorten(cause.message) : String(cause);
  return new PublishFailure(
    'transient',
    'TARGET_NETWORK',
    `Không gửi được tới ${peer.vi}: ${detail}; sẽ thử lại sau.`,
    `Could not send to ${peer.en}: ${detail}; will try again later.`,
  );
}

/** A status that says the server is down, overloaded or timed out itself (5xx, 429, 408): retry later. */
export function serverTrouble(status: number, peer: Peer): PublishFailure | null {
  if (status < 500 && status !== 429 && status !== 408) return null;
  return new PublishFailure(
    'transient',
    'TARGET_SERVER_ERROR',
    `${capitalised(peer.vi)} đang gặp sự cố hoặc quá tải (mã ${status}); sẽ thử lại sau.`,
    `${capitalised(peer.en)} has a problem or is overloaded (status ${status}); will try again later.`,
    { answered: true },
  );
}

export function notJson(peer: Peer): PublishFailure {
  return new PublishFailure(
    'transient',
    'TARGET_NOT_JSON',
    `${capitalised(peer.vi)} trả về một trang web thay vì dữ liệu — thường là trang đăng nhập của mạng hoặc một trang báo lỗi; sẽ thử lại sau.`,
    `${capitalised(peer.en)} answered with a web page instead of data — often a login page of the network or an error page; will try again later.`,
  );
}

interface SendOptions {
  peer: Peer;
  /** The queue's signal (the app closing). */
  signal: AbortSignal;
  timeoutMs: number;
}

/**
 * A request's signal: aborted when `signal` is (the queue stopping) or after timeoutMs (as a TimeoutError); call
 * done() once the answer is read. A timer of its own, not AbortSignal.any([signal, AbortSignal.timeout(ms)]): on
 * Node 20 the combined signal holds the timeout one only weakly, so a garbage collection while the server hangs can
 * take it, and the request then never times out (its job would hold its place on the target for ever).
 */
export function requestSignal(signal: AbortSignal, timeoutMs: number): { signal: AbortSignal; done(): void } {
  const request = new AbortController();
  const timer = setTimeout(
    () => request.abort(new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError')),
    timeoutMs,
  );
  const stop = (): void => request.abort(signal.reason);
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });
  return {
    signal: request.signal,
    done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
    },
  };
}

/**
 * One request and its whole answer. Every failure to send or to read the answer (refused, reset, cut off mid-body,
 * timed out, stopped) is thrown as a PublishFailure; any status is returned for the caller to judge.
 */
export async function sendRequest(url: string, init: RequestInit, options: SendOptions): Promise<HttpAnswer> {
  const request = requestSignal(options.signal, options.timeoutMs);
  try {
    const response = await fetch(url, { ...init, signal: request.signal });
    // Read inside the try: a connection cut or a timeout mid-body rejects here, not at fetch.
    const bytes = new Uint8Array(await response.arrayBuffer());
    return {
      status: response.status,
      contentType: response.headers.get('content-type')?.toLowerCase() ?? '',
      text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
      bytes,
      headers: response.headers,
    };
  } catch (error) {
    throw transportFailure(error, options.peer, options.signal, options.timeoutMs);
  } finally {
    request.done();
  }
}
