import type { EditorThemeClasses } from 'lexical';

export const EDITOR_THEME: EditorThemeClasses = {
  paragraph: 'ed-p',
  quote: 'ed-quote',
  heading: { h2: 'ed-h2', h3: 'ed-h3' },
  list: { ul: 'ed-ul', ol: 'ed-ol', listitem: 'ed-li', nested: { listitem: 'ed-li-nested' } },
  link: 'ed-link',
  table: 'ed-table',
  tableCell: 'ed-td',
  tableCellHeader: 'ed-th',
  tableScrollableWrapper: 'ed-table-scroll',
  tableSelection: 'ed-table-selection',
  tableCellSelected: 'ed-td-selected',
  text: {
    bold: 'ed-bold',
    italic: 'ed-italic',
    underline: 'ed-underline',
    strikethrough: 'ed-strike',
    underlineStrikethrough: 'ed-underline-strike',
    subscript: 'ed-sub',
    superscript: 'ed-sup',
    code: 'ed-code',
  },
};
