/**
 * The Hugo baseline of the static-site figure: the same articles as Hugo content (Markdown with JSON front matter),
 * and a template that makes what the static-site target makes — article pages in the portal's own page (taken from
 * a page the target rendered, so both write the same bytes around the text) with the 10 earlier articles of their
 * section, section pages (latest 20 and the months), per-section month archives paginated by 20, the home page
 * (5 per section), RSS for the site and each section, a sitemap, and the images.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Article } from '../../shared/contract/articles';
import { parseBody, TEXT_FORMAT, type BlockNodeJson, type InlineNodeJson } from '../../shared/render/body-nodes';
import { vietnamIso } from '../../shared/text/dateline';
import { imageRel } from '../../electron/core/publish/site-render';
import { PORTAL_PAGE_CSS } from '../../shared/render/portal-page';
import type { SiteItem } from '../../electron/core/publish/site-model';

export const HUGO = '/usr/bin/hugo';

export function hugoVersion(): string | null {
  const run = spawnSync(HUGO, ['version'], { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : null;
}

// ---------------------------------------------------------------------------------------------- content

const escapeMd = (text: string) =>
  text
    .replace(/([\\`*_[\]<>])/g, '\\$1')
    .replace(/^(\s*)(\d+)\./, '$1$2\\.')
    .replace(/^(\s*)([#+-])/, '$1\\$2');

function inline(nodes: readonly InlineNodeJson[] | undefined): string {
  return (nodes ?? [])
    .map((node) => {
      if (node.type === 'text') {
        const t = node as { text: string; format: number };
        const text = escapeMd(t.text);
        return t.format & TEXT_FORMAT.bold
          ? `**${text.trim()}** `
          : t.format & TEXT_FORMAT.italic
            ? `*${text.trim()}* `
            : text;
      }
      if (node.type === 'linebreak') return '  \n';
      if (node.type === 'link' || node.type === 'autolink') {
        const link = node as { url: string; children: InlineNodeJson[] };
        return `[${inline(link.children)}](${link.url})`;
      }
      return inline((node as { children?: InlineNodeJson[] }).children);
    })
    .join('');
}

function blockMarkdown(block: BlockNodeJson): string {
  switch (block.type) {
    case 'heading':
      return `${(block as { tag: string }).tag === 'h3' ? '###' : '##'} ${inline((block as { children: InlineNodeJson[] }).children)}`;
    case 'quote':
      return `> ${inline((block as { children: InlineNodeJson[] }).children)}`;
    case 'list': {
      const list = block as { listType: string; children: { children: InlineNodeJson[] }[] };
      return list.children
        .map((item, i) => `${list.listType === 'number' ? `${i + 1}.` : '-'} ${inline(item.children)}`)
        .join('\n');
    }
    case 'image': {
      const image = block as { src: string; alt: string; caption: string };
      const rel = imageRel(image.src);
      return rel
        ? `![${escapeMd(image.alt)}](/${rel} "${image.caption.replace(/"/g, "'")}")\n\n*${escapeMd(image.caption)}*`
        : '';
    }
    default:
      return inline((block as { children?: InlineNodeJson[] }).children);
  }
}

/** The article's body as Markdown (Hugo's own input), from the same editor document the target renders. */
export function bodyMarkdown(article: Pick<Article, 'bodyJson'>): string {
  const body = parseBody(article.bodyJson);
  return (body?.root.children ?? []).map(blockMarkdown).filter(Boolean).join('\n\n');
}

// ---------------------------------------------------------------------------------------------- templates

const WEEKDAYS =
  '(dict "Sunday" "Chủ nhật" "Monday" "Thứ hai" "Tuesday" "Thứ ba" "Wednesday" "Thứ tư" "Thursday" "Thứ năm" "Friday" "Thứ sáu" "Saturday" "Thứ bảy")';

