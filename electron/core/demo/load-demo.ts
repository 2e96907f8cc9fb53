import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ContractError } from '../../../shared/contract/errors';
import { paragraphsDocument } from '../../../shared/render/body-nodes';
import { nfcDeep } from '../../../shared/text/normalize';
import type { Db } from '../db/database';
import { mediaDir } from '../media/media-store';
import { setProfileExtras } from '../profile/organisation-profile';
import { countArticles, createArticle } from '../store/articles';
import { createCategory } from '../store/categories';
import { setPortalProfile, writeSetting } from '../store/settings';
import demoData from './gia-rai.json';
import { DEMO_LOGO_PNG, DEMO_PHOTO_JPEG, DEMO_PHOTO_THUMB_WEBP } from './demo-images';

/**
 * Puts the demo's picture into the media store as an import would leave it ('<sha>.jpg' and its thumbnail), and
 * answers its reference. Written before the transaction: a file nothing refers to is harmless, a reference to a
 * missing file is not.
 */
function storeDemoPhoto(dataDir: string): string {
  const web = Buffer.from(DEMO_PHOTO_JPEG, 'base64');
  const sha = crypto.createHash('sha256').update(web).digest('hex');
  const dir = mediaDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of [
    [`${sha}.thumb.webp`, Buffer.from(DEMO_PHOTO_THUMB_WEBP, 'base64')],
    [`${sha}.jpg`, web],
  ] as const) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) continue;
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, bytes);
    fs.renameSync(temp, file);
  }
  return `media:${sha}.jpg`;
}

function refuseUnlessEmpty(db: Db): void {
  if (countArticles(db) > 0) {
    throw new ContractError(
      'CONFLICT',
      'Thư viện đã có bài viết; dữ liệu mẫu chỉ được nạp vào một thư mục dữ liệu trống.',
      'The library already holds articles; the demo can only be loaded into an empty data folder.',
    );
  }
}

/**
 * The demo portal (Giá Rai town): its profile with logo, sidebar links, poll and contacts, its categories, the
 * article of the seed page with its picture, and an earlier article of the same category (so 'Tin đã đưa' shows).
 */
export function loadDemo(
  db: Db,
  ownerId: number,
  dataDir: string,
  now = new Date().toISOString(),
): { articleId: number; categories: number } {
  const demo = nfcDeep(demoData);
  refuseUnlessEmpty(db);
  const photo = storeDemoPhoto(dataDir);
  return db
    .transaction(() => {
      refuseUnlessEmpty(db);
      setPortalProfile(db, demo.portal, now);
      setProfileExtras(db, {
        logo: `data:image/png;base64,${DEMO_LOGO_PNG}`,
        sidebarLinks: demo.sidebarLinks,
        poll: demo.poll,
        contact: demo.contact,
      });
      const categoryIds = new Map<string, number>();
      for (const name of demo.categories) categoryIds.set(name, createCategory(db, { name }, now).id);
      const { article, earlierArticle: earlier } = demo;
      createArticle(
        db,
        {
          title: earlier.title,
          lead: earlier.lead,
          categoryId: categoryIds.get(earlier.category) ?? null,
          bodyJson: JSON.stringify(paragraphsDocument(earlier.body, 'justify')),
          author: earlier.author,
          publishedAt: earlier.publishedAt,
          status: 'published',
          ownerId,
        },
        now,
      );
      const created = createArticle(
        db,
        {
          title: article.title,
          categoryId: categoryIds.get(article.category) ?? null,
          // Justified, as the portal prints its articles.
          bodyJson: JSON.stringify(paragraphsDocument(article.body, 'justify')),
          featuredImage: photo,
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
