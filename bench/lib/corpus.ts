/**
 * The bench corpus: a town portal's fifteen years of Vietnamese news in 12 categories, written through the core's
 * own store (so bodies are Lexical documents, their HTML is the core's and the search index is the real one).
 * Lengths follow real portal news (a log-normal around ~350 words), 1% are long reports of 20,000 words, and about
 * half the articles show images from the media store. Seeded: every run generates the same library.
 */
import sharp from 'sharp';
import type { ArticleStatus } from '../../shared/contract/articles';
import type { BlockNodeJson, BodyDocument, InlineNodeJson } from '../../shared/render/body-nodes';
import type { Db } from '../../electron/core/db/database';
import { createMediaStore } from '../../electron/core/media/media-store';
import { createArticle, setTrashed } from '../../electron/core/store/articles';
import { createCategory } from '../../electron/core/store/categories';
import { Draw } from './random';

// ---------------------------------------------------------------------------------------------- vocabulary

export const CATEGORIES = [
  'Tin tức - Sự kiện',
  'Chính trị',
  'Kinh tế',
  'Văn hóa - Xã hội',
  'Quốc phòng - An ninh',
  'Thông báo',
  'Cải cách hành chính',
  'Xây dựng nông thôn mới',
  'Y tế - Giáo dục',
  'Nông nghiệp - Thủy sản',
  'Tài nguyên - Môi trường',
  'Văn bản chỉ đạo điều hành',
] as const;
const CATEGORY_WEIGHTS = [26, 9, 12, 14, 7, 9, 5, 5, 5, 4, 2, 2];

const STATUSES: readonly (readonly [ArticleStatus, number])[] = [
  ['published', 82],
  ['draft', 5],
  ['pending_review', 3],
  ['returned', 1],
  ['approved', 2],
  ['scheduled', 1],
  ['unpublished', 6],
];

