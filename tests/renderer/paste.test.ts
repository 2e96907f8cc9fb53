// @vitest-environment happy-dom
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanClipboardHtml } from '../../renderer/src/editor/paste/clean-office-html';

// The fixtures are real Word / Google Docs clipboard HTML (tests/fixtures/paste, see its README).
function fixture(name: string): string {
  return fs.readFileSync(path.resolve(`tests/fixtures/paste/${name}`), 'utf8');
}

function parse(html: string): HTMLElement {
  return new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
}

interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
  sub: boolean;
  sup: boolean;
  color: string | null;
  px: number | null;
  href: string | null;
}

/** Every text node under `root` with the formatting its ancestors give it (the canonical vocabulary only). */
function runs(root: Element, withLists = false): Run[] {
  const out: Run[] = [];
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 1) {
        const tag = (child as Element).tagName;
        if (!withLists && (tag === 'UL' || tag === 'OL')) continue; // a nested list's text is its own items'
        walk(child);
        continue;
      }
      if (child.nodeType !== 3) continue;
      const run: Run = {
        text: (child as Text).data,
        bold: false,
        italic: false,
        underline: false,
        strike: false,
        sub: false,
        sup: false,
        color: null,
        px: null,
        href: null,
      };
      for (let el = child.parentElement; el && el !== root.parentElement; el = el.parentElement) {
        switch (el.tagName) {
          case 'STRONG':
            run.bold = true;
            break;
          case 'EM':
            run.italic = true;
            break;
          case 'U':
            run.underline = true;
            break;
          case 'S':
            run.strike = true;
            break;
          case 'SUB':
            run.sub = true;
            break;
          case 'SUP':
            run.sup = true;
            break;
          case 'A':
            run.href ??= el.getAttribute('href');
            break;
          case 'SPAN': {
            const style = el.getAttribute('style') ?? '';
            const colour = /color: (#[0-9a-f]{6})/.exec(style);
            const size = /font-size: (\d+)px/.exec(style);
            if (colour && run.color === null) run.color = colour[1]!;
            if (size && run.px === null) run.px = Number(size[1]);
            break;
          }
        }
        if (el === root) break;
      }
      out.push(run);
    }
  };
  walk(root);
  return out;
}

/** The text of an element without its nested lists. */
function ownText(el: Element): string {
  return runs(el)
    .map((r) => r.text)
    .join('');
}

interface ListEntry {
  text: string;
  depth: number;
  type: 'bullet' | 'number';
}

/** Every list item in document order with its depth (lists around it minus one) and its list's type. */
function listItems(root: Element): ListEntry[] {
  const out: ListEntry[] = [];
  for (const li of Array.from(root.querySelectorAll('li'))) {
    let depth = -1;
    for (let el: Element | null = li; el && el !== root; el = el.parentElement)
      if (el.tagName === 'UL' || el.tagName === 'OL') depth++;
    out.push({ text: ownText(li), depth, type: li.parentElement!.tagName === 'OL' ? 'number' : 'bullet' });
  }
  return out;
}

function find(all: Run[], text: string, nth = 0): Run {
  const found = all.filter((r) => r.text === text);
  const run = found[nth];
  if (!run) throw new Error(`no run ${JSON.stringify(text)} #${nth} in ${JSON.stringify(all.map((r) => r.text))}`);
  return run;
}

const ALLOWED_TAGS = new Set([
  'P',
  'H2',
  'H3',
  'BLOCKQUOTE',
  'UL',
  'OL',
  'LI',
  'STRONG',
  'EM',
  'U',
  'S',
  'SUB',
  'SUP',
  'A',
  'BR',
  'SPAN',
  'TABLE',
  'TBODY', // added by the HTML parser around rows
  'CAPTION',
  'TR',
  'TH',
  'TD',
]);

