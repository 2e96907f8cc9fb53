import { getArticle } from '../store/articles';
import { suggestForWord } from '../../../shared/quality/check';
import { coreSpeller } from '../quality/dictionary';
import { checkWithSettings } from '../quality/gate';
import { readQualitySettings, writeQualitySettings } from '../quality/settings';
import type { CoreServices, Handlers } from './types';

export function qualityHandlers(services: CoreServices): Handlers<'quality.'> {
  const { db } = services;
  return {
    'quality.check': (input) => {
      const article = 'articleId' in input ? getArticle(db, input.articleId) : { ...input.draft, bodyHtml: '' };
      return { findings: checkWithSettings(db, article, input.toneStyle) };
    },
    'quality.settings': () => readQualitySettings(db),
    'quality.updateSettings': (changes, actor) =>
      db
        .transaction(() => {
          const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
          const after = writeQualitySettings(db, defined);
          services.audit({ actor, action: 'quality.updateSettings', details: { changed: Object.keys(defined) } });
          return after;
        })
        .immediate(),
    'quality.suggest': ({ word }) => suggestForWord(word, coreSpeller(), readQualitySettings(db)),
    'quality.addWord': ({ word }, actor) =>
      db
        .transaction(() => {
          const before = readQualitySettings(db);
          const after = writeQualitySettings(db, { words: [...before.words, word] });
          if (after.words.length > before.words.length)
            services.audit({ actor, action: 'quality.addWord', details: { word } });
          return after;
        })
        .immediate(),
  };
}
