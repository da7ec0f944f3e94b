import { type HTMLAttributes, type ReactNode, type TdHTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** `numeric`: right-aligned with tabular figures and no wrapping (counts, durations, shares). */
export type DataTableAlign = 'start' | 'center' | 'numeric';

/** A value rows are ordered by: numbers numerically, text in Vietnamese order; empty values last. */
export type DataTableSortValue = string | number | null | undefined;

export type DataTableDirection = 'ascending' | 'descending';

export interface DataTableSort {
  /** The `key` of the column. */
  key: string;
  direction: DataTableDirection;
}

/** Attributes of one body cell (or row), including a test id. */
export type DataTableCellAttributes = TdHTMLAttributes<HTMLTableCellElement> & { 'data-testid'?: string };
export type DataTableRowAttributes = HTMLAttributes<HTMLTableRowElement> & { 'data-testid'?: string };

export interface DataTableColumn<Row> {
  /** Unique among the columns; names the column in a sort. */
  key: string;
  header: ReactNode;
  /** What the cell shows. */
  cell: (row: Row, index: number) => ReactNode;
  align?: DataTableAlign;
  /** Makes the header a sort button; the value a row is ordered by in this column. */
  sortValue?: (row: Row) => DataTableSortValue;
  /** The column's name in the sort hint when `header` is not plain text. */
  label?: string;
  /** Cells of this column are the row's header (`<th scope="row">`). */
  rowHeader?: boolean;
  /** A class on this column's header and body cells. */
  className?: string;
  /** More attributes of one body cell: a test id, a title, a class. */
  cellProps?: (row: Row, index: number) => DataTableCellAttributes;
}

export interface DataTableProps<Row> {
  columns: readonly DataTableColumn<Row>[];
  rows: readonly Row[];
  /** React key of a row; the row's position when absent. */
  rowKey?: (row: Row, index: number) => string | number;
  /** Attributes of a body row: its class, test id. */
  rowProps?: (row: Row, index: number) => DataTableRowAttributes;
  /** A full-width row under a row (details, an editor), or null for none. */
  rowDetail?: (row: Row, index: number) => ReactNode;
  /** The class of a detail row. */
  rowDetailClassName?: string;
  caption?: ReactNode;
  /** Shown in the body when there is no row; "Không có dữ liệu" by default, `null` for nothing. */
  emptyMessage?: ReactNode;
  /** The sort at first (uncontrolled); none keeps the rows' own order. */
  defaultSort?: DataTableSort | null;
  /** The sort, when the caller keeps it (controlled); with `onSortChange`. */
  sort?: DataTableSort | null;
  onSortChange?: (sort: DataTableSort) => void;
  /** Classes beside `luot-data-table` on the table. */
  className?: string;
  /** When given, the table sits in a `<div>` of this class (a scroll box: the header sticks in it). */
  containerClassName?: string;
  testId?: string;
}

/** The sort after a click on the column `key`: ascending first, then it toggles. */
export function nextSort(current: DataTableSort | null | undefined, key: string): DataTableSort {
  if (current?.key === key && current.direction === 'ascending') return { key, direction: 'descending' };
  return { key, direction: 'ascending' };
}

const isEmpty = (v: DataTableSortValue): v is null | undefined | '' =>
  v === null || v === undefined || v === '';

/** Ascending order of two sort values: numbers before text, empty values last. */
export function compareSortValues(a: DataTableSortValue, b: DataTableSortValue): number {
  if (isEmpty(a) || isEmpty(b)) return isEmpty(a) ? (isEmpty(b) ? 0 : 1) : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a.localeCompare(b, 'vi', { numeric: true });
}

/** The rows in the order of `sort` (stable; empty values stay last either way); a new array. */
export function sortRows<Row>(
  rows: readonly Row[],
  columns: readonly DataTableColumn<Row>[],
  sort: DataTableSort | null | undefined,
): Row[] {
  const column = sort ? columns.find((c) => c.key === sort.key) : undefined;
  const value = column?.sortValue;
  if (!sort || !value) return [...rows];
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, v: value(row) }))
    .sort((x, y) => {
      if (isEmpty(x.v) !== isEmpty(y.v)) return isEmpty(x.v) ? 1 : -1;
      return sign * compareSortValues(x.v, y.v) || x.index - y.index;
    })
    .map((entry) => entry.row);
}

