import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64, sha256, sha256Base64, sha256Hex, utf8Bytes } from '../../shared/render/sha256';

const nodeHex = (input: string | Uint8Array) => crypto.createHash('sha256').update(input).digest('hex');

describe('sha256 (pure TypeScript)', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    [
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
    ['The quick brown fox jumps over the lazy dog', 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592'],
  ])('hashes the known vector %j', (input, hex) => {
    expect(sha256Hex(input)).toBe(hex);
  });

  it('hashes a million "a"', () => {
    expect(sha256Hex('a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('matches node:crypto at every length around the block boundaries, and on UTF-8 text', () => {
    for (let n = 0; n <= 200; n += 1) {
      const text = 'x'.repeat(n);
      expect(sha256Hex(text), `length ${n}`).toBe(nodeHex(text));
    }
    for (const text of [
      'Tòa Soạn',
      'CỔNG THÔNG TIN ĐIỆN TỬ THỊ XÃ GIÁ RAI',
      'Đường làng 🙂 𝒜',
      '\u0000\u007f\u0080\u07ff\u0800\uffff',
    ]) {
      expect(sha256Hex(text)).toBe(nodeHex(text));
      expect(sha256Base64(text)).toBe(crypto.createHash('sha256').update(text).digest('base64'));
    }
    const bytes = crypto.randomBytes(1000);
    expect(sha256Hex(new Uint8Array(bytes))).toBe(nodeHex(bytes));
    expect(sha256(new Uint8Array(0)).length).toBe(32);
  });

  it('encodes UTF-8 as TextEncoder does, lone surrogates as U+FFFD', () => {
    const encoder = new TextEncoder();
    for (const text of ['a', 'é', 'Đ', '€', '🙂', 'x\ud800y', '\udc00', 'end\ud83d']) {
      expect(Array.from(utf8Bytes(text))).toEqual(Array.from(encoder.encode(text)));
    }
  });

  it('writes standard padded base64', () => {
    for (const text of ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar']) {
      expect(base64(utf8Bytes(text))).toBe(Buffer.from(text).toString('base64'));
    }
  });
});