const PLACES = [
  'thị xã Giá Rai',
  'tỉnh Bạc Liêu',
  'phường 1',
  'phường Hộ Phòng',
  'phường Láng Tròn',
  'xã Phong Thạnh',
  'xã Phong Thạnh Đông',
  'xã Phong Thạnh Tây',
  'xã Phong Tân',
  'xã Tân Phong',
  'xã Tân Thạnh',
  'khóm 1',
  'khóm 2',
  'ấp Khúc Tréo',
  'ấp 4',
  'huyện Đông Hải',
  'huyện Hồng Dân',
  'huyện Phước Long',
  'huyện Vĩnh Lợi',
  'huyện Hòa Bình',
  'thành phố Bạc Liêu',
];
const BODIES = [
  'Ủy ban nhân dân thị xã',
  'UBND phường',
  'UBND xã',
  'Hội đồng nhân dân thị xã',
  'Ủy ban Mặt trận Tổ quốc Việt Nam',
  'Thị đoàn',
  'Hội Nông dân',
  'Hội Liên hiệp Phụ nữ',
  'Hội Cựu chiến binh',
  'Phòng Lao động - Thương binh và Xã hội',
  'Phòng Tài nguyên và Môi trường',
  'Phòng Kinh tế',
  'Phòng Quản lý đô thị',
  'Phòng Văn hóa và Thông tin',
  'Phòng Giáo dục và Đào tạo',
  'Công an thị xã',
  'Ban Chỉ huy Quân sự thị xã',
  'Trung tâm Y tế',
  'Chi cục Thuế',
  'Phòng giao dịch Ngân hàng Chính sách xã hội',
  'Ban Quản lý dự án',
  'Trung tâm Văn hóa - Thể thao',
];
const ACTIONS = [
  'triển khai',
  'tổ chức',
  'kiểm tra',
  'tổng kết',
  'sơ kết',
  'hỗ trợ',
  'ra quân',
  'bàn giao',
  'khởi công',
  'nghiệm thu',
  'tuyên truyền',
  'phát động',
  'trao tặng',
  'rà soát',
  'đẩy mạnh',
  'thông qua',
  'giám sát',
  'tập huấn',
];
const TOPICS = [
  'đường giao thông nông thôn',
  'nhà đại đoàn kết cho hộ nghèo',
  'kế hoạch phát triển kinh tế - xã hội',
  'cải cách hành chính',
  'chuyển đổi số',
  'phòng, chống dịch sốt xuất huyết',
  'bảo hiểm y tế học sinh',
  'nước sạch nông thôn',
  'xây dựng nông thôn mới nâng cao',
  'mô hình nuôi tôm siêu thâm canh',
  'mô hình lúa - tôm',
  'an toàn giao thông',
  'phòng cháy, chữa cháy',
  'tuyển chọn và gọi công dân nhập ngũ',
  'giảm nghèo bền vững',
  'quà Tết cho hộ nghèo, hộ cận nghèo',
  'vốn vay giải quyết việc làm',
  'quản lý đất đai',
  'tiếp công dân',
  'phổ cập giáo dục',
  'tiêm chủng mở rộng',
  'chỉnh trang đô thị',
  'đê biển Đông',
  'hệ thống thủy lợi',
  'dạy nghề cho lao động nông thôn',
  'chi trả trợ cấp xã hội',
  'điều tra hộ nghèo, hộ cận nghèo',
  'bầu cử',
  'ngày hội đại đoàn kết toàn dân tộc',
  'phong trào toàn dân đoàn kết xây dựng đời sống văn hóa',
  'cấp đổi căn cước',
  'dịch vụ công trực tuyến',
  'bình ổn giá thị trường',
  'phòng, chống thiên tai',
  'hỗ trợ sinh kế',
];
const PEOPLE_FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Huỳnh',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Tô',
];
const PEOPLE_MIDDLE = ['Văn', 'Thị', 'Minh', 'Thanh', 'Hoàng', 'Ngọc', 'Quốc', 'Cẩm', 'Hữu', 'Thành'];
const PEOPLE_GIVEN = [
  'Tú',
  'Hùng',
  'Lan',
  'Phương',
  'Dũng',
  'Hạnh',
  'Tâm',
  'Khoa',
  'Nhân',
  'Trí',
  'Thảo',
  'Vy',
  'Đức',
  'Nghĩa',
];
const DEPARTMENTS = [
  'Ban Biên tập',
  'Văn phòng HĐND và UBND thị xã',
  'Phòng Văn hóa và Thông tin',
  'Trung tâm Văn hóa - Thể thao',
  'Đài Truyền thanh',
  'Phòng Lao động - Thương binh và Xã hội',
  'UBND phường 1',
  'UBND xã Phong Thạnh',
];
const REPORT_HEADINGS = [
  'Kết quả thực hiện nhiệm vụ',
  'Những tồn tại, hạn chế',
  'Nguyên nhân',
  'Bài học kinh nghiệm',
  'Phương hướng, nhiệm vụ',
  'Giải pháp trọng tâm',
  'Kiến nghị, đề xuất',
  'Công tác chỉ đạo, điều hành',
  'Tình hình kinh tế',
  'Văn hóa - xã hội',
];
/** A word only about one article in a thousand has: the search for it is selective. */
export const RARE = 'mô hình nuôi nghêu thương phẩm';

const numberVi = new Intl.NumberFormat('vi-VN');
const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);

/** The 20 bench searches: ten things people look for on a portal, each typed with and without diacritics. */
export const SEARCHES: readonly string[] = [
  ['đường giao thông', 'duong giao thong'],
  ['hộ nghèo', 'ho ngheo'],
  ['ủy ban', 'uy ban'],
  ['chuyển đổi số', 'chuyen doi so'],
  ['nông thôn mới', 'nong thon moi'],
  ['phòng cháy chữa cháy', 'phong chay chua chay'],
  ['Phong Thạnh Tây', 'phong thanh tay'],
  ['bảo hiểm y tế', 'bao hiem y te'],
  ['tiêm chủng', 'tiem chung'],
  ['nghêu', 'ngheu'],
].flat();

// ---------------------------------------------------------------------------------------------- text

export class Writer {
  readonly authors: string[];

  constructor(readonly draw: Draw) {
    this.authors = Array.from(
      { length: 40 },
      () => `${draw.pick(PEOPLE_FAMILY)} ${draw.pick(PEOPLE_MIDDLE)} ${draw.pick(PEOPLE_GIVEN)}`,
    );
  }

