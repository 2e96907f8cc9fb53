import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { TablePlugin } from '@lexical/react/LexicalTablePlugin';
import {
  $deleteTableColumnAtSelection,
  $deleteTableRowAtSelection,
  $findTableNode,
  $insertTableColumnAtSelection,
  $insertTableRowAtSelection,
  $isTableCellNode,
  $isTableRowNode,
  $isTableSelection,
  INSERT_TABLE_COMMAND,
  TableCellHeaderStates,
  type TableNode,
} from '@lexical/table';
import {
  $getNodeByKey,
  $getSelection,
  $getState,
  $isRangeSelection,
  $setState,
  COMMAND_PRIORITY_NORMAL,
  KEY_DOWN_COMMAND,
  mergeRegister,
  type LexicalEditor,
} from 'lexical';
import { useEffect, useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { captionState, registerNodeStateViews } from '../nodes/node-state';

/** The largest table the insert dialog makes (a paste may bring bigger ones). */
export const MAX_TABLE_ROWS = 500;
export const MAX_TABLE_COLUMNS = 50;

interface TableAt {
  key: string;
  caption: string;
  headerRow: boolean;
}

/** The table the selection is in, if any. */
function $tableAtSelection(): TableNode | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection) && !$isTableSelection(selection)) return null;
  return $findTableNode(selection.anchor.getNode());
}

function $firstRowIsHeader(table: TableNode): boolean {
  const row = table.getFirstChild();
  if (!$isTableRowNode(row)) return false;
  const cells = row.getChildren().filter($isTableCellNode);
  return cells.length > 0 && cells.every((cell) => (cell.getHeaderStyles() & TableCellHeaderStates.ROW) !== 0);
}

function $toggleHeaderRow(table: TableNode): void {
  const row = table.getFirstChild();
  if (!$isTableRowNode(row)) return;
  const header = !$firstRowIsHeader(table);
  for (const cell of row.getChildren().filter($isTableCellNode))
    cell.setHeaderStyles(
      header ? TableCellHeaderStates.ROW : TableCellHeaderStates.NO_STATUS,
      TableCellHeaderStates.ROW,
    );
}

type TableAction = 'rowAbove' | 'rowBelow' | 'columnLeft' | 'columnRight' | 'deleteRow' | 'deleteColumn';

function runTableAction(editor: LexicalEditor, action: TableAction): void {
  editor.update(() => {
    if (!$tableAtSelection()) return;
    if (action === 'rowAbove') $insertTableRowAtSelection(false);
    else if (action === 'rowBelow') $insertTableRowAtSelection(true);
    else if (action === 'columnLeft') $insertTableColumnAtSelection(false);
    else if (action === 'columnRight') $insertTableColumnAtSelection(true);
    else if (action === 'deleteRow') $deleteTableRowAtSelection();
    else $deleteTableColumnAtSelection();
  });
}

/** Ctrl+Alt+arrows add a row or column on that side; Ctrl+Alt+Backspace deletes the row, with Shift the column. */
function tableShortcut(event: KeyboardEvent): TableAction | null {
  if (!(event.ctrlKey || event.metaKey) || !event.altKey || event.isComposing) return null;
  switch (event.key) {
    case 'ArrowUp':
      return 'rowAbove';
    case 'ArrowDown':
      return 'rowBelow';
    case 'ArrowLeft':
      return 'columnLeft';
    case 'ArrowRight':
      return 'columnRight';
    case 'Backspace':
      return event.shiftKey ? 'deleteColumn' : 'deleteRow';
    default:
      return null;
  }
}

const ACTIONS: { action: TableAction; label: MessageKey; keys: string }[] = [
  { action: 'rowAbove', label: 'table.rowAbove', keys: 'Ctrl+Alt+ArrowUp' },
  { action: 'rowBelow', label: 'table.rowBelow', keys: 'Ctrl+Alt+ArrowDown' },
  { action: 'columnLeft', label: 'table.columnLeft', keys: 'Ctrl+Alt+ArrowLeft' },
  { action: 'columnRight', label: 'table.columnRight', keys: 'Ctrl+Alt+ArrowRight' },
  { action: 'deleteRow', label: 'table.deleteRow', keys: 'Ctrl+Alt+Backspace' },
  { action: 'deleteColumn', label: 'table.deleteColumn', keys: 'Ctrl+Alt+Shift+Backspace' },
];

/**
 * Tables (@lexical/table): inserted with a chosen size and header row, edited by toolbar or keyboard (Tab moves
 * between cells, Ctrl+Alt+arrows add rows and columns), merged cells kept from a paste, captions in node state.
 * Cell backgrounds are not kept: the portal's own table style applies, and text stays readable on it.
 */