function templates(chrome: { head: string; tail: string }): Record<string, string> {
  const escapeGo = (html: string) => html.replace(/\{\{/g, '{{ "{{" }}');
  const list = (title: string, main: string) => `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="{{ "assets/site.css" | relURL }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" title="RSS" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
<header class="portal-header"><div class="wrap"><a class="portal-name" href="{{ "index.html" | relURL }}">{{ site.Title }}</a></div></header>
<main class="wrap content">
${main}
</main>
<footer class="portal-footer"><div class="wrap"><p>© {{ upper site.Title }}</p></div></footer>
</body>
</html>
`;
  return {
    'layouts/partials/date.html': `{{ index ${WEEKDAYS} (.Format "Monday") }}, {{ .Format "02/01/2006, 15:04" }}`,
    'layouts/partials/item.html':
      '<li><h3 class="item-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3><p class="dateline">{{ partial "date.html" .Date }}</p>{{ with .Params.lead }}<p class="item-lead">{{ . }}</p>{{ end }}</li>',
    'layouts/_default/single.html': `${escapeGo(chrome.head).replace(/<title>[\s\S]*?<\/title>/, '<title>{{ .Title }} - {{ site.Title }}</title>')}
<article class="article">
{{ with .Params.category }}<p class="category">{{ . }}</p>{{ end }}
<div class="meta"><time class="dateline" datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ partial "date.html" .Date }}</time></div>
<h1 class="title">{{ .Title }}</h1>
{{ with .Params.lead }}<p class="lead">{{ . }}</p>{{ end }}
{{ with .Params.featured }}<figure class="featured"><img src="{{ . | relURL }}" alt="">{{ with $.Params.featuredCaption }}<figcaption>{{ . }}</figcaption>{{ end }}</figure>{{ end }}
<div class="article-body" id="article-body">{{ .Content }}</div>
{{ with .Params.byline }}<p class="byline" style="text-align: right">{{ . }}</p>{{ end }}
<p class="views">Số lượt xem: {{ .Params.views }}</p>
</article>
{{ if ne .Section "tin-tuc" }}{{ $p := . }}<section class="related"><h2>Tin đã đưa</h2><ul>{{ range seq 10 }}{{ with $p }}{{ with .NextInSection }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span class="dateline">({{ .Date.Format "02/01/2006" }})</span></li>{{ end }}{{ $p = .NextInSection }}{{ end }}{{ end }}</ul></section>{{ end }}
${escapeGo(chrome.tail)}`,
    'layouts/_default/list.html': list(
      '{{ .Title }} - {{ site.Title }}',
      `<h1 class="section-title">{{ .Title }}</h1>
<ul class="items">{{ range first 20 .Pages }}{{ partial "item.html" . }}{{ end }}</ul>
<section class="section"><h2 class="section-title">Tin đã đưa</h2><ul class="months">{{ $s := .Section }}{{ range .Pages.GroupByDate "2006-01" }}<li><a href="{{ printf "thang/%s-%s.html" $s .Key | relURL }}">Tháng {{ .Key }}</a></li>{{ end }}</ul></section>`,
    ),
    'layouts/_default/term.html': list(
      '{{ .Title }} - {{ site.Title }}',
      `{{ $pager := .Paginate .Pages }}<h1 class="section-title">{{ .Title }}{{ if gt $pager.TotalPages 1 }} (trang {{ $pager.PageNumber }}/{{ $pager.TotalPages }}){{ end }}</h1>
<ul class="items">{{ range $pager.Pages }}{{ partial "item.html" . }}{{ end }}</ul>
{{ if gt $pager.TotalPages 1 }}<nav class="pager" aria-label="Phân trang">{{ with $pager.Prev }}<a rel="prev" href="{{ .URL }}">« Trang trước</a>{{ else }}<span></span>{{ end }}{{ with $pager.Next }}<a rel="next" href="{{ .URL }}">Trang sau »</a>{{ else }}<span></span>{{ end }}</nav>{{ end }}`,
    ),
    'layouts/index.html': list(
      '{{ site.Title }}',
      `<h1 class="sr-only">{{ site.Title }}</h1>
{{ range .Sections }}<section class="section"><h2 class="section-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><ul class="items">{{ range first 5 .Pages }}{{ partial "item.html" . }}{{ end }}</ul>{{ if gt (len .Pages) 5 }}<p class="more"><a href="{{ .RelPermalink }}">Xem tất cả »</a></p>{{ end }}</section>
{{ end }}`,
    ),
    'layouts/_default/rss.xml': `{{ printf "<?xml version=\\"1.0\\" encoding=\\"UTF-8\\"?>" | safeHTML }}
<rss version="2.0">
<channel>
<title>{{ .Title }}</title>
<link>{{ .Permalink }}</link>
<description>Tin mới của {{ .Title }}</description>
<language>vi</language>
{{ range first 50 .Pages }}<item><title>{{ .Title }}</title><link>{{ .Permalink }}</link><guid isPermaLink="true">{{ .Permalink }}</guid><pubDate>{{ .Date.UTC.Format "Mon, 02 Jan 2006 15:04:05 GMT" }}</pubDate>{{ with .Params.lead }}<description>{{ . }}</description>{{ end }}</item>
{{ end }}</channel>
</rss>
`,
    'layouts/index.rss.xml': `{{ printf "<?xml version=\\"1.0\\" encoding=\\"UTF-8\\"?>" | safeHTML }}
<rss version="2.0">
<channel>
<title>{{ site.Title }}</title>
<link>{{ .Permalink }}</link>
<description>Tin mới của {{ site.Title }}</description>
<language>vi</language>
{{ range first 50 .Site.RegularPages }}<item><title>{{ .Title }}</title><link>{{ .Permalink }}</link><guid isPermaLink="true">{{ .Permalink }}</guid><pubDate>{{ .Date.UTC.Format "Mon, 02 Jan 2006 15:04:05 GMT" }}</pubDate>{{ with .Params.lead }}<description>{{ . }}</description>{{ end }}</item>
{{ end }}</channel>
</rss>
`,
  };
}

// ---------------------------------------------------------------------------------------------- the site

export interface HugoEntry {
  item: SiteItem;
  article: Article;
}

export interface HugoSiteInput {
  dir: string;
  portalName: string;
  baseUrl: string;
  /** The target's article page around its <main> (head: up to and with <main …>; tail: from </main>). */
  chrome: { head: string; tail: string };
  entries: readonly HugoEntry[];
  /** Section folder → its heading. */
  sections: ReadonlyMap<string, string>;
  /** Media files to publish: site path ('images/…') → file in the data folder. */
  images: ReadonlyMap<string, string>;
}

/** Writes the Hugo project (config, templates, content, static files) for the entries. */
export function writeHugoSite(input: HugoSiteInput): void {
  const { dir } = input;
  fs.rmSync(dir, { recursive: true, force: true });
  const write = (rel: string, text: string | Buffer) => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  write(
    'hugo.toml',
    [
      `baseURL = ${JSON.stringify(input.baseUrl)}`,
      'languageCode = "vi"',
      `title = ${JSON.stringify(input.portalName)}`,
      'timeZone = "Asia/Ho_Chi_Minh"',
      'uglyURLs = true',
      'paginate = 20',
      'rssLimit = 50',
      'disableKinds = ["taxonomy"]',
      'ignoreErrors = ["error-disable-taxonomy"]',
      'enableRobotsTXT = false',
      '[taxonomies]',
      '  thang = "thang"',
      '[outputs]',
      '  home = ["HTML", "RSS"]',
      '  section = ["HTML", "RSS"]',
      '  term = ["HTML"]',
      '[markup.goldmark.renderer]',
      '  unsafe = false',
      '',
    ].join('\n'),
  );
  for (const [rel, text] of Object.entries(templates(input.chrome))) write(rel, text);
  write('static/assets/site.css', `${PORTAL_PAGE_CSS}\n`);
  for (const [rel, source] of input.images) write(`static/${rel}`, fs.readFileSync(source));
  for (const [folder, section] of input.sections)
    write(`content/${folder}/_index.md`, `${JSON.stringify({ title: section })}\n`);
  for (const { item, article } of input.entries) {
    const featured = article.featuredImage ? imageRel(article.featuredImage) : null;
    const front = {
      title: item.title,
      date: vietnamIso(item.publishedAt ?? item.sortKey),
      slug: item.file,
      lead: item.lead,
      category: article.categoryName,
      byline: [article.author, article.department].filter(Boolean).join(' - '),
      views: article.viewCount,
      featured: featured && input.images.has(featured) ? `/${featured}` : null,
      featuredCaption: article.featuredCaption || null,
      thang: [`${item.folder}-${item.month}`],
    };
    write(`content/${item.folder}/${item.file}.md`, `${JSON.stringify(front, null, 1)}\n\n${bodyMarkdown(article)}\n`);
  }
}

/** Runs one full Hugo build into `out`; answers its wall time in ms and the files in `out`. */
export function buildWithHugo(src: string, out: string): { ms: number; files: number } {
  const t0 = performance.now();
  const run = spawnSync(HUGO, ['--source', src, '--destination', out, '--quiet', '--noBuildLock'], {
    encoding: 'utf8',
  });
  const ms = performance.now() - t0;
  if (run.status !== 0) throw new Error(`hugo failed (${run.status}):\n${run.stderr || run.stdout}`);
  return { ms, files: countFiles(out) };
}

export function countFiles(dir: string): number {
  let n = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) n++;
  return n;
}
