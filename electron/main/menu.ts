import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';
import type { Language } from '../../shared/contract/app';
import type { Misspelling } from './spelling';

/** The words of the menus, in the app's two languages (the UI's own setting, read from the core). */
const WORDS = {
  vi: {
    file: 'Tệp',
    closeWindow: 'Đóng cửa sổ',
    quit: 'Thoát',
    edit: 'Sửa',
    undo: 'Hoàn tác',
    redo: 'Làm lại',
    cut: 'Cắt',
    copy: 'Sao chép',
    paste: 'Dán',
    selectAll: 'Chọn tất cả',
    view: 'Xem',
    resetZoom: 'Cỡ thật',
    zoomIn: 'Phóng to',
    zoomOut: 'Thu nhỏ',
    fullScreen: 'Toàn màn hình',
    noSuggestions: 'Không có gợi ý chính tả',
    addToDictionary: 'Thêm vào từ điển',
  },
  en: {
    file: 'File',
    closeWindow: 'Close Window',
    quit: 'Quit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullScreen: 'Full Screen',
    noSuggestions: 'No spelling suggestions',
    addToDictionary: 'Add to Dictionary',
  },
} as const satisfies Record<Language, Record<string, string>>;

/** The application menu: standard roles (their shortcuts work everywhere), labelled in the user's language. */
export function applicationMenuTemplate(
  language: Language,
  platform: NodeJS.Platform = process.platform,
): MenuItemConstructorOptions[] {
  const w = WORDS[language];
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: w.file,
      submenu: [
        { role: 'close', label: w.closeWindow },
        { role: 'quit', label: w.quit },
      ],
    },
    {
      label: w.edit,
      submenu: [
        { role: 'undo', label: w.undo },
        { role: 'redo', label: w.redo },
        { type: 'separator' },
        { role: 'cut', label: w.cut },
        { role: 'copy', label: w.copy },
        { role: 'paste', label: w.paste },
        { role: 'selectAll', label: w.selectAll },
      ],
    },
    {
      label: w.view,
      submenu: [
        { role: 'resetZoom', label: w.resetZoom },
        { role: 'zoomIn', label: w.zoomIn },
        { role: 'zoomOut', label: w.zoomOut },
        { type: 'separator' },
        { role: 'togglefullscreen', label: w.fullScreen },
      ],
    },
  ];
}

/**
 * The app's own spell checker on the word right-clicked (Chromium's, which would download its dictionary, is off:
 * see context-menu.ts): the word it doubts, its suggestions, and what choosing one or adding the word does.
 */
export interface SpellingMenu extends Misspelling {
  /** Puts a suggestion in place of the word. */
  replace(suggestion: string): void;
  /** Adds the word to the organisation's list (Thêm vào từ điển). */
  addWord(): void;
}

/**
 * The right-click menu: cut, copy, paste and select all where they apply (Chromium's edit flags say which), with
 * the spell checker's suggestions and "Thêm vào từ điển" first when it doubts the word in an editable field.
 */
export function contextMenuTemplate(
  params: Pick<ContextMenuParams, 'isEditable' | 'selectionText' | 'editFlags'>,
  language: Language,
  spelling: SpellingMenu | null,
): MenuItemConstructorOptions[] {
  const w = WORDS[language];
  const items: MenuItemConstructorOptions[] = [];
  if (spelling && params.isEditable) {
    if (spelling.suggestions.length === 0) items.push({ label: w.noSuggestions, enabled: false });
    for (const suggestion of spelling.suggestions.slice(0, 5))
      items.push({ label: suggestion, click: () => spelling.replace(suggestion) });
    items.push(
      { type: 'separator' },
      { label: w.addToDictionary, click: () => spelling.addWord() },
      { type: 'separator' },
    );
  }
  const flags = params.editFlags;
  if (params.isEditable) items.push({ role: 'cut', label: w.cut, enabled: flags.canCut });
  if (params.isEditable || params.selectionText.length > 0)
    items.push({ role: 'copy', label: w.copy, enabled: flags.canCopy });
  if (params.isEditable) items.push({ role: 'paste', label: w.paste, enabled: flags.canPaste });
  items.push({ type: 'separator' }, { role: 'selectAll', label: w.selectAll, enabled: flags.canSelectAll });
  return items;
}