  title(rare: boolean): string {
    const { draw } = this;
    const topic = rare ? RARE : draw.pick(TOPICS);
    switch (draw.int(0, 5)) {
      case 0:
        return `${draw.pick(BODIES)} ${draw.pick(ACTIONS)} ${topic} năm ${draw.int(2011, 2026)}`;
      case 1:
        return `${capitalise(draw.pick(PLACES))}: ${draw.pick(ACTIONS)} ${topic}`;
      case 2:
        return `Thông báo về việc ${draw.pick(ACTIONS)} ${topic} tại ${draw.pick(PLACES)}`;
      case 3:
        return `Hội nghị ${draw.pick(ACTIONS)} ${topic} của ${draw.pick(BODIES)}`;
      case 4:
        return `${capitalise(topic)} tại ${draw.pick(PLACES)}: kết quả bước đầu`;
      default:
        return `${draw.pick(BODIES)} ${draw.pick(PLACES)} ${draw.pick(ACTIONS)} ${topic}`;
    }
  }

  sentence(rare: boolean): string {
    const { draw } = this;
    const topic = rare && draw.next() < 0.5 ? RARE : draw.pick(TOPICS);
    switch (draw.int(0, 7)) {
      case 0:
        return `Ngày ${draw.int(1, 28)}/${draw.int(1, 12)}, ${draw.pick(BODIES)} ${draw.pick(PLACES)} đã ${draw.pick(ACTIONS)} ${topic}.`;
      case 1:
        return `Toàn ${draw.pick(['thị xã', 'phường', 'xã'])} hiện có ${numberVi.format(draw.int(100, 2500))} hộ nghèo và ${numberVi.format(draw.int(100, 3000))} hộ cận nghèo, giảm ${draw.int(1, 9)},${draw.int(0, 9)}% so với cùng kỳ.`;
      case 2:
        return `Công trình ${draw.pick(['đường giao thông nông thôn', 'cầu bê tông', 'trường mầm non', 'trạm y tế'])} dài ${draw.int(1, 12)},${draw.int(0, 9)} km với tổng kinh phí ${draw.int(1, 40)},${draw.int(0, 9)} tỷ đồng được đưa vào sử dụng.`;
      case 3:
        return `Dự hội nghị có đồng chí ${draw.pick(this.authors)}, ${draw.pick(['Phó Chủ tịch', 'Chủ tịch', 'Bí thư', 'Trưởng phòng'])} ${draw.pick(BODIES)}.`;
      case 4:
        return `Qua đó góp phần nâng cao nhận thức của người dân về ${topic}, bảo đảm an sinh xã hội trên địa bàn.`;
      case 5:
        return `${draw.pick(BODIES)} đề nghị các ngành, các cấp tiếp tục ${draw.pick(ACTIONS)} ${topic} trong thời gian tới.`;
      case 6:
        return `Theo báo cáo, trong năm qua ${draw.pick(PLACES)} đã vận động được ${numberVi.format(draw.int(50, 900))} triệu đồng cho ${topic}, vượt ${draw.int(2, 40)}% kế hoạch.`;
      default:
        return `Kết quả, đã có ${draw.int(10, 900)} lượt người được ${draw.pick(['hỗ trợ', 'tập huấn', 'cấp thẻ bảo hiểm y tế', 'vay vốn'])} tại ${draw.pick(PLACES)}.`;
    }
  }

  paragraph(rare: boolean, sentences: number): string {
    return Array.from({ length: sentences }, () => this.sentence(rare)).join(' ');
  }

  person(): string {
    return this.draw.pick(this.authors);
  }

