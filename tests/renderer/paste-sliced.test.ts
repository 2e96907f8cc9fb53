// @vitest-environment happy-dom
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanClipboardHtml, cleanClipboardHtmlInSlices } from '../../renderer/src/editor/paste/clean-office-html';

const FIXTURES = path.resolve('tests/fixtures/paste');

/** Word HTML with paragraphs, a list that runs across many paragraphs, and a table with a merged cell. */
function wordReport(paragraphs: number): string {
  let html =
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style><!-- @list l0:level1 {mso-level-number-format:bullet;} --></style></head><body><!--StartFragment-->';
  for (let n = 0; n < paragraphs; n++) {
    html += `<p class=MsoNormal><span style='font-size:13.0pt'>Đoạn ${n} <b>đậm</b> <span style='color:#C00000'>đỏ</span><o:p></o:p></span></p>`;
    if (n % 7 === 3)
      html += `<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>·</span><![endif]>Mục ${n}</p>`;
    if (n % 50 === 25)
      html += `<table class=MsoTableGrid><tr><td colspan=2><p class=MsoNormal>Gộp ${n}</p></td></tr><tr><td><p>a</p></td><td><p>b</p></td></tr></table>`;
  }
  return `${html}<!--EndFragment--></body></html>`;
}

/**
 * A long paste is cleaned a slice at a time so that the window keeps answering (the plugin's path above 200,000
 * characters); stopping and going on between any two nodes must change nothing in what comes out.
 */
describe('cleaning a paste in slices', () => {
  const cases: [string, string][] = [
    ...fs
      .readdirSync(FIXTURES)
      .filter((name) => name.endsWith('.html'))
      .map((name): [string, string] => [name, fs.readFileSync(path.join(FIXTURES, name), 'utf8')]),
    ['a generated Word report with lists and tables', wordReport(2_000)],
  ];

  it.each(cases)('gives what one pass gives: %s', async (_name, html) => {
    const once = cleanClipboardHtml(html, document);
    // Slices of no time at all: the walk stops at every chance it has.
    const sliced = await cleanClipboardHtmlInSlices(html, 0, document);
    expect(sliced).toEqual(once);
    expect(once.html.length).toBeGreaterThan(0);
  });
});