/** The output uses only the canonical vocabulary, with only the attributes it allows. */
function expectCanonical(html: string): HTMLElement {
  expect(html).not.toMatch(/mso-|class=|id=|<o:p|<!--|<img|<style|<script|<meta|<xml|font-family|\[if|\[endif/i);
  const body = parse(html);
  for (const el of Array.from(body.querySelectorAll('*'))) {
    expect(ALLOWED_TAGS.has(el.tagName), el.tagName).toBe(true);
    for (const attr of Array.from(el.attributes)) {
      if (el.tagName === 'A') expect(attr.name).toBe('href');
      else if (el.tagName === 'TD' || el.tagName === 'TH') {
        expect(['colspan', 'rowspan']).toContain(attr.name);
        expect(attr.value).toMatch(/^[1-9]\d*$/);
      } else if (el.tagName === 'UL' || el.tagName === 'OL') {
        expect(attr.name).toBe('style');
        expect(attr.value).toMatch(/^list-style-type: (lower|upper)-(alpha|roman)|decimal|disc|circle|square$/);
      } else if (el.tagName === 'SPAN') {
        expect(attr.name).toBe('style');
        expect(attr.value).toMatch(/^(color: #[0-9a-f]{6}(; font-size: \d+px)?|font-size: \d+px)$/);
      } else {
        expect(['P', 'H2', 'H3', 'BLOCKQUOTE']).toContain(el.tagName);
        expect(attr.name).toBe('style');
        expect(attr.value).toMatch(/^text-align: (center|right|justify)$/);
      }
    }
  }
  // Top-level text nodes would be lost by the importer: everything sits in a block.
  for (const child of Array.from(body.childNodes)) expect(child.nodeType).toBe(1);
  const text = body.textContent ?? '';
  expect(text).toBe(text.normalize('NFC'));
  return body;
}

function clean(name: string): { html: string; source: string; body: HTMLElement } {
  const result = cleanClipboardHtml(fixture(name), document);
  return { ...result, body: expectCanonical(result.html) };
}

const RAINBOW: [string, string | null][] = [
  ['R', '#ff0000'],
  ['A', '#ffc000'],
  ['I', null], // yellow: too light to read on the page's white, dropped
  ['N', '#00b050'],
  ['B', '#00b0f0'],
  ['O', '#0070c0'],
  ['W', '#7030a0'],
];

describe('word-numbered-list.html (Word 2016)', () => {
  const { html, source, body } = clean('word-numbered-list.html');

  it('is one numbered list of two items, without markers', () => {
    expect(source).toBe('word');
    expect(Array.from(body.children).map((c) => c.tagName)).toEqual(['OL']);
    expect(listItems(body)).toEqual([
      { text: 'Item1', depth: 0, type: 'number' },
      { text: 'Item 2', depth: 0, type: 'number' },
    ]);
    expect(body.textContent).not.toMatch(/1\.|2\./);
    expect(html).not.toContain('&nbsp;');
    expect(body.textContent).not.toContain('\u00a0');
  });
});

describe('word-bulleted-list.html (Word 2016)', () => {
  const { source, body } = clean('word-bulleted-list.html');

  it('keeps the paragraph and the bulleted list with its formatting and link', () => {
    expect(source).toBe('word');
    expect(Array.from(body.children).map((c) => c.tagName)).toEqual(['P', 'UL']);
    expect(body.children[0]!.textContent).toBe('List:');
    expect(listItems(body)).toEqual([
      { text: 'Bold', depth: 0, type: 'bullet' },
      { text: 'Link', depth: 0, type: 'bullet' },
      { text: 'Multiple', depth: 0, type: 'bullet' },
    ]);
    const [first, second, third] = Array.from(body.querySelectorAll('li')).map((li) => runs(li));
    expect(first!.map((r) => [r.text, r.bold])).toEqual([
      ['B', false],
      ['old', true],
    ]);
    expect(second!.map((r) => [r.text, r.href])).toEqual([
      ['Lin', 'https://cksource.com'],
      ['k', null],
    ]);
    expect(third!.map((r) => ({ text: r.text, b: r.bold, i: r.italic, u: r.underline }))).toEqual([
      { text: 'M', b: false, i: true, u: false },
      { text: 'ul', b: true, i: true, u: false },
      { text: 'tip', b: true, i: true, u: true },
      { text: 'le', b: false, i: true, u: true },
    ]);
  });

  it('drops the Symbol-font bullet marker', () => {
    expect(body.textContent).not.toMatch(/[·\uf0b7]/);
  });
});

describe('word-nested-mixed-list.html (Word 2016)', () => {
  const { source, body } = clean('word-nested-mixed-list.html');

  it('nests each level with its own type; the skipped level 3 nests only one deeper (C4 and D3 at the same depth)', () => {
    expect(source).toBe('word');
    expect(listItems(body)).toEqual([
      { text: 'A1', depth: 0, type: 'bullet' },
      { text: 'B2', depth: 1, type: 'number' },
      { text: 'C4', depth: 2, type: 'bullet' },
      { text: 'D3', depth: 2, type: 'number' },
      { text: 'E1', depth: 0, type: 'bullet' },
      { text: 'F2', depth: 1, type: 'number' },
    ]);
    expect(body.textContent).toBe('A1B2C4D3E1F2');
  });

  it('puts nested lists inside the parent li, after its text', () => {
    const b2 = Array.from(body.querySelectorAll('li')).find((li) => ownText(li) === 'B2')!;
    expect(Array.from(b2.childNodes).map((n) => (n.nodeType === 3 ? '#text' : (n as Element).tagName))).toEqual([
      '#text',
      'UL',
      'OL',
    ]);
  });
});

describe('word-font-colors-sizes.html (Word 2013 via Firefox)', () => {
  const { source, body } = clean('word-font-colors-sizes.html');
  const paragraphs = Array.from(body.children);

  it('keeps the seven paragraphs', () => {
    expect(source).toBe('word');
    expect(paragraphs.map((p) => p.tagName)).toEqual(['P', 'P', 'P', 'P', 'P', 'P', 'P']);
    expect(paragraphs.map((p) => p.textContent)).toEqual([
      'RAINBOW',
      'RAINBOW',
      'RAINBOW',
      'RAINBOW',
      'RAINBOW',
      'Highlight',
      'Highlight',
    ]);
  });

  it('keeps every letter of RAINBOW in its colour and size (pt → px)', () => {
    const expected = [
      { px: 64, italic: false, bold: false }, // 48pt
      { px: 48, italic: true, bold: false }, // 36pt
      { px: 37, italic: false, bold: true }, // 28pt
      { px: 37, italic: false, bold: true },
      { px: 37, italic: false, bold: true },
    ];
    expected.forEach((want, index) => {
      const letters = runs(paragraphs[index]!);
      expect(letters.map((r) => [r.text, r.color])).toEqual(RAINBOW);
      for (const letter of letters) {
        expect(letter.px).toBe(want.px);
        expect(letter.italic).toBe(want.italic);
        expect(letter.bold).toBe(want.bold);
      }
    });
  });

  it('keeps superscript and subscript where Word set them (B, O, W of paragraphs 4 and 5)', () => {
    const sup = runs(paragraphs[3]!);
    const sub = runs(paragraphs[4]!);
    expect(sup.filter((r) => r.sup).map((r) => r.text)).toEqual(['B', 'O', 'W']);
    expect(sub.filter((r) => r.sub).map((r) => r.text)).toEqual(['B', 'O', 'W']);
    expect(sup.some((r) => r.sub) || sub.some((r) => r.sup)).toBe(false);
    expect(runs(paragraphs[0]!).some((r) => r.sub || r.sup)).toBe(false);
  });

  it('keeps Highlight at 48pt in black (no colour written, no background), italic and bold where Word set them', () => {
    for (const p of paragraphs.slice(5)) {
      for (const run of runs(p)) {
        expect(run.px).toBe(64);
        expect(run.color).toBeNull();
      }
    }
    expect(runs(paragraphs[5]!).map((r) => [r.text, r.italic, r.bold])).toEqual([
      ['Hi', false, false],
      ['ghli', true, false],
      ['ght', false, false],
    ]);
    expect(runs(paragraphs[6]!).map((r) => [r.text, r.italic, r.bold])).toEqual([
      ['Hi', false, false],
      ['ghli', false, true],
      ['ght', false, false],
    ]);
    expect(body.innerHTML).not.toMatch(/background|lime|highlight/i);
  });
});

describe('word-color-size-fullpage.html (Word, full document with smart tags)', () => {
  const { source, body } = clean('word-color-size-fullpage.html');
  const all = runs(body);
  const paragraphs = Array.from(body.children);

  it('keeps A/K: bold and red, and T ID: 1 bold, at the default size', () => {
    expect(source).toBe('word');
    expect(paragraphs[0]!.textContent).toBe('A/K:');
    expect(find(all, 'A/K:')).toMatchObject({ bold: true, color: '#ff0000', px: null, underline: false });
    expect(paragraphs[1]!.textContent).toBe('T ID: 1');
    expect(find(all, 'T ID: 1')).toMatchObject({ bold: true, px: null, color: null });
  });

  it('keeps the 10pt Arial boxes as 13px text, with their bold runs', () => {
    expect(find(all, 'ID 1 –adXY')).toMatchObject({ bold: true, px: 13, color: null });
    expect(find(all, 'M for F Der Transactions with XXXX SYXE dated 06th March 2013')).toMatchObject({
      bold: false,
      px: 13,
    });
    const yes = paragraphs.find((p) => p.textContent?.startsWith('El 2-day C:'))!;
    expect(runs(yes).map((r) => [r.text.trim(), r.bold, r.px])).toEqual([
      ['El 2-day C:', true, 13],
      ['Yes', false, 13],
    ]);
  });

  it('unwraps the smart tags: Jurisdiction: Germany', () => {
    const smartTags = fixture('word-color-size-fullpage.html').match(/<st1:place/g) ?? [];
    expect(smartTags).toHaveLength(4);
    const jurisdictions = paragraphs.filter((p) => p.textContent === 'Jurisdiction: Germany');
    expect(jurisdictions).toHaveLength(4);
    expect(body.innerHTML).not.toMatch(/st1|place|country/i);
  });

  it('does not turn the Word bookmark into a link', () => {
    expect(body.querySelectorAll('a')).toHaveLength(0);
    expect(body.innerHTML).not.toContain('_Hlk');
  });

  it('keeps Word’s empty paragraphs as empty paragraphs, but none at the end', () => {
    const empty = paragraphs.filter((p) => p.tagName === 'P' && p.innerHTML === '');
    expect(empty.length).toBeGreaterThanOrEqual(8);
    expect(paragraphs.at(-1)!.textContent).toBe('Jurisdiction: Germany');
    expect(paragraphs[2]!.innerHTML).toBe(''); // the &nbsp; paragraph after T ID: 1
  });

  it('collapses the spacerun and tab spans to single spaces and keeps justify', () => {
    expect(paragraphs.map((p) => p.textContent)).toContain('Type of Entity: XXXX company');
    expect(paragraphs.map((p) => p.textContent)).toContain('Go: German');
    expect(paragraphs.find((p) => p.textContent?.startsWith('C: '))!.getAttribute('style')).toBe('text-align: justify');
  });
});

describe('gdocs-bold-wrapper.html (Google Docs)', () => {
  const { html, source } = clean('gdocs-bold-wrapper.html');

  it('is one plain paragraph: the <b> wrapper is not bold, no trailing paragraph from Apple-interchange-newline', () => {
    expect(source).toBe('google-docs');
    expect(html).toBe('<p>Hello world</p>');
  });
});

describe('gdocs-mixed-list.html (Google Docs)', () => {
  const { source, body } = clean('gdocs-mixed-list.html');

  it('moves the sibling sub-lists into the preceding items, keeping depth and type', () => {
    expect(source).toBe('google-docs');
    expect(listItems(body)).toEqual([
      { text: '1', depth: 0, type: 'number' },
      { text: 'A', depth: 1, type: 'bullet' },
      { text: '1', depth: 2, type: 'number' },
      { text: '2', depth: 0, type: 'number' },
      { text: '3', depth: 0, type: 'number' },
      { text: 'A', depth: 1, type: 'bullet' },
      { text: 'B', depth: 1, type: 'bullet' },
      { text: 'A', depth: 0, type: 'bullet' },
      { text: '1', depth: 1, type: 'number' },
      { text: '2', depth: 1, type: 'number' },
    ]);
    for (const list of Array.from(body.querySelectorAll('ul, ol'))) {
      expect(['LI', 'BODY']).toContain(list.parentElement!.tagName);
    }
  });

  it('has nothing bold and no sizes or colours (11pt black is the default)', () => {
    expect(body.querySelectorAll('strong, span')).toHaveLength(0);
  });

  it("keeps each list's numbering style (circle, lower-roman, lower-alpha; decimal and disc are the defaults)", () => {
    const styleOf = (li: Element) => li.parentElement!.style.listStyleType || 'default';
    expect(Array.from(body.querySelectorAll('li')).map((li) => [ownText(li), styleOf(li)])).toEqual([
      ['1', 'default'],
      ['A', 'circle'],
      ['1', 'lower-roman'],
      ['2', 'default'],
      ['3', 'default'],
      ['A', 'circle'],
      ['B', 'circle'],
      ['A', 'default'],
      ['1', 'lower-alpha'],
      ['2', 'lower-alpha'],
    ]);
  });
});

describe('gdocs-newsletter-colors-sizes.html (Google Docs)', () => {
  const { source, body } = clean('gdocs-newsletter-colors-sizes.html');
  const all = runs(body, true);

  it('keeps the CKSource link: bold, underlined, 12pt, #1155cc, then bold " Newsletter" in #666666', () => {
    expect(source).toBe('google-docs');
    const links = Array.from(body.querySelectorAll('a'));
    expect(links.map((a) => [a.getAttribute('href'), a.textContent])).toEqual([
      ['https://www.cksource.com', 'CKSource'],
    ]);
    expect(find(all, 'CKSource')).toMatchObject({
      bold: true,
      underline: true,
      px: 16,
      color: '#1155cc',
      href: 'https://www.cksource.com',
    });
    expect(find(all, ' Newsletter')).toMatchObject({
      bold: true,
      underline: false,
      px: 16,
      color: '#666666',
      href: null,
    });
    expect(links[0]!.closest('p')!.getAttribute('style')).toBe('text-align: center');
  });

  it('keeps the h1 as an h2 with its per-run styles', () => {
    const headings = Array.from(body.querySelectorAll('h2, h3'));
    expect(headings.map((h) => [h.tagName, h.textContent])).toEqual([['H2', 'We have a surprise!']]);
    const heading = runs(headings[0]!);
    const plain = { bold: false, italic: false, underline: false, strike: false, sub: false, sup: false };
    expect(find(heading, 'We ')).toMatchObject({ ...plain, px: 48, color: null });
    expect(find(heading, 'have')).toMatchObject({ ...plain, bold: true, px: 48 });
    expect(find(heading, 'a')).toMatchObject({ ...plain, underline: true, px: 48 });
    expect(find(heading, 's', 0)).toMatchObject({ ...plain, color: '#85200c', px: 48 });
    expect(find(heading, 'u')).toMatchObject({ ...plain, italic: true, color: '#ff00ff', px: 48 });
    expect(find(heading, 'r', 0)).toMatchObject({ ...plain, sub: true, px: 29 }); // 0.6em of 36pt = 21.6pt
    expect(find(heading, 'p')).toMatchObject({ ...plain, underline: true, color: '#0000ff', px: 64 });
    // White on a black background: the background is not kept, so the white (unreadable on the page) goes too.
    expect(find(heading, 'r', 1)).toMatchObject({ ...plain, underline: true, color: null, px: 48 });
    expect(find(heading, 'i')).toMatchObject({ ...plain, strike: true, color: '#cc4125', px: 48 });
    expect(find(heading, 's', 1)).toMatchObject({ ...plain, color: '#38761d', px: 48 });
    expect(find(heading, 'e')).toMatchObject({ ...plain, sup: true, px: 29 });
    expect(headings[0]!.getAttribute('style')).toBe('text-align: center');
    expect(body.innerHTML).not.toMatch(/background/);
  });

  it('keeps the coloured text and sizes; 11pt is the default and carries no size', () => {
    expect(find(all, 'Lorem ipsum dolor sit amet, consectetuer adipiscing.')).toMatchObject({
      px: 16,
      color: '#666666',
    });
    const byline = Array.from(body.children).find((el) => el.textContent === 'by Your Name on September 04')!;
    expect(runs(byline).map((r) => [r.text, r.color, r.px])).toEqual([
      ['by ', '#666666', null],
      ['Your Name', '#ee0000', null],
      [' on September 04', '#666666', null],
    ]);
  });

  it('keeps the 2×2 table as a table, a paragraph in each cell', () => {
    const tables = body.querySelectorAll(':scope > table');
    expect(tables.length).toBe(1);
    const rows = Array.from(tables[0]!.querySelectorAll('tr')).map((tr) =>
      Array.from(tr.children).map((cell) => [cell.tagName, cell.innerHTML]),
    );
    expect(rows).toEqual([
      [
        ['TD', '<p>Simple</p>'],
        ['TD', '<p>Table</p>'],
      ],
      [
        ['TD', '<p>From</p>'],
        ['TD', '<p>GDocs</p>'],
      ],
    ]);
  });

  it('keeps the nested ordered list: 12 items, their depths and inline styles', () => {
    const items = listItems(body);
    expect(items.map((i) => i.depth)).toEqual([0, 1, 1, 2, 2, 1, 1, 2, 3, 4, 2, 0]);
    expect(items.every((i) => i.type === 'number')).toBe(true);
    expect(items.map((i) => i.text)).toEqual([
      'Some simple list',
      'With nested items',
      'Some simple list',
      'With nested items',
      'Some simple list',
      'With nested items',
      'Some simple list',
      'With nested items',
      'Some simple list',
      'With nested items',
      'Some simple list',
      'With nestem items',
    ]);
    const li = Array.from(body.querySelectorAll('li'));
    expect(runs(li[2]!).map((r) => [r.text, r.color])).toEqual([
      ['Some ', null],
      ['simple', '#ff0000'],
      [' list', null],
    ]);
    expect(runs(li[7]!).map((r) => [r.text, r.italic])).toEqual([
      ['With', true],
      [' nested items', false],
    ]);
    expect(runs(li[9]!).map((r) => [r.text, r.bold])).toEqual([
      ['With ', false],
      ['nested', true],
      [' items', false],
    ]);
  });

  it('is bold only where Google Docs says font-weight:700, and has no images', () => {
    expect(all.filter((r) => r.bold).map((r) => r.text)).toEqual(['CKSource', ' Newsletter', 'have', 'nested']);
    expect(body.textContent).not.toContain('[image]');
    expect(body.textContent).not.toMatch(/placeholder/i);
  });
});

describe('hostile HTML', () => {
  const hostile = [
    '<p onclick="window.__pwned = 1">Safe <script>window.__pwned = 2</script>',
    '<img src="x" onerror="window.__pwned = 3">',
    '<a href="javascript:window.__pwned = 4">click</a> ',
    '<a href=" JaVaScRiPt:alert(5)">two</a> ',
    '<a href="java&#x09;script:alert(6)">three</a> ',
    '<a href="data:text/html,&lt;script&gt;alert(7)&lt;/script&gt;">four</a> ',
    '<a href="vbscript:msgbox">five</a> ',
    '<a href="/relative">six</a> ',
    '<a href="https://ok.example/?a=1&amp;b=&quot;2&quot;" onmouseover="x()">ok</a> ',
    '<a href="mailto:ubnd@giarai.gov.vn">mail</a></p>',
    '<iframe src="https://evil.example/"></iframe><iframe srcdoc="<p>framed</p>"></iframe>',
    '<style>p { color: red }</style>',
    '<svg onload="window.__pwned = 8"><text>vector</text></svg>',
    '<object data="https://evil.example/x.swf">object</object><embed src="https://evil.example/e">',
    '<form action="https://evil.example/"><input value="field"><button>press</button></form>',
    '<div style="background:url(javascript:alert(9)); color: expression(alert(10))">styled</div>',
    '<math><mi>x</mi></math><template><p>template</p></template><noscript><p>noscript</p></noscript>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/"><base href="https://evil.example/">',
  ].join('');
  const { html } = cleanClipboardHtml(hostile, document);

  it('drops scripts, handlers, frames, styles, embedded objects and form controls', () => {
    const body = expectCanonical(html);
    expect(html).not.toMatch(
      /script|onerror|onclick|onmouseover|onload|iframe|framed|<style|color: red|svg|vector|object|embed|evil|field|press|expression|template|noscript|refresh|base/i,
    );
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    expect(body.textContent).toBe('Safe click two three four five six ok mailstyled');
  });

  it('is not confused by DOM clobbering or by tag and value names that are Object members', () => {
    const clobbering =
      '<form><input name="tagName"><input name="getAttribute"><input name="firstChild"><input name="nextSibling"><input name="nodeType"><p>inside</p></form><p>after</p>';
    expect(cleanClipboardHtml(clobbering, document).html).toBe('<p>inside</p><p>after</p>');
    const members =
      '<constructor>a</constructor><__proto__>b</__proto__><p style="font-size: constructor; color: toString; text-align: valueOf">c</p>';
    expect(cleanClipboardHtml(members, document).html).toBe('<p>ab</p><p>c</p>');
  });

  it('keeps http(s) and mailto links only; other links keep their text', () => {
    const body = parse(html);
    expect(Array.from(body.querySelectorAll('a')).map((a) => [a.getAttribute('href'), a.textContent])).toEqual([
      ['https://ok.example/?a=1&b="2"', 'ok'],
      ['mailto:ubnd@giarai.gov.vn', 'mail'],
    ]);
  });
});

describe('the canonical vocabulary, piece by piece', () => {
  const html = (input: string): string => cleanClipboardHtml(input, document).html;

  it('maps headings: h1 → h2, h4–h6 → h3', () => {
    expect(html('<h1>A</h1><h2>B</h2><h3>C</h3><h4>D</h4><h5>E</h5><h6>F</h6>')).toBe(
      '<h2>A</h2><h2>B</h2><h3>C</h3><h3>D</h3><h3>E</h3><h3>F</h3>',
    );
  });

  it('writes alignment only when it is not left', () => {
    expect(
      html(
        '<p style="text-align:left">a</p><p style="text-align: CENTER">b</p><p align="right">c</p><div style="text-align:justify"><p>d</p></div><p style="text-align:start">e</p>',
      ),
    ).toBe(
      '<p>a</p><p style="text-align: center">b</p><p style="text-align: right">c</p><p style="text-align: justify">d</p><p>e</p>',
    );
  });

  it('normalises colours to #rrggbb lower case and drops black and colours too light to read on white (lime)', () => {
    expect(
      html(
        '<p><span style="color:RED">a</span><span style="color:#0F0">b</span><span style="color: rgb(0, 0, 255)">c</span><span style="color:rgba(255,0,0,0)">d</span><span style="color:black">e</span><span style="color:#000">f</span><span style="color:windowtext">g</span><font color="#ABCDEF">h</font><span style="color: hsl(120, 100%, 25%)">i</span></p>',
      ),
    ).toBe(
      '<p><span style="color: #ff0000">a</span>b<span style="color: #0000ff">c</span>defg<span style="color: #abcdef">h</span><span style="color: #008000">i</span></p>',
    );
  });

  it('converts sizes pt → px (Math.round(pt * 4 / 3)), resolves em and % when the size is known, clamps to 8–72', () => {
    expect(
      html(
        '<p><span style="font-size:10.5pt">a</span><span style="font-size:13px">b</span><span style="font-size:200pt">c</span><span style="font-size:2pt">d</span><span style="font-size:1.5em">e</span><span style="font-size:150%">f</span></p>',
      ),
    ).toBe(
      '<p><span style="font-size: 14px">a</span><span style="font-size: 13px">b</span><span style="font-size: 72px">c</span><span style="font-size: 8px">d</span>ef</p>',
    );
    expect(
      html('<p style="font-size:12pt"><span style="font-size:1.5em">a</span><span style="font-size:50%">b</span></p>'),
    ).toBe('<p><span style="font-size: 24px">a</span><span style="font-size: 8px">b</span></p>');
  });

  it('drops the Word Normal size, Word body sizes and the Google Docs 11pt default, so body text stays body text', () => {
    const word =
      '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal, li.MsoNormal {font-size:13.0pt;}</style></head><body><p class=MsoNormal><span style="font-size:13.0pt">plain</span> <span style="font-size:14.0pt">body</span> <span style="font-size:12.0pt">too</span> <span style="font-size:16.0pt">big</span> <span style="font-size:10.0pt">small</span></p></body></html>';
    // Word's body sizes (11.5–14pt) are body text on the portal; a title's 16pt or a note's 10pt keep their size.
    expect(cleanClipboardHtml(word, document)).toEqual({
      html: '<p>plain body too <span style="font-size: 21px">big</span> <span style="font-size: 13px">small</span></p>',
      source: 'word',
    });
    const docs =
      '<b style="font-weight:normal;" id="docs-internal-guid-1"><p><span style="font-size:11pt;color:#000000;font-weight:400">plain</span><span style="font-size:11pt;font-weight:700"> bold</span></p></b>';
    expect(cleanClipboardHtml(docs, document)).toEqual({
      html: '<p>plain<strong> bold</strong></p>',
      source: 'google-docs',
    });
  });

  it('reads bold, italic, underline, strike, sub and sup from tags and from styles', () => {
    expect(
      html(
        '<p><b>b</b><strong>s</strong><span style="font-weight:600">6</span><span style="font-weight:400">4</span><span style="font-weight:bold">w</span></p>',
      ),
    ).toBe('<p><strong>bs6</strong>4<strong>w</strong></p>');
    expect(
      html(
        '<p><i>i</i><em>e</em><span style="font-style:italic">s</span><u>u</u><ins>n</ins><span style="text-decoration:underline">d</span><s>s</s><strike>t</strike><del>x</del><span style="text-decoration-line:line-through">l</span></p>',
      ),
    ).toBe('<p><em>ies</em><u>und</u><s>stxl</s></p>');
    expect(
      html(
        '<p>H<sub>2</sub>O, x<sup>2</sup>, a<span style="vertical-align:sub">b</span>c<span style="vertical-align:super">d</span></p>',
      ),
    ).toBe('<p>H<sub>2</sub>O, x<sup>2</sup>, a<sub>b</sub>c<sup>d</sup></p>');
    expect(html('<p><b><span style="font-weight:normal">not bold</span></b></p>')).toBe('<p>not bold</p>');
  });

  it('collapses whitespace as a browser shows it', () => {
    expect(html('<p>  a \n\t b  <b> c </b> d&nbsp;e&nbsp;&nbsp;&nbsp;f  </p>\n\n<p>\n</p>')).toBe(
      '<p>a b <strong>c </strong>d e&nbsp;&nbsp;&nbsp;f</p>',
    );
    expect(html('<p style="white-space:pre-wrap">a  b\nc</p>')).toBe('<p>a  b<br>c</p>');
  });

  it('keeps empty paragraphs that show, but no trailing one', () => {
    expect(html('<p>a</p><p>&nbsp;</p><p><br></p><p></p><p>b</p><p>&nbsp;</p><p><br></p>')).toBe(
      '<p>a</p><p></p><p></p><p>b</p>',
    );
  });

  it('drops the trailing <br> a browser does not draw, keeps the others', () => {
    expect(html('<p>a<br>b<br></p><p>c<br><br></p>')).toBe('<p>a<br>b</p><p>c<br></p>');
  });

  it('turns decomposed Unicode into NFC', () => {
    expect(html('<p>Tie\u0302\u0301ng Vie\u0323\u0302t</p>')).toBe('<p>Tiếng Việt</p>');
  });

  it('unwraps unknown and namespaced elements and keeps their text', () => {
    expect(
      html(
        '<p>a<o:p></o:p><st1:place>b</st1:place><custom-tag>c</custom-tag><v:shape><v:textbox>d</v:textbox></v:shape></p>',
      ),
    ).toBe('<p>abcd</p>');
  });

  it('drops hidden text', () => {
    expect(
      html('<p>a<span style="display:none">b</span><span style="mso-hide:all">c</span><span hidden>d</span>e</p>'),
    ).toBe('<p>ae</p>');
  });

  it('keeps blockquotes, with inner paragraphs as line breaks', () => {
    expect(html('<blockquote><p>one</p><p>two</p></blockquote><p>after</p>')).toBe(
      '<blockquote>one<br>two</blockquote><p>after</p>',
    );
  });

  it('keeps tables: header cells, spans, the caption, each cell cleaned as a paste of its own', () => {
    expect(
      html(
        '<table><caption> Số  hộ </caption><thead><tr><th colspan="2">H</th></tr></thead>' +
          '<tbody><tr><td rowspan="2" style="color:red">1</td><td><p>2</p><p>3</p></td></tr><tr><td></td></tr></tbody></table>',
      ),
    ).toBe(
      '<table><caption>Số hộ</caption><tr><th colspan="2"><p>H</p></th></tr>' +
        '<tr><td rowspan="2"><p><span style="color: #ff0000">1</span></p></td><td><p>2</p><p>3</p></td></tr><tr><td></td></tr></table>',
    );
  });

  it("turns a table nested in a cell into its cells' paragraphs, and a table in a list item goes after the list", () => {
    expect(html('<table><tr><td>a<table><tr><td>b</td><td>c</td></tr></table></td></tr></table>')).toBe(
      '<table><tr><td><p>a</p><p>b</p><p>c</p></td></tr></table>',
    );
    expect(html('<ul><li>x<table><tr><td>y</td></tr></table></li><li>z</li></ul>')).toBe(
      '<ul><li>x</li><li>z</li></ul><table><tr><td><p>y</p></td></tr></table>',
    );
  });

  it("keeps numbering styles: on the list, on Google Docs' items, from <ol type>", () => {
    expect(html('<ol style="list-style-type: lower-alpha"><li>a</li></ol>')).toBe(
      '<ol style="list-style-type: lower-alpha"><li>a</li></ol>',
    );
    expect(html('<ol><li style="list-style-type:lower-roman">i</li></ol>')).toBe(
      '<ol style="list-style-type: lower-roman"><li>i</li></ol>',
    );
    expect(html('<ol type="A"><li>A</li></ol><ol type="1"><li>1</li></ol>')).toBe(
      '<ol style="list-style-type: upper-alpha"><li>A</li></ol><ol><li>1</li></ol>',
    );
  });

  it('puts a list nested in an li after the item text, and moves a sibling sub-list into the item before', () => {
    expect(html('<ul><li>a<ol><li>b</li></ol></li></ul>')).toBe('<ul><li>a<ol><li>b</li></ol></li></ul>');
    expect(html('<ol><li>a</li><ul><li>b</li></ul><li>c</li></ol>')).toBe(
      '<ol><li>a<ul><li>b</li></ul></li><li>c</li></ol>',
    );
  });

  it('says where the HTML came from', () => {
    expect(cleanClipboardHtml('<p>web</p>', document).source).toBe('other');
    expect(
      cleanClipboardHtml(
        '<meta name="generator" content="LibreOffice"><p><font color="#c9211e" size="5">Libre</font></p>',
        document,
      ),
    ).toEqual({
      html: '<p><span style="color: #c9211e; font-size: 24px">Libre</span></p>',
      source: 'other',
    });
  });

  it('keeps a numbered Word heading’s number as text', () => {
    const word =
      '<html><head><style>@list l0:level1 {mso-level-tab-stop:none;}</style></head><body><h1 style="mso-list:l0 level1 lfo1"><![if !supportLists]><span style="mso-list:Ignore">1.<span style="font:7.0pt Times">&nbsp;&nbsp;</span></span><![endif]>Giới thiệu</h1><p class=MsoNormal>text</p></body></html>';
    expect(cleanClipboardHtml(word, document).html).toBe('<h2>1. Giới thiệu</h2><p>text</p>');
  });

  it('starts a new Word list for another lfo, and reads the list type from the marker without a style sheet', () => {
    const item = (lfo: number, marker: string, text: string): string =>
      `<p class=MsoListParagraph style='mso-list:l${lfo} level1 lfo${lfo}'><![if !supportLists]><span style='mso-list:Ignore'>${marker}<span>&nbsp;&nbsp;</span></span><![endif]>${text}</p>`;
    expect(html(item(1, '1.', 'one') + item(1, '2.', 'two') + item(2, '▪', 'dot') + item(2, 'o', 'circle'))).toBe(
      '<ol><li>one</li><li>two</li></ol><ul><li>dot</li><li>circle</li></ul>',
    );
  });
});
