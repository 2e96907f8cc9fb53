/**
 * quality.suggest through the contract, on a real core and SQLite file: one word judged as the check judges it in a
 * text, with what could replace it — the right-click menu's suggestions.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Core } from '../../electron/core/core';
import { cleanupAll, createUserAndSignIn, fails, ok, openCore, tempDataDir, type SignedInUser } from '../helpers';

let core: Core;
let writer: SignedInUser;

beforeAll(async () => {
  core = openCore(tempDataDir());
  writer = await createUserAndSignIn(core, 'writer', 'phongvien');
});

afterAll(cleanupAll);

describe('quality.suggest: the suggestions for one word', () => {
  test('a misspelt word gets the checker’s suggestion first, then other near words', async () => {
    const answer = await ok(core, 'quality.suggest', { word: 'chât' }, writer.session);
    expect(answer.misspelt).toBe(true);
    expect(answer.suggestions[0]).toBe('chất');
    expect(answer.suggestions.length).toBeGreaterThan(1);
    expect(answer.suggestions.length).toBeLessThanOrEqual(5);
    expect(new Set(answer.suggestions).size).toBe(answer.suggestions.length);
    expect(answer.suggestions).not.toContain('chât');
    expect(await ok(core, 'quality.suggest', { word: 'tuơng' }, writer.session)).toMatchObject({
      suggestions: expect.arrayContaining(['tương']) as unknown,
    });
    // Telex typed with the input method off, and 'qui': the one fix the check offers.
    expect(await ok(core, 'quality.suggest', { word: 'baos' }, writer.session)).toEqual({
      word: 'baos',
      misspelt: true,
      suggestions: ['báo'],
    });
    expect((await ok(core, 'quality.suggest', { word: 'qui' }, writer.session)).suggestions).toEqual(['quy']);
  });

  test('a word in NFD is read as NFC; the case of the word is kept in its suggestions', async () => {
    const nfd = 'nghịêp'.normalize('NFD');
    expect(nfd).not.toBe('nghịêp');
    const answer = await ok(core, 'quality.suggest', { word: nfd }, writer.session);
    expect(answer).toMatchObject({ word: 'nghịêp', misspelt: true });
    expect(answer.suggestions[0]).toBe('nghiệp');
    expect(await ok(core, 'quality.suggest', { word: 'chất'.normalize('NFD') }, writer.session)).toEqual({
      word: 'chất',
      misspelt: false,
      suggestions: [],
    });
    const capital = await ok(core, 'quality.suggest', { word: 'Nghịêp' }, writer.session);
    expect(capital.suggestions[0]).toBe('Nghiệp');
  });

  test('proper names, acronyms, foreign words and the tone style of the organisation', async () => {
    for (const word of ['ASEAN', 'UBND', 'Facebook', 'iPhone', 'Thạnh', 'online', 'hòa'])
      expect(await ok(core, 'quality.suggest', { word }, writer.session), word).toMatchObject({ misspelt: false });
    // The traditional style is the default: the modern placement is doubted, with its fix.
    expect(await ok(core, 'quality.suggest', { word: 'hoà' }, writer.session)).toEqual({
      word: 'hoà',
      misspelt: true,
      suggestions: ['hòa'],
    });
  });

  test('a word added to the organisation’s list is no longer doubted, in either normal form', async () => {
    expect((await ok(core, 'quality.suggest', { word: 'chuẩnn' }, writer.session)).misspelt).toBe(true);
    await ok(core, 'quality.addWord', { word: 'chuẩnn' }, writer.session);
    expect(await ok(core, 'quality.suggest', { word: 'chuẩnn' }, writer.session)).toEqual({
      word: 'chuẩnn',
      misspelt: false,
      suggestions: [],
    });
    expect((await ok(core, 'quality.suggest', { word: 'chuẩnn'.normalize('NFD') }, writer.session)).misspelt).toBe(
      false,
    );
  });

  test('refuses what is not one word, and a caller who is not signed in', async () => {
    for (const word of ['', '   ', 'hai từ', '15/2023', 'a'.repeat(61), 42]) {
      const error = await fails(core, 'quality.suggest', { word }, writer.session);
      expect(error.code, String(word)).toBe('VALIDATION');
      expect(error.issues?.[0]?.path).toBe('word');
    }
    expect((await fails(core, 'quality.suggest', { word: 'chât', extra: 1 }, writer.session)).code).toBe('VALIDATION');
    expect((await fails(core, 'quality.suggest', { word: 'chât' }, null)).code).toBe('AUTH_REQUIRED');
  });
});
