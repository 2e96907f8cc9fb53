// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { cleanClipboardHtml } from '../../renderer/src/editor/paste/clean-office-html';

/**
 * A ~5 MB Word clipboard document: Word's head with its style sheet and list definitions, then paragraphs the way
 * Word writes them (class, mso-* styles, lang spans, per-run colour and size, <o:p>, bookmarks, smart tags),
 * with a bulleted list item after every tenth paragraph. The cleaner must keep every paragraph and every item,
 * in order. Correctness only: how long it takes is a figure of `npm run bench`, never asserted here.
 */
function wordDocument(targetBytes: number): { html: string; paragraphs: number; items: number } {
  const head = `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:st1="urn:schemas-microsoft-com:office:smarttags" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=ProgId content=Word.Document><meta name=Generator content="Microsoft Word 15">
<style>
<!--
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{mso-style-unhide:no;mso-style-qformat:yes;mso-style-parent:"";margin:0cm;margin-bottom:.0001pt;mso-pagination:widow-orphan;font-size:13.0pt;font-family:"Times New Roman",serif;mso-fareast-font-family:"Times New Roman";}
@list l0
	{mso-list-id:478764185;mso-list-type:hybrid;}
@list l0:level1
	{mso-level-number-format:bullet;mso-level-text:\\F0B7;mso-level-tab-stop:none;mso-level-number-position:left;text-indent:-18.0pt;font-family:Symbol;}
-->
</style>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View><w:Zoom>0</w:Zoom></w:WordDocument></xml><![endif]-->
</head>
<body lang=VI style='tab-interval:36.0pt'>
<!--StartFragment-->
`;
  const parts: string[] = [head];
  let bytes = head.length;
  let paragraphs = 0;
  let items = 0;
  while (bytes < targetBytes) {
    const n = paragraphs;
    const paragraph =
      `<p class=MsoNormal style='margin-top:6.0pt;text-align:justify;text-indent:36.0pt;line-height:150%;mso-pagination:widow-orphan'>` +
      `<a name="_Hlk${n}"><span lang=VI style='font-size:13.0pt;line-height:150%;font-family:"Times New Roman",serif;mso-fareast-font-family:"Times New Roman";mso-ansi-language:VI'>Đoạn ${n}: Ủy ban nhân dân thị xã Giá Rai</span></a>` +
      `<span lang=VI style='font-size:13.0pt;line-height:150%;font-family:"Times New Roman",serif;mso-ansi-language:VI'> tổ chức hội nghị tổng kết công tác năm, <b style='mso-bidi-font-weight:normal'>triển khai nhiệm vụ</b> trọng tâm<span style='mso-spacerun:yes'>  </span>tại <st1:place w:st="on">Bạc Liêu</st1:place>` +
      `<span style='color:#C00000'> (mục ${n})</span>, với sự tham dự của lãnh đạo các phòng, ban, ngành và <i>Ủy ban nhân dân các phường, xã</i>.<o:p></o:p></span></p>\n\n`;
    parts.push(paragraph);
    bytes += paragraph.length;
    paragraphs++;
    if (n % 10 === 9) {
      const item =
        `<p class=MsoListParagraphCxSpFirst style='margin-left:36.0pt;mso-add-space:auto;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol;mso-fareast-font-family:Symbol;mso-bidi-font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>` +
        `<span lang=VI style='font-size:13.0pt;font-family:"Times New Roman",serif'>Mục ${items} của danh sách<o:p></o:p></span></p>\n\n`;
      parts.push(item);
      bytes += item.length;
      items++;
    }
  }
  parts.push('<!--EndFragment-->\n</body>\n</html>');
  return { html: parts.join(''), paragraphs, items };
}

describe('a 5 MB Word paste', () => {
  // happy-dom parses 5 MB in seconds on a quiet machine and many times that on a loaded one: the limit is a
  // backstop against a hang, not a goal.
  it('is cleaned in one pass and keeps every paragraph and list item', { timeout: 300_000 }, () => {
    const { html, paragraphs, items } = wordDocument(5 * 1024 * 1024);
    expect(html.length).toBeGreaterThan(5 * 1024 * 1024);

    const result = cleanClipboardHtml(html, document);

    expect(result.source).toBe('word');
    const body = new DOMParser().parseFromString(`<body>${result.html}</body>`, 'text/html').body;
    const ps = body.querySelectorAll('body > p');
    expect(ps.length).toBe(paragraphs);
    expect(body.querySelectorAll('li').length).toBe(items);
    // Every paragraph, in order, with its text whole (bookmark unwrapped, smart tag kept, spacerun collapsed).
    for (let n = 0; n < paragraphs; n += 997) {
      expect(ps[n]!.textContent).toBe(
        `Đoạn ${n}: Ủy ban nhân dân thị xã Giá Rai tổ chức hội nghị tổng kết công tác năm, triển khai nhiệm vụ trọng tâm tại Bạc Liêu (mục ${n}), với sự tham dự của lãnh đạo các phòng, ban, ngành và Ủy ban nhân dân các phường, xã.`,
      );
    }
    expect(ps[paragraphs - 1]!.textContent).toContain(`(mục ${paragraphs - 1})`);
    expect(body.querySelectorAll('li')[items - 1]!.textContent).toBe(`Mục ${items - 1} của danh sách`);
    // 13pt is Word's Normal size here: no size written; the justify alignment, bold, italic and colour kept.
    expect(result.html).not.toMatch(/font-size|mso-|class=|<a |·/);
    expect(ps[0]!.getAttribute('style')).toBe('text-align: justify');
    expect(ps[0]!.innerHTML).toContain('<strong>triển khai nhiệm vụ</strong>');
    expect(ps[0]!.innerHTML).toContain('<span style="color: #c00000"> (mục 0)</span>');
  });
});