export function TablesPlugin({ editable }: { editable: boolean }) {
  const [editor] = useLexicalComposerContext();
  const { t } = useI18n();
  const [at, setAt] = useState<TableAt | null>(null);
  const [inserting, setInserting] = useState(false);
  const [rows, setRows] = useState('3');
  const [columns, setColumns] = useState('3');
  const [headerRow, setHeaderRow] = useState(true);
  const shown = useRef<TableAt | null>(null);

  useEffect(
    () =>
      mergeRegister(
        registerNodeStateViews(editor),
        editor.registerUpdateListener(({ editorState }) =>
          editorState.read(() => {
            const table = $tableAtSelection();
            const next = table
              ? { key: table.getKey(), caption: $getState(table, captionState), headerRow: $firstRowIsHeader(table) }
              : null;
            const now = shown.current;
            if (now?.key === next?.key && now?.caption === next?.caption && now?.headerRow === next?.headerRow) return;
            shown.current = next;
            setAt(next);
          }),
        ),
        editor.registerCommand(
          KEY_DOWN_COMMAND,
          (event) => {
            const action = tableShortcut(event);
            if (!action || !editor.getEditorState().read($tableAtSelection)) return false;
            event.preventDefault();
            runTableAction(editor, action);
            return true;
          },
          COMMAND_PRIORITY_NORMAL,
        ),
      ),
    [editor],
  );

  const rowCount = Number(rows);
  const columnCount = Number(columns);
  const sizeValid =
    Number.isInteger(rowCount) &&
    rowCount >= 1 &&
    rowCount <= MAX_TABLE_ROWS &&
    Number.isInteger(columnCount) &&
    columnCount >= 1 &&
    columnCount <= MAX_TABLE_COLUMNS;

  const insert = () => {
    if (!sizeValid) return;
    setInserting(false);
    editor.focus();
    editor.dispatchCommand(INSERT_TABLE_COMMAND, {
      rows: String(rowCount),
      columns: String(columnCount),
      includeHeaders: headerRow ? { rows: true, columns: false } : false,
    });
  };

  const withTable = (change: (table: TableNode) => void) =>
    editor.update(() => {
      const table = at ? $getNodeByKey<TableNode>(at.key) : null;
      if (table) change(table);
    });

  if (!editable) return <TablePlugin hasCellMerge hasCellBackgroundColor={false} hasHorizontalScroll />;
  return (
    <>
      <TablePlugin hasCellMerge hasCellBackgroundColor={false} hasHorizontalScroll />
      <div className="table-tools" role="toolbar" aria-label={t('table.toolbar')}>
        <button
          type="button"
          className="button button-small"
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => setInserting(true)}
          disabled={at !== null}
        >
          {t('table.insert')}
        </button>
        {at ? (
          <>
            {ACTIONS.map(({ action, label, keys }) => (
              <button
                key={action}
                type="button"
                className="button button-small"
                title={`${t(label)} (${keys})`}
                aria-keyshortcuts={keys.replaceAll('Ctrl', 'Control')}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => runTableAction(editor, action)}
              >
                {t(label)}
              </button>
            ))}
            <label className="table-tools-check">
              <input type="checkbox" checked={at.headerRow} onChange={() => withTable($toggleHeaderRow)} />
              {t('table.headerRow')}
            </label>
            <label className="table-tools-caption">
              <span>{t('table.caption')}</span>
              <input
                value={at.caption}
                maxLength={500}
                onChange={(event) => {
                  const caption = event.target.value;
                  withTable((table) => $setState(table, captionState, caption));
                }}
              />
            </label>
            <button
              type="button"
              className="button button-small button-danger"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => withTable((table) => table.remove())}
            >
              {t('table.delete')}
            </button>
          </>
        ) : null}
      </div>
      {inserting ? (
        <Dialog title={t('table.insertTitle')} onClose={() => setInserting(false)}>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              insert();
            }}
          >
            <div className="field-row">
              <label className="field">
                <span className="field-label">{t('table.rows')}</span>
                <input
                  inputMode="numeric"
                  value={rows}
                  onChange={(event) => setRows(event.target.value)}
                  autoFocus
                  aria-invalid={!sizeValid}
                />
              </label>
              <label className="field">
                <span className="field-label">{t('table.columns')}</span>
                <input
                  inputMode="numeric"
                  value={columns}
                  onChange={(event) => setColumns(event.target.value)}
                  aria-invalid={!sizeValid}
                />
              </label>
            </div>
            <label className="table-tools-check">
              <input type="checkbox" checked={headerRow} onChange={(event) => setHeaderRow(event.target.checked)} />
              {t('table.headerRow')}
            </label>
            {!sizeValid ? (
              <p className="field-error" role="alert">
                {t('table.sizeInvalid', { rows: MAX_TABLE_ROWS, columns: MAX_TABLE_COLUMNS })}
              </p>
            ) : null}
            <div className="dialog-actions">
              <button type="button" className="button" onClick={() => setInserting(false)}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="button button-primary" disabled={!sizeValid}>
                {t('table.insertButton')}
              </button>
            </div>
          </form>
        </Dialog>
      ) : null}
    </>
  );
}