  department(): string {
    return this.draw.pick(DEPARTMENTS);
  }
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

function textNode(text: string, format = 0): InlineNodeJson {
  return { type: 'text', version: 1, text, format, style: '', detail: 0, mode: 'normal' };
}

/** A block node as the editor stores it. */
export function block(
  type: 'paragraph' | 'heading',
  children: InlineNodeJson[],
  extra: Record<string, unknown> = {},
): BlockNodeJson {
  return {
    type,
    version: 1,
    format: '',
    indent: 0,
    direction: 'ltr',
    textFormat: 0,
    textStyle: '',
    children,
    ...extra,
  };
}

export interface BodyOptions {
  /** Media refs to show as figures (each at most once). */
  images?: readonly string[];
  /** A heading every this many paragraphs (long reports); 0: none. */
  headingEvery?: number;
  rare?: boolean;
}

/**
 * A Lexical document of about `words` words, as the editor stores it: paragraphs (some with a bold lead-in), headings
 * in long reports and figures for the given images, spread through the text.
 */
export function bodyDocument(
  writer: Writer,
  words: number,
  options: BodyOptions = {},
): { doc: BodyDocument; words: number } {
  const { draw } = writer;
  const children: BlockNodeJson[] = [];
  const images = [...(options.images ?? [])];
  const every = options.headingEvery ?? 0;
  let total = 0;
  let paragraphs = 0;
  const imageEvery = Math.max(2, Math.round(words / 80 / (images.length + 1)));
  while (total < words) {
    if (every > 0 && paragraphs % every === 0) {
      const heading = `${Math.floor(paragraphs / every) + 1}. ${draw.pick(REPORT_HEADINGS)}`;
      children.push(block('heading', [textNode(heading)], { tag: 'h2' }));
      total += wordCount(heading);
    }
    const text = writer.paragraph(options.rare === true, draw.int(2, 5));
    const n = wordCount(text);
    if (draw.next() < 0.08) {
      // A bold lead-in, as portal editors mark the place and date.
      const cut = text.indexOf(',');
      children.push(
        block(
          'paragraph',
          cut > 0 ? [textNode(text.slice(0, cut + 1), 1), textNode(text.slice(cut + 1))] : [textNode(text)],
        ),
      );
    } else {
      children.push(block('paragraph', [textNode(text)]));
    }
    total += n;
    paragraphs += 1;
    if (images.length > 0 && paragraphs % imageEvery === 0) {
      const src = images.shift() as string;
      const caption = `Quang cảnh ${draw.pick(['hội nghị', 'buổi lễ', 'công trình', 'buổi ra quân'])} tại ${draw.pick(PLACES)}`;
      children.push({ type: 'image', version: 1, src, alt: caption, caption, width: 1600, height: 1067 });
    }
  }
  for (const src of images)
    children.push({
      type: 'image',
      version: 1,
      src,
      alt: 'Ảnh minh họa',
      caption: 'Ảnh minh họa',
      width: 1600,
      height: 1067,
    });
  return {
    doc: { root: { type: 'root', version: 1, format: '', indent: 0, direction: 'ltr', children } },
    words: total,
  };
}

// ---------------------------------------------------------------------------------------------- images

/** Real images in the data folder's media store (imported as the editor imports them): their refs. */
export async function createImages(dataDir: string, count: number): Promise<string[]> {
  const store = createMediaStore(dataDir);
  const refs: string[] = [];
  for (let i = 0; i < count; i++) {
    const hue = (i * 47) % 255;
    const bytes = await sharp({
      create: { width: 1200, height: 800, channels: 3, background: { r: hue, g: 255 - hue, b: (hue * 3) % 255 } },
    })
      .composite([
        {
          input: Buffer.from(
            `<svg width="1200" height="800"><circle cx="${200 + i * 30}" cy="400" r="${120 + i * 5}" fill="#fff"/></svg>`,
          ),
        },
      ])
      .jpeg({ quality: 80 })
      .toBuffer();
    refs.push((await store.importImage(bytes, `anh-${i + 1}.jpg`)).ref);
  }
  return refs;
}

// ---------------------------------------------------------------------------------------------- the corpus

export const DAY = 86_400_000;
/** The corpus ends here, 23:00 on 31 May in Vietnam (fixed: every run builds the same library); scheduled articles lie after the real now. */
export const CORPUS_END = Date.parse('2026-05-31T16:00:00.000Z');
export const YEARS = 15;
const SPAN = YEARS * 365 * DAY;
export const LONG_REPORT_WORDS = 20_000;

export interface CorpusOptions {
  articles: number;
  /** Share of long reports (20,000 words). */
  longShare: number;
  images: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface Corpus {
  articles: number;
  categoryIds: number[];
  images: string[];
  longIds: number[];
  trashed: number;
  rare: number;
  words: number;
  ms: number;
}

/** Lets the event loop run between batches (a Ctrl-C is handled there). */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A publication time: the portal publishes more each year (a fifth more than the year before). */
function publicationTime(draw: Draw): number {
  const growth = 1.2;
  // Inverse of the exponential distribution over the span, newest years weighing most.
  const x = Math.log(1 + draw.next() * (growth ** YEARS - 1)) / Math.log(growth) / YEARS;
  return CORPUS_END - SPAN + Math.floor(x * SPAN);
}

export async function generateCorpus(db: Db, dataDir: string, options: CorpusOptions): Promise<Corpus> {
  const started = performance.now();
  const draw = new Draw(options.seed ?? 20230323);
  const writer = new Writer(draw);
  const images = await createImages(dataDir, options.images);
  const categoryIds = db
    .transaction(() =>
      CATEGORIES.map(
        (name, position) => createCategory(db, { name, position }, new Date(CORPUS_END - SPAN).toISOString()).id,
      ),
    )
    .immediate();
  const categoryEntries = categoryIds.map((id, i) => [id, CATEGORY_WEIGHTS[i] ?? 1] as const);
  const toTrash: number[] = [];
  const longIds: number[] = [];
  let rare = 0;
  let words = 0;
  const scheduledFrom = Math.max(Date.now(), CORPUS_END);
  const batch = 2_000;
  for (let from = 0; from < options.articles; from += batch) {
    const to = Math.min(options.articles, from + batch);
    db.transaction(() => {
      for (let i = from; i < to; i += 1) {
        const isRare = draw.next() < 0.001;
        const long = draw.next() < options.longShare;
        if (isRare) rare += 1;
        const status = draw.weighted(STATUSES);
        const published = publicationTime(draw);
        const publishedAt =
          status === 'published' || status === 'unpublished'
            ? new Date(published).toISOString()
            : status === 'scheduled'
              ? new Date(scheduledFrom + draw.int(1, 30) * DAY).toISOString()
              : null;
        // Edited around publication; drafts and reviews are recent.
        const updated =
          publishedAt && status !== 'scheduled'
            ? published + draw.int(0, 48) * 3_600_000
            : CORPUS_END - draw.int(0, 60) * DAY;
        const shown =
          draw.next() < 0.5
            ? Array.from({ length: long ? draw.int(4, 10) : draw.int(1, 3) }, () => draw.pick(images))
            : [];
        const target = long ? LONG_REPORT_WORDS : Math.round(Math.min(3_000, Math.max(80, draw.logNormal(350, 0.6))));
        const body = bodyDocument(writer, target, {
          images: [...new Set(shown)],
          headingEvery: long ? 12 : 0,
          rare: isRare,
        });
        words += body.words;
        const categoryId = draw.next() < 0.02 ? null : draw.weighted(categoryEntries);
        const article = createArticle(
          db,
          {
            title: writer.title(isRare),
            categoryId,
            lead: writer.paragraph(false, draw.int(1, 2)),
            bodyJson: JSON.stringify(body.doc),
            featuredImage: shown[0] ?? (draw.next() < 0.2 ? draw.pick(images) : null),
            featuredCaption: shown[0] ? 'Ảnh: Đài Truyền thanh' : '',
            author: writer.person(),
            department: writer.department(),
            publishedAt,
            status,
            viewCount: status === 'published' ? draw.int(0, 5000) : 0,
          },
          new Date(updated).toISOString(),
        );
        if (long) longIds.push(article.id);
        if (draw.next() < 0.005) toTrash.push(article.id);
      }
    }).immediate();
    options.onProgress?.(to, options.articles);
    await yieldToEventLoop();
  }
  db.transaction(() => {
    for (const id of toTrash) setTrashed(db, id, true, new Date(CORPUS_END).toISOString());
  }).immediate();
  return {
    articles: options.articles,
    categoryIds,
    images,
    longIds,
    trashed: toTrash.length,
    rare,
    words,
    ms: performance.now() - started,
  };
}
