// @vitest-environment happy-dom
import type { HTMLElement, Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import {
  bodyMediaRefs,
  bodyPlainText,
  joinRenderedBlocks,
  legacyHtmlToParagraphs,
  renderBodyHtml,
  renderTopLevelBlock,
  safeLinkUrl,
  sanitizeInlineStyle,
  type RenderOptions,
} from '../../shared/render/article-html';
import { MEDIA_REF_PATTERN, parseBody, type BodyDocument } from '../../shared/render/body-nodes';

/** The test environment's happy-dom document (typed from happy-dom: the Node project has no DOM lib). */
const document = (globalThis as unknown as { window: Window }).window.document;

// ---------------------------------------------------------------------------------------------- builders

const SHA_A = 'a'.repeat(64);
const SHA_B = '0123456789abcdef'.repeat(4);
const REF_A = `media:${SHA_A}.jpg`;
const REF_B = `media:${SHA_B}.png`;

/** The preview's resolver: media:<sha>.<ext> → media/<sha>.<ext>. */
const options: RenderOptions = {
  mediaUrl(ref, variant) {
    const m = MEDIA_REF_PATTERN.exec(ref);
    if (!m) return null;
    return variant === 'thumb' ? `media/${m[1]}.thumb.webp` : `media/${m[1]}.${m[2]}`;
  },
};

type Node = Record<string, unknown>;
const t = (text: string, format = 0, style = ''): Node => ({
  type: 'text',
  text,
  format,
  style,
  detail: 0,
  mode: 'normal',
  version: 1,
});
const p = (children: Node[], format = ''): Node => ({
  type: 'paragraph',
  children,
  format,
  indent: 0,
  direction: 'ltr',
  version: 1,
});
const doc = (...children: unknown[]): BodyDocument => ({
  root: { type: 'root', children: children as never, format: '', indent: 0, direction: 'ltr', version: 1 },
});
const render = (...children: unknown[]): string => renderBodyHtml(doc(...children), options);
const link = (url: unknown, text = 'liên kết'): Node => ({
  type: 'link',
  url,
  children: [t(text)],
  rel: null,
  target: null,
  title: null,
});
const image = (src: unknown, extra: Node = {}): Node => ({
  type: 'image',
  src,
  alt: 'Ảnh',
  caption: 'Chú thích',
  ...extra,
});
const list = (listType: 'bullet' | 'number', items: Node[], start?: number): Node => ({
  type: 'list',
  listType,
  start,
  tag: listType === 'number' ? 'ol' : 'ul',
  children: items,
});
const li = (...children: Node[]): Node => ({ type: 'listitem', children, value: 1 });

// ---------------------------------------------------------------------------------------------- the allow-list, checked on the parsed DOM

const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = {
  p: ['style'],
  h2: ['style'],
  h3: ['style'],
  blockquote: ['style'],
  li: ['style'],
  ul: [],
  ol: ['start'],
  strong: [],
  em: [],
  u: [],
  s: [],
  sub: [],
  sup: [],
  code: [],
  mark: [],
  br: [],
  a: ['href', 'rel', 'target'],
  span: ['style'],
  figure: [],
  img: ['src', 'alt', 'width', 'height'],
  figcaption: [],
};
const BLOCK_STYLE = /^text-align: (left|center|right|justify)$/;
const SPAN_STYLE =
  /^(?:color: (?:#[0-9a-f]{3}|#[0-9a-f]{6}|rgba?\([0-9., %]+\)|[a-z]+)(?:; font-size: \d+(?:\.\d+)?px)?|font-size: \d+(?:\.\d+)?px)$/;

function parse(html: string): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML = html;
  return container;
}

/** Every element is allow-listed, with allow-listed attributes whose values have the allowed forms. */
function expectAllowListed(html: string): void {
  const root = parse(html);
  for (const el of Array.from(root.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    expect(Object.keys(ALLOWED_ATTRIBUTES), `element <${tag}> in ${html}`).toContain(tag);
    for (const attr of Array.from(el.attributes)) {
      expect(ALLOWED_ATTRIBUTES[tag], `attribute ${attr.name} on <${tag}> in ${html}`).toContain(attr.name);
      const value = attr.value;
      if (attr.name === 'style') expect(value).toMatch(tag === 'span' ? SPAN_STYLE : BLOCK_STYLE);
      if (attr.name === 'href') expect(safeLinkUrl(value), `href ${value}`).not.toBeNull();
      if (attr.name === 'href') expect(value).toMatch(/^(https?:\/\/|mailto:)/i);
      if (attr.name === 'src') expect(value).toMatch(/^media\/[0-9a-f]{64}\.(jpg|png|webp|gif)$/);
      if (attr.name === 'rel') expect(value).toBe('noopener noreferrer');
      if (attr.name === 'target') expect(value).toBe('_blank');
      if (['width', 'height', 'start'].includes(attr.name)) expect(value).toMatch(/^\d+$/);
    }
  }
}

/** The markup alone: text between tags and alt texts emptied (both are inert text, escaped). */
function markupOf(html: string): string {
  return html.replace(/>[^<]*</g, '><').replace(/ alt="[^"]*"/g, ' alt=""');
}

const NEVER_IN_OUTPUT = [
  '<script',
  '<iframe',
  '<svg',
  '<object',
  '<embed',
  '<style',
  '<math',
  '<form',
  '<input',
  '<base',
  '<body',
  '<details',
  '<img src=x',
];
const NEVER_IN_MARKUP = [
  /javascript:/i,
  /vbscript:/i,
  /data:/i,
  /srcdoc/i,
  /\son[a-z]+\s*=/i,
  /expression\(/i,
  /url\(/i,
  /<!--/,
];

function expectSafe(html: string): void {
  const lower = html.toLowerCase();
  for (const needle of NEVER_IN_OUTPUT) expect(lower, `output contains ${needle}: ${html}`).not.toContain(needle);
  const markup = markupOf(html);
  for (const pattern of NEVER_IN_MARKUP) expect(markup, `markup matches ${pattern}: ${html}`).not.toMatch(pattern);
  expectAllowListed(html);
}

// ---------------------------------------------------------------------------------------------- elements

describe('renderBodyHtml: the allowed elements', () => {
  it('renders every allowed element from a body document', () => {
    const html = render(
      p([t('Đoạn '), t('đậm', 1), { type: 'linebreak' }, link('https://chinhphu.vn/', 'Chính phủ')]),
      { type: 'heading', tag: 'h2', children: [t('Mục lớn')] },
      { type: 'heading', tag: 'h3', children: [t('Mục nhỏ')] },
      { type: 'quote', children: [t('Trích dẫn')] },
      list('bullet', [li(t('một')), li(t('hai'))]),
      list('number', [li(t('ba'))], 3),
      p([
        t('in', 2),
        t('gạch', 8),
        t('xóa', 4),
        t('dưới', 32),
        t('trên', 64),
        t('mã', 16),
        t('tô', 128),
        t('màu', 0, 'color: #c0392b; font-size: 18px'),
      ]),
      image(REF_A, { width: 800, height: 600 }),
    );
    expect(html).toBe(
      [
        '<p>Đoạn <strong>đậm</strong><br><a href="https://chinhphu.vn/" rel="noopener noreferrer" target="_blank">Chính phủ</a></p>',
        '<h2>Mục lớn</h2>',
        '<h3>Mục nhỏ</h3>',
        '<blockquote>Trích dẫn</blockquote>',
        '<ul><li>một</li><li>hai</li></ul>',
        '<ol start="3"><li>ba</li></ol>',
        '<p><em>in</em><u>gạch</u><s>xóa</s><sub>dưới</sub><sup>trên</sup><code>mã</code><mark>tô</mark><span style="color: #c0392b; font-size: 18px">màu</span></p>',
        `<figure><img src="media/${SHA_A}.jpg" alt="Ảnh" width="800" height="600"><figcaption>Chú thích</figcaption></figure>`,
      ].join('\n'),
    );
    const tags = new Set(Array.from(parse(html).querySelectorAll('*'), (el) => el.tagName.toLowerCase()));
    expect([...tags].sort()).toEqual(Object.keys(ALLOWED_ATTRIBUTES).sort());
    expectSafe(html);
  });

  it('nests the format tags in a fixed order, the style span innermost', () => {
    expect(render(p([t('x', 255, 'color: red')]))).toBe(
      '<p><strong><em><u><s><sub><sup><code><mark><span style="color: red">x</span></mark></code></sup></sub></s></u></em></strong></p>',
    );
    expect(render(p([t('x', 1 | 8)]))).toBe(render(p([t('x', 8 | 1)])));
    expect(render(p([t('x', 1 | 8)]))).toBe('<p><strong><u>x</u></strong></p>');
    // Nonsense formats are no format.
    expect(render(p([{ ...t('x'), format: 'bold' }]), p([{ ...t('y'), format: Number.NaN }]))).toBe(
      '<p>x</p>\n<p>y</p>',
    );
  });

  it('maps heading tags to h2/h3 only', () => {
    expect(render({ type: 'heading', tag: 'h1', children: [t('a')] })).toBe('<h2>a</h2>');
    expect(render({ type: 'heading', tag: 'h6', children: [t('a')] })).toBe('<h3>a</h3>');
    expect(render({ type: 'heading', tag: '<script>', children: [t('a')] })).toBe('<h3>a</h3>');
  });

  it('escapes every text', () => {
    expect(render(p([t(`<b>"Giá Rai" & 'Bạc Liêu'</b>`)]))).toBe(
      '<p>&lt;b&gt;&quot;Giá Rai&quot; &amp; &#39;Bạc Liêu&#39;&lt;/b&gt;</p>',
    );
  });
});

describe('renderBodyHtml: paragraphs and spacing', () => {
  it('keeps an empty paragraph between blocks as <p>&nbsp;</p>, none at the start or the end', () => {
    const empty = p([]);
    expect(render(empty, p([t('a')]), empty, empty, p([t('b')]), empty, p([t(' ')]), p([{ type: 'linebreak' }]))).toBe(
      '<p>a</p>\n<p>&nbsp;</p>\n<p>&nbsp;</p>\n<p>b</p>',
    );
    expect(render(empty, empty)).toBe('');
    expect(render()).toBe('');
  });

  it('leaves out empty headings, quotes, list items and links', () => {
    expect(
      render(
        { type: 'heading', tag: 'h2', children: [] },
        { type: 'quote', children: [t('')] },
        list('bullet', [li()]),
        p([t('a'), link('https://x.vn', '')]),
      ),
    ).toBe('<p>a</p>');
  });
});

describe('renderBodyHtml: styles', () => {
  const span = (style: string): string => render(p([t('x', 0, style)]));
  const kept: [string, string][] = [
    ['color: #abc', 'color: #abc'],
    ['color: #A0B1C2', 'color: #a0b1c2'],
    ['color:rgb(1,2,3)', 'color: rgb(1, 2, 3)'],
    ['color: rgba(10, 20, 30, 0.5)', 'color: rgba(10, 20, 30, 0.5)'],
    ['color: rgb(10 20 30 / 50%)', 'color: rgba(10, 20, 30, 50%)'],
    ['color: rgb(100%, 0%, 50%)', 'color: rgb(100%, 0%, 50%)'],
    ['color: DarkRed', 'color: darkred'],
    ['color: rebeccapurple', 'color: rebeccapurple'],
    ['font-size: 18px', 'font-size: 18px'],
    ['font-size: 8px', 'font-size: 8px'],
    ['font-size: 72px', 'font-size: 72px'],
    ['font-size: 12pt', 'font-size: 16px'],
    ['font-size: 10.5pt', 'font-size: 14px'],
    ['font-size: 11pt', 'font-size: 14.67px'],
    ['FONT-SIZE: 13PX; Color: Navy', 'color: navy; font-size: 13px'],
    ['color: red;background:url(javascript:alert(1))', 'color: red'],
    ['font-size: 12px;position:fixed', 'font-size: 12px'],
    ['color: red; color: blue', 'color: blue'],
    ['color: blue; color: javascript', 'color: blue'],
  ];
  it.each(kept)('keeps %j as %j', (style, expected) => {
    expect(span(style)).toBe(`<p><span style="${expected}">x</span></p>`);
  });

  const dropped = [
    'position: absolute',
    'position: fixed; top: 0; left: 0; width: 100%; height: 100%',
    'background: url(javascript:alert(1))',
    'background-image: url("https://evil.example/x.png")',
    'color: expression(alert(1))',
    'width: expression(alert(1))',
    'font-size: 500px',
    'font-size: 7px',
    'font-size: 55pt',
    'font-size: 2em',
    'font-size: 120%',
    'font-size: calc(10px + 100vw)',
    'font-size: -12px',
    'color: %23fff',
    'color: %72%65%64',
    'color: r\\65 d',
    'c\\olor: red',
    'color: #fff\\9',
    'color: rgb(1,2,3) !important',
    'color: rgb(300, 0, 0)',
    'color: rgb(1, 2)',
    'color: rgb(1%, 2, 3)',
    'color: rgba(1, 2, 3, 2)',
    'color: #ff0000ff',
    'color: #gggggg',
    'color: currentColor',
    'color: inherit',
    'color: var(--x)',
    'color: /* */ red',
    'color: red /* comment */',
    'color: url(javascript:alert(1))',
    '-moz-binding: url(http://evil.example/xss.xml#xss)',
    'behavior: url(xss.htc)',
    'color: "red"',
    '<script>alert(1)</script>',
    'color: red" onmouseover="alert(1)',
    'color: hsl(0, 100%, 50%)',
  ];
  it.each(dropped)('drops %j', (style) => {
    expect(span(style)).toBe('<p>x</p>');
  });

  it('ignores a style that is not a string or is absurdly long', () => {
    expect(sanitizeInlineStyle(42)).toBe('');
    expect(sanitizeInlineStyle({ color: 'red' })).toBe('');
    expect(sanitizeInlineStyle(`color: red;${' '.repeat(5000)}`)).toBe('');
  });
});

describe('renderBodyHtml: alignment', () => {
  it.each([
    ['left', 'left'],
    ['start', 'left'],
    ['center', 'center'],
    ['right', 'right'],
    ['end', 'right'],
    ['justify', 'justify'],
  ])('writes format %j as text-align: %s on block elements', (format, align) => {
    expect(render(p([t('x')], format))).toBe(`<p style="text-align: ${align}">x</p>`);
    expect(render({ type: 'heading', tag: 'h2', format, children: [t('x')] })).toBe(
      `<h2 style="text-align: ${align}">x</h2>`,
    );
    expect(render({ type: 'heading', tag: 'h3', format, children: [t('x')] })).toBe(
      `<h3 style="text-align: ${align}">x</h3>`,
    );
    expect(render({ type: 'quote', format, children: [t('x')] })).toBe(
      `<blockquote style="text-align: ${align}">x</blockquote>`,
    );
    expect(render(list('bullet', [{ ...li(t('x')), format }]))).toBe(
      `<ul><li style="text-align: ${align}">x</li></ul>`,
    );
  });

  it.each(['', 'bogus', 'CENTER', 'justify" onclick="alert(1)', 'center; background: url(x)', 3])(
    'writes nothing for format %j',
    (format) => {
      expect(render(p([t('x')], format as string))).toBe('<p>x</p>');
    },
  );
});

describe('renderBodyHtml: lists', () => {
  it('nests a numbered list inside a bullet item (Lexical keeps it in an item of its own)', () => {
    const html = render(list('bullet', [li(t('một')), li(list('number', [li(t('a')), li(t('b'))], 4)), li(t('hai'))]));
    expect(html).toBe('<ul><li>một<ol start="4"><li>a</li><li>b</li></ol></li><li>hai</li></ul>');
    expectSafe(html);
  });

  it('keeps a nested list that opens the list, and a list item with text and a list', () => {
    expect(render(list('number', [li(list('bullet', [li(t('x'))])), li(t('y'), list('bullet', [li(t('z'))]))]))).toBe(
      '<ol><li><ul><li>x</li></ul></li><li>y<ul><li>z</li></ul></li></ol>',
    );
  });

  it('writes start only for a numbered list with an integer start other than 1', () => {
    expect(render(list('number', [li(t('x'))], 1))).toBe('<ol><li>x</li></ol>');
    expect(render(list('number', [li(t('x'))], 0))).toBe('<ol start="0"><li>x</li></ol>');
    expect(render(list('number', [li(t('x'))], 2.5))).toBe('<ol><li>x</li></ol>');
    expect(render(list('number', [li(t('x'))], -3))).toBe('<ol><li>x</li></ol>');
    expect(render({ ...list('number', [li(t('x'))]), start: '3" onclick="alert(1)' })).toBe('<ol><li>x</li></ol>');
    expect(render(list('bullet', [li(t('x'))], 5))).toBe('<ul><li>x</li></ul>');
    expect(render({ ...list('bullet', [li(t('x'))]), listType: 'check' })).toBe('<ul><li>x</li></ul>');
  });

  it('wraps a stray child of a list in a list item', () => {
    expect(render(list('bullet', [t('lạc'), li(t('đúng'))]))).toBe('<ul><li>lạc</li><li>đúng</li></ul>');
  });

  it('nests three levels deep', () => {
    const html = render(
      list('bullet', [li(t('1')), li(list('bullet', [li(t('1.1')), li(list('number', [li(t('1.1.1'))]))]))]),
    );
    expect(html).toBe('<ul><li>1<ul><li>1.1<ol><li>1.1.1</li></ol></li></ul></li></ul>');
  });
});

describe('renderBodyHtml: links', () => {
  it.each([
    ['http://giarai.baclieu.gov.vn/tin-tuc', true],
    ['https://chinhphu.vn/?a=1&b=2#x', true],
    ['HTTPS://CHINHPHU.VN', true],
    ['https://127.0.0.1:8080/x', true],
    ['https://[::1]/x', true],
    ['https://giárai.vn/đường', true],
    ['mailto:toasoan@giarai.gov.vn', false],
    ['mailto:a@b.vn?subject=Tin%20b%C3%A0i', false],
  ])('links %j', (url, external) => {
    const html = render(p([link(url)]));
    const extra = external ? ' rel="noopener noreferrer" target="_blank"' : '';
    expect(html).toBe(`<p><a href="${url.replace(/&/g, '&amp;')}"${extra}>liên kết</a></p>`);
    expectSafe(html);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'java\u0000script:alert(1)',
    '\u0001javascript:alert(1)',
    'javascript\u200b:alert(1)',
    'javascript&colon;alert(1)',
    '&#106;avascript:alert(1)',
    'javascript%3Aalert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'DATA:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.com/',
    'tel:+842913850215',
    '//evil.example',
    '/relative/path',
    'relative/path',
    '#anchor',
    '?q=1',
    'https://',
    'https:evil.example',
    'https:/evil.example',
    'https:\\\\evil.example',
    'https://user:pass@evil.example/',
    'https://evil.example/ "onmouseover="alert(1)',
    'https://evil example/',
    ' https://chinhphu.vn',
    'mailto:',
    'mailto:"><script>alert(1)</script>',
    '',
    42,
    null,
  ])('refuses %j and keeps the text', (url) => {
    const html = render(p([link(url)]));
    expect(html).toBe('<p>liên kết</p>');
  });

  it('does not nest links, and keeps the formatting inside a link', () => {
    const inner = { type: 'link', url: 'https://b.vn', children: [t('b')] };
    expect(render(p([{ type: 'link', url: 'https://a.vn', children: [t('a', 1), inner] }]))).toBe(
      '<p><a href="https://a.vn" rel="noopener noreferrer" target="_blank"><strong>a</strong>b</a></p>',
    );
    expect(render(p([{ type: 'autolink', url: 'https://a.vn', children: [t('a.vn')] }]))).toBe(
      '<p><a href="https://a.vn" rel="noopener noreferrer" target="_blank">a.vn</a></p>',
    );
  });

  it('ignores the link node’s own rel, target and title', () => {
    const html = render(
      p([{ ...link('https://a.vn'), rel: 'opener" onclick="x', target: '_top', title: '"><script>alert(1)</script>' }]),
    );
    expect(html).toBe('<p><a href="https://a.vn" rel="noopener noreferrer" target="_blank">liên kết</a></p>');
  });
});

describe('renderBodyHtml: images', () => {
  it.each([REF_A, REF_B, `media:${SHA_A}.webp`, `media:${SHA_A}.gif`])('renders a figure for %s', (ref) => {
    const html = render(image(ref));
    const [, sha, ext] = MEDIA_REF_PATTERN.exec(ref) as RegExpExecArray;
    expect(html).toBe(`<figure><img src="media/${sha}.${ext}" alt="Ảnh"><figcaption>Chú thích</figcaption></figure>`);
  });

  it.each([
    `media:${'A'.repeat(64)}.jpg`,
    `media:${SHA_A}`,
    `media:${SHA_A}.svg`,
    `media:${SHA_A}.jpg?x=1`,
    ` media:${SHA_A}.jpg`,
    `media:${'a'.repeat(63)}.jpg`,
    `../media/${SHA_A}.jpg`,
    `media/${SHA_A}.jpg`,
    'https://evil.example/x.png',
    'javascript:alert(1)',
    'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=',
    '',
    null,
    42,
  ])('drops the figure of src %j', (src) => {
    expect(render(p([t('a')]), image(src), p([t('b')]))).toBe('<p>a</p>\n<p>b</p>');
  });

  it('drops the figure when the resolver has no URL, or a dangerous one, or throws', () => {
    for (const url of [
      null,
      'javascript:alert(1)',
      'data:text/html,x',
      'media/x y.jpg',
      '//evil.example/x.jpg',
      'vbscript:x',
    ]) {
      expect(renderBodyHtml(doc(image(REF_A)), { mediaUrl: () => url })).toBe('');
    }
    expect(
      renderBodyHtml(doc(image(REF_A), p([t('sau')])), {
        mediaUrl: () => {
          throw new Error('no');
        },
      }),
    ).toBe('<p>sau</p>');
    expect(renderBodyHtml(doc(image(REF_A)), { mediaUrl: () => 'http://127.0.0.1:5173/m/a.jpg' })).toContain(
      'src="http://127.0.0.1:5173/m/a.jpg"',
    );
    expect(renderBodyHtml(doc(image(REF_A)), { mediaUrl: () => 'app://toasoan/a.jpg' })).toContain(
      'src="app://toasoan/a.jpg"',
    );
  });

  it('escapes alt and caption, falls back to the caption for alt, and leaves an empty caption out', () => {
    expect(render(image(REF_A, { alt: '"><script>alert(1)</script>', caption: '<b>Chú</b> & "thích"' }))).toBe(
      `<figure><img src="media/${SHA_A}.jpg" alt="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"><figcaption>&lt;b&gt;Chú&lt;/b&gt; &amp; &quot;thích&quot;</figcaption></figure>`,
    );
    expect(render(image(REF_A, { alt: '', caption: 'Chú thích' }))).toBe(
      `<figure><img src="media/${SHA_A}.jpg" alt="Chú thích"><figcaption>Chú thích</figcaption></figure>`,
    );
    expect(render(image(REF_A, { alt: 'Ảnh', caption: '   ' }))).toBe(
      `<figure><img src="media/${SHA_A}.jpg" alt="Ảnh"></figure>`,
    );
    expect(render(image(REF_A, { alt: 5, caption: null }))).toBe(
      `<figure><img src="media/${SHA_A}.jpg" alt=""></figure>`,
    );
  });

  it('writes width and height only when they are positive integers', () => {
    const sized = (width: unknown, height: unknown) => render(image(REF_A, { width, height, caption: '' }));
    expect(sized(640, 480)).toBe(`<figure><img src="media/${SHA_A}.jpg" alt="Ảnh" width="640" height="480"></figure>`);
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '640', '1" onerror="alert(1)', null, 1e9]) {
      expect(sized(bad, bad)).toBe(`<figure><img src="media/${SHA_A}.jpg" alt="Ảnh"></figure>`);
    }
  });
});

describe('renderBodyHtml: unknown nodes', () => {
  it('renders only the children or the text of an unknown node', () => {
    const html = render(
      {
        type: 'collapsible-container',
        html: '<script>alert(1)</script>',
        onclick: 'alert(1)',
        children: [p([t('bên trong')])],
      },
      p([
        t('a'),
        { type: 'mention', text: '@Lam <b>', style: 'position: fixed', href: 'javascript:alert(1)' },
        { type: 'emoji', children: [t('🙂')] },
      ]),
      { type: 'horizontalrule' },
      { type: 'youtube', videoID: '"><iframe src=javascript:alert(1)>' },
      { type: 'code', language: 'js', children: [t('let x = 1;')] },
    );
    expect(html).toBe('<p>bên trong</p>\n<p>a@Lam &lt;b&gt;🙂</p>\n<p>let x = 1;</p>');
    expectSafe(html);
  });

  it('renders the text of a node without a type', () => {
    expect(render(p([{ text: 'không kiểu' }]), { children: [t('con')] })).toBe('<p>không kiểu</p>\n<p>con</p>');
  });
});

// ---------------------------------------------------------------------------------------------- XSS corpus

const XSS_VECTORS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '" onmouseover="alert(1)',
  "' onfocus='alert(1)' autofocus x='",
  'javascript:alert(1)',
  'JaVaScRiPt:alert(document.cookie)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  '\u0000javascript:alert(1)',
  'javascript://%0aalert(1)',
  '&#106;avascript:alert(1)',
  '&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)',
  'javascript&colon;alert(1)',
  '%6A%61%76%61%73%63%72%69%70%74%3Aalert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<style>body{background:url(javascript:alert(1))}</style>',
  '<a href="javascript:alert(1)">x</a>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<body onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<input onfocus=alert(1) autofocus>',
  '<form action=javascript:alert(1)><button>x</button></form>',
  '<base href="javascript:/">',
  '<!--<img src=x onerror=alert(1)>-->',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '</p><script>alert(1)</script><p>',
  'expression(alert(1))',
  'color: expression(alert(1))',
  'background:url(javascript:alert(1))',
  'color: red;background:url(javascript:alert(1))',
  'color:\\72\\65\\64;background:url(javascript:alert(1))',
  'https://example.com/" onmouseover="alert(1)',
  'https://example.com/\u0000<script>',
  'media:../../etc/passwd',
];

/** One body with the vector in every field a node has: texts, URLs, titles, captions, alt, styles, formats, types, unknown fields. */
function bodyWith(vector: string): BodyDocument {
  return doc(
    p(
      [
        t(vector),
        t(vector, 1, vector),
        link(vector, vector),
        { ...link('https://a.vn', vector), title: vector, rel: vector, target: vector },
      ],
      vector,
    ),
    { type: 'heading', tag: vector, format: vector, children: [t(vector, 0, `color: ${vector}`)] },
    { type: 'quote', format: vector, children: [t(vector, 0, `font-size: ${vector}`)] },
    list('bullet', [{ ...li(t(vector)), format: vector, value: vector }, li(list('number', [li(t(vector))]))]),
    { ...list('number', [li(t(vector))]), start: vector, listType: vector },
    image(vector, { alt: vector, caption: vector, width: vector, height: vector }),
    image(REF_A, { alt: vector, caption: vector }),
    { type: vector, text: vector, html: vector, url: vector, src: vector, style: vector, children: [p([t(vector)])] },
    p([
      { type: vector, text: vector, style: vector, format: vector },
      { type: 'unknown-inline', innerHTML: vector, children: [t(vector)] },
    ]),
  );
}

describe('renderBodyHtml: XSS corpus', () => {
  it('has at least 25 vectors', () => {
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(25);
  });

  it.each(XSS_VECTORS)('stays inert with %j in every field', (vector) => {
    const html = renderBodyHtml(bodyWith(vector), options);
    expect(html.length).toBeGreaterThan(0);
    expectSafe(html);
    // The text survives, escaped: what the author typed is shown, not run.
    expect(parse(html).textContent).toContain(vector.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ''));
  });

  it('keeps an https link whose path merely spells a scheme (inert: the browser goes to https)', () => {
    const html = render(p([link('https://a.vn/search?q=javascript:alert(1)')]));
    expect(html).toBe(
      '<p><a href="https://a.vn/search?q=javascript:alert(1)" rel="noopener noreferrer" target="_blank">liên kết</a></p>',
    );
    expectAllowListed(html);
  });

  it('stays inert with the vectors as the JSON a store could hold', () => {
    for (const vector of XSS_VECTORS) {
      const parsed = parseBody(JSON.stringify(bodyWith(vector)));
      // parseBody refuses node types longer than 64 characters; the shorter vectors reach the renderer.
      if (vector.length <= 64) expect(parsed).not.toBeNull();
      expectSafe(renderBodyHtml(parsed, options));
    }
  });
});

// ---------------------------------------------------------------------------------------------- text and media

describe('bodyPlainText', () => {
  it('gives the text with paragraph breaks, list items one a line, captions included', () => {
    const body = doc(
      p([t('Đoạn '), t('một', 1), { type: 'linebreak' }, t('dòng hai')]),
      p([]),
      { type: 'heading', tag: 'h2', children: [t('Tiêu đề')] },
      list('bullet', [li(t('a')), li(list('number', [li(t('a.1'))])), li(link('https://x.vn', 'b'))]),
      image(REF_A, { caption: 'Ảnh Giá Rai' }),
      { type: 'quote', children: [t('Trích')] },
      { type: 'unknown', children: [p([t('lạ')])] },
    );
    expect(bodyPlainText(body)).toBe('Đoạn một\ndòng hai\n\nTiêu đề\n\na\na.1\nb\n\nẢnh Giá Rai\n\nTrích\n\nlạ');
  });

  it('is empty for an empty or malformed body', () => {
    expect(bodyPlainText(null)).toBe('');
    expect(bodyPlainText(doc())).toBe('');
    expect(bodyPlainText({ root: { type: 'root', children: 'x' } } as never)).toBe('');
  });
});

describe('bodyMediaRefs', () => {
  it('lists every shown media reference once, in order', () => {
    const body = doc(
      image(REF_B),
      p([t('x')]),
      { type: 'unknown', children: [image(REF_A)] },
      image(REF_B),
      image('https://evil.example/x.png'),
      image(`media:${SHA_A}.svg`),
      list('bullet', [li(t('x'), image(`media:${SHA_B}.gif`))]),
    );
    expect(bodyMediaRefs(body)).toEqual([REF_B, REF_A, `media:${SHA_B}.gif`]);
    expect(bodyMediaRefs(null)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------- malformed input

function nested(depth: number, leaf: Node, wrap: (child: Node) => Node): Node {
  let node = leaf;
  for (let i = 0; i < depth; i += 1) node = wrap(node);
  return node;
}

describe('malformed input never throws', () => {
  const cases: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['a string', 'body'],
    ['an empty object', {}],
    ['root null', { root: null }],
    ['root without children', { root: { type: 'root' } }],
    ['children not an array', { root: { type: 'root', children: { 0: p([t('x')]) } } }],
    ['children a string', { root: { type: 'root', children: 'abc' } }],
    [
      'odd children',
      {
        root: {
          type: 'root',
          children: [null, 1, 'x', [], true, { type: 'paragraph', children: 'x' }, { type: 42 }, { type: 'text' }],
        },
      },
    ],
    ['a node without type', { root: { type: 'root', children: [{ children: [{ text: 'x' }] }] } }],
    [
      'a list whose items are not objects',
      { root: { type: 'root', children: [{ type: 'list', listType: 'number', children: [null, 'x', 3] }] } },
    ],
    ['an image without fields', { root: { type: 'root', children: [{ type: 'image' }] } }],
  ];
  it.each(cases)('%s', (_name, body) => {
    expect(() => renderBodyHtml(body as BodyDocument, options)).not.toThrow();
    expect(() => bodyPlainText(body as BodyDocument)).not.toThrow();
    expect(() => bodyMediaRefs(body as BodyDocument)).not.toThrow();
    expectSafe(renderBodyHtml(body as BodyDocument, options));
  });

  it('parseBody answers null for every malformed stored body, and the document for a good one', () => {
    // An image without fields is a well-formed node (the renderer leaves it out); every other case is not a document.
    for (const [name, body] of cases.filter(([name]) => name !== 'an image without fields'))
      expect(parseBody(JSON.stringify(body) ?? null), name).toBeNull();
    for (const text of [
      '',
      '{',
      'not json',
      '[]',
      '"root"',
      JSON.stringify({ root: { type: 'paragraph', children: [] } }),
    ])
      expect(parseBody(text), text).toBeNull();
    const good = doc(p([t('Xin chào')]), list('bullet', [li(t('một'))]));
    expect(parseBody(JSON.stringify(good))).toEqual(good);
    // Asked again for the same text (a save checks it, then renders it), the same answer.
    const json = JSON.stringify(good);
    expect(parseBody(json)).toBe(parseBody(json));
    expect(
      parseBody(JSON.stringify(doc(nested(900, p([t('sâu')]), (child) => ({ type: 'wrapper', children: [child] }))))),
    ).not.toBeNull();
    expect(
      parseBody(JSON.stringify(doc(nested(1_100, p([t('sâu')]), (child) => ({ type: 'wrapper', children: [child] }))))),
    ).toBeNull();
  });

  it('renders 100-deep nesting of every kind, keeping the deep text', () => {
    const deepInline = p([
      nested(100, t('sâu', 1), (child) => ({ type: 'link', url: 'https://a.vn', children: [child] })),
    ]);
    const deepUnknown = nested(100, p([t('sâu hơn')]), (child) => ({ type: 'wrapper', children: [child] }));
    const deepList = nested(100, list('bullet', [li(t('đáy'))]), (child) => list('bullet', [li(t('tầng')), li(child)]));
    const deepSpan = p([nested(100, t('chữ'), (child) => ({ type: 'span-ish', children: [child] }))]);
    for (const node of [deepInline, deepUnknown, deepList, deepSpan]) {
      const body = doc(node);
      let html = '';
      expect(() => {
        html = renderBodyHtml(body, options);
      }).not.toThrow();
      expect(html.length).toBeGreaterThan(0);
      expectSafe(html);
      expect(() => bodyPlainText(body)).not.toThrow();
      expect(bodyPlainText(body).length).toBeGreaterThan(0);
    }
    expect(renderBodyHtml(doc(deepInline), options)).toContain('sâu');
    expect(renderBodyHtml(doc(deepUnknown), options)).toContain('sâu hơn');
    expect(renderBodyHtml(doc(deepList), options)).toContain('đáy');
  });

  it('survives 20,000-deep nesting and a cyclic object', () => {
    const deep = doc(nested(20_000, p([t('x')]), (child) => ({ type: 'wrapper', children: [child] })));
    expect(() => renderBodyHtml(deep, options)).not.toThrow();
    expect(() => bodyPlainText(deep)).not.toThrow();
    expect(() => bodyMediaRefs(deep)).not.toThrow();
    const cyclic: Node = { type: 'wrapper', children: [] };
    (cyclic.children as Node[]).push(cyclic, t('vòng'));
    expect(() => renderBodyHtml(doc(cyclic), options)).not.toThrow();
    expect(() => bodyPlainText(doc(cyclic))).not.toThrow();
  });

  it('survives a node whose getter throws', () => {
    const hostile = {
      type: 'paragraph',
      get children(): unknown[] {
        throw new Error('boom');
      },
    };
    expect(() => renderBodyHtml(doc(p([t('trước')]), hostile), options)).not.toThrow();
    expect(renderBodyHtml(doc(p([t('trước')]), hostile), options)).toBe('<p>trước</p>');
  });
});

// ---------------------------------------------------------------------------------------------- legacy HTML

describe('legacyHtmlToParagraphs', () => {
  it('turns stored HTML into escaped plain paragraphs', () => {
    expect(
      legacyHtmlToParagraphs(
        '<p style="text-align: justify">Giá Rai &amp; Bạc Liêu&nbsp;<b>đậm</b></p>\n<p>Hai<br>dòng</p>',
      ),
    ).toBe('<p>Giá Rai &amp; Bạc Liêu đậm</p>\n<p>Hai<br>dòng</p>');
  });

  it('decodes entities before escaping again, and drops scripts, styles and comments with their content', () => {
    const html = legacyHtmlToParagraphs(
      '<p>&lt;script&gt;x&lt;/script&gt; &agrave; &ecirc; &ocirc; &#272;&#x1B0;</p><script>alert(1)</script><style>p{}</style><!-- <p>ẩn</p> --><p onclick="alert(1)"><img src=x onerror=alert(1)>Ảnh</p><div>Khối</div><p>   </p>',
    );
    expect(html).toBe('<p>&lt;script&gt;x&lt;/script&gt; à ê ô Đư</p>\n<p>Ảnh</p>\n<p>Khối</p>');
    expectSafe(html);
  });

  it('is empty for empty input and never lets markup through', () => {
    expect(legacyHtmlToParagraphs('')).toBe('');
    for (const vector of XSS_VECTORS) expectSafe(legacyHtmlToParagraphs(`<p>${vector}</p>${vector}`));
  });
});

describe('renderTopLevelBlock: a save renders only the blocks it changed', () => {
  const table = (caption: string): Node => ({
    type: 'table',
    children: [
      { type: 'tablerow', children: [{ type: 'tablecell', headerState: 1, children: [p([t('Chỉ tiêu')])] }] },
      { type: 'tablerow', children: [{ type: 'tablecell', headerState: 0, children: [p([t('98%', 1)])] }] },
    ],
    $: { caption },
  });
  const POOL: (() => Node)[] = [
    () => p([t('Đoạn '), t('đậm', 1), link('https://chinhphu.vn/', 'Chính phủ')], 'justify'),
    () => p([]),
    () => p([t(' ')]),
    () => ({ type: 'heading', tag: 'h2', children: [t('Mục <lớn>')] }),
    () => ({ type: 'heading', tag: 'h3', children: [] }),
    () => ({ type: 'quote', children: [t('Trích dẫn')] }),
    () => list('number', [li(t('một')), li(list('bullet', [li(t('hai'))]))], 3),
    () => image(REF_A, { width: 800, height: 600 }),
    () => table('Bảng 1 & 2'),
    () => ({ type: 'widget-of-tomorrow', children: [t('chữ lạ')] }),
  ];

  it('puts together the very HTML of the whole body, empty paragraphs at the edges left out as before', () => {
    // A seeded walk over documents of every kind of block, empty ones at the start and the end included.
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let n = 0; n < 200; n++) {
      const children = Array.from({ length: Math.floor(next() * 12) }, () =>
        (POOL[Math.floor(next() * POOL.length)] as () => Node)(),
      );
      const rendered = children.map((child) => renderTopLevelBlock(child, options));
      expect(rendered.every((block) => block !== null)).toBe(true);
      expect(joinRenderedBlocks(rendered as NonNullable<(typeof rendered)[number]>[])).toBe(
        renderBodyHtml(doc(...children), options),
      );
    }
  });

  it('leaves inline content under the root to the whole body: it joins its neighbours into one paragraph', () => {
    expect(renderTopLevelBlock(t('chữ rời'), options)).toBeNull();
    expect(renderTopLevelBlock({ type: 'linebreak' }, options)).toBeNull();
    expect(renderTopLevelBlock(link('https://chinhphu.vn/'), options)).toBeNull();
    expect(render(t('a'), t('b'), p([t('c')]))).toBe('<p>ab</p>\n<p>c</p>');
  });
});