const joinClasses = (...classes: (string | false | undefined)[]) =>
  classes.filter(Boolean).join(' ') || undefined;

const alignClass = (align: DataTableAlign | undefined) =>
  align === 'numeric' ? 'luot-data-table__num' : align === 'center' ? 'luot-data-table__center' : undefined;

/**
 * A table of records: typed columns, headers that sort on click (buttons in the `<th>`, the
 * order in `aria-sort`), a sticky header, numbers right-aligned in tabular figures, and a message
 * when there is no row. Rows whose column has no `sortValue` cannot be sorted by it.
 */
export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  rowProps,
  rowDetail,
  rowDetailClassName,
  caption,
  emptyMessage,
  defaultSort = null,
  sort: controlledSort,
  onSortChange,
  className,
  containerClassName,
  testId,
}: DataTableProps<Row>) {
  const { t } = useTranslation();
  const [ownSort, setOwnSort] = useState<DataTableSort | null>(defaultSort);
  const sort = controlledSort !== undefined ? controlledSort : ownSort;
  const ordered = sortRows(rows, columns, sort);
  const onSort = (key: string) => {
    const next = nextSort(sort, key);
    if (controlledSort === undefined) setOwnSort(next);
    onSortChange?.(next);
  };
  const empty = emptyMessage === undefined ? t('dataTable.empty') : emptyMessage;

  const table = (
    <table className={joinClasses('luot-data-table', className)} data-testid={testId}>
      {caption !== undefined && <caption className="luot-data-table__caption">{caption}</caption>}
      <thead>
        <tr>
          {columns.map((column) => {
            const sorted = sort?.key === column.key ? sort.direction : undefined;
            const name = column.label ?? (typeof column.header === 'string' ? column.header : column.key);
            const hint =
              sorted === 'ascending'
                ? t('dataTable.sortDescending', { column: name })
                : t('dataTable.sortAscending', { column: name });
            return (
              <th
                key={column.key}
                scope="col"
                className={joinClasses(alignClass(column.align), column.className)}
                aria-sort={column.sortValue ? (sorted ?? 'none') : undefined}
              >
                {column.sortValue ? (
                  <button
                    type="button"
                    className="luot-data-table__sort"
                    title={hint}
                    onClick={() => onSort(column.key)}
                  >
                    {column.header}
                  </button>
                ) : (
                  column.header
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {ordered.length === 0 && empty !== null && (
          <tr>
            <td className="luot-data-table__empty" colSpan={columns.length}>
              {empty}
            </td>
          </tr>
        )}
        {ordered.map((row, index) => {
          const detail = rowDetail?.(row, index);
          const key = rowKey ? rowKey(row, index) : index;
          const cells = columns.map((column) => {
            const extra = column.cellProps?.(row, index) ?? {};
            const classes = joinClasses(alignClass(column.align), column.className, extra.className);
            return column.rowHeader ? (
              <th key={column.key} scope="row" {...extra} className={classes}>
                {column.cell(row, index)}
              </th>
            ) : (
              <td key={column.key} {...extra} className={classes}>
                {column.cell(row, index)}
              </td>
            );
          });
          const main = (
            <tr key={key} {...rowProps?.(row, index)}>
              {cells}
            </tr>
          );
          if (detail === undefined || detail === null || detail === false) return main;
          return [
            main,
            <tr key={`${key}:detail`} className={joinClasses('luot-data-table__detail', rowDetailClassName)}>
              <td colSpan={columns.length}>{detail}</td>
            </tr>,
          ];
        })}
      </tbody>
    </table>
  );
  return containerClassName ? <div className={containerClassName}>{table}</div> : table;
}
