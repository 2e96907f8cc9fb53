import { ContractError } from '../../../shared/contract/errors';
import { paragraphsDocument } from '../../../shared/render/body-nodes';
import { nfcDeep } from '../../../shared/text/normalize';
import type { Db } from '../db/database';
import { countArticles, createArticle } from '../store/articles';
import { createCategory } from '../store/categories';
import { setPortalProfile, writeSetting } from '../store/settings';
import demoData from './gia-rai.json';

/** The demo portal (Giá Rai town) and its article as the portal showed it, for a first look at the product. */
export function loadDemo(
  db: Db,
  ownerId: number,
  now = new Date().toISOString(),
): { articleId: number; categories: number } {
  const demo = nfcDeep(demoData);
  return db
    .transaction(() => {
      if (countArticles(db) > 0) {
        throw new ContractError(
          'CONFLICT',
          'Thư viện đã có bài viết; dữ liệu mẫu chỉ được nạp vào một thư mục dữ liệu trống.',
          'The library already holds articles; the demo can only be loaded into an empty data folder.',
        );
      }
      setPortalProfile(db, demo.portal, now);
      const categoryIds = new Map<string, number>();
      for (const name of demo.categories) categoryIds.set(name, createCategory(db, { name }, now).id);
      const { article } = demo;
      const created = createArticle(
        db,
        {
          title: article.title,
          categoryId: categoryIds.get(article.category) ?? null,
          // Justified, as the portal prints its articles.
          bodyJson: JSON.stringify(paragraphsDocument(article.body, 'justify')),
          featuredCaption: article.caption,
          author: article.author,
          department: article.department,
          publishedAt: article.publishedAt,
          status: 'published',
          viewCount: article.views,
          ownerId,
        },
        now,
      );
      writeSetting(db, 'setup.demo', 'loaded');
      return { articleId: created.id, categories: categoryIds.size };
    })
    .immediate();
}
