import type { Page } from '@playwright/test';
import { openApp } from './fixtures';
import type { Host } from './host';

/** A new article in an empty library, with its title, the caret in the body. */
export async function openEmptyArticle(page: Page, host: Host, title: string): Promise<void> {
  await openApp(page, host);
  await page.getByRole('button', { name: 'Bắt đầu với thư viện trống' }).click();
  await page.keyboard.press('Control+n');
  await page.getByRole('textbox', { name: 'Tiêu đề', exact: true }).fill(title);
  await bodyEditor(page).click();
}

/** The article body's contenteditable. */
export const bodyEditor = (page: Page) => page.getByRole('textbox', { name: 'Nội dung bài viết' });

/** Telex typed through an input method: Chromium's composition events, as IBus or the Windows IME fire them. */
export async function composeTelex(page: Page, steps: string[], commit: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  for (const step of steps)
    await cdp.send('Input.imeSetComposition', { text: step, selectionStart: step.length, selectionEnd: step.length });
  await cdp.send('Input.insertText', { text: commit });
  await cdp.detach();
}

/** Pastes clipboard HTML (and its plain text) into the focused editor, as a real paste event carries it. */
export async function pasteHtml(page: Page, html: string, text = ''): Promise<void> {
  await page.evaluate(
    ([markup, plain]) => {
      const data = new DataTransfer();
      data.setData('text/html', markup ?? '');
      data.setData('text/plain', plain ?? '');
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    [html, text],
  );
}
