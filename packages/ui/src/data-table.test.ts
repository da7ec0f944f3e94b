// The shared data table rendered to HTML (react-dom/server): headers, sorting, empty state, cells.
import { createElement as h } from 'react';
import { describe, expect, it } from 'vitest';
import {
  compareSortValues,
  DataTable,
  type DataTableColumn,
  type DataTableProps,
  type DataTableSort,
  nextSort,
  sortRows,
} from './components/DataTable.tsx';
import { markupText, renderMarkup, tagOf, testIdsOf } from './markup-testing.ts';

interface Person {
  id: string;
  name: string;
  waiting: number | null;
}

const people: Person[] = [
  { id: 'e', name: 'Ê-đê', waiting: 3 },
  { id: 'd2', name: 'Đào', waiting: 12 },
  { id: 'a', name: 'Ánh', waiting: null },
  { id: 'd1', name: 'Dũng', waiting: 2 },
  { id: 'b', name: 'Bình', waiting: 12 },
];

const columns: DataTableColumn<Person>[] = [
  { key: 'name', header: 'Họ tên', cell: (p) => p.name, sortValue: (p) => p.name, rowHeader: true },
  {
    key: 'waiting',
    header: 'Đang chờ',
    align: 'numeric',
    cell: (p) => (p.waiting === null ? '—' : String(p.waiting)),
    sortValue: (p) => p.waiting,
  },
  { key: 'id', header: 'Mã', cell: (p) => p.id },
];

const table = (over: Partial<DataTableProps<Person>> = {}, language: 'vi' | 'en' = 'vi') =>
  renderMarkup(
    h(DataTable<Person>, {
      columns,
      rows: people,
      rowKey: (p) => p.id,
      rowProps: (p) => ({ 'data-testid': `person-${p.id}` }),
      testId: 'people',
      ...over,
    }),
    language,
  );

const order = (html: string) => testIdsOf(html).filter((id) => id?.startsWith('person-'));

describe('DataTable', () => {
  it('renders headers, rows in the given order, row headers and numeric cells', () => {
    const html = table();
    expect(tagOf(html, 'people')).toBe('<table class="luot-data-table" data-testid="people">');
    expect(order(html)).toEqual(['person-e', 'person-d2', 'person-a', 'person-d1', 'person-b']);
    expect(html).toContain('<th scope="row">Đào</th><td class="luot-data-table__num">12</td><td>d2</td>');
    // Sortable headers are buttons inside the <th>, with aria-sort; the others are plain text.
    expect(html).toContain(
      '<th scope="col" aria-sort="none"><button type="button" class="luot-data-table__sort" title="Sắp xếp theo Họ tên, tăng dần">Họ tên</button></th>',
    );
    expect(html).toContain('<th scope="col" class="luot-data-table__num" aria-sort="none"><button');
    expect(html).toContain('<th scope="col">Mã</th>');
    expect(markupText(html).trim().startsWith('Họ tên Đang chờ Mã Ê-đê 3 e')).toBe(true);
  });

  it('sorts text in Vietnamese order, ascending then descending', () => {
    const asc = table({ defaultSort: { key: 'name', direction: 'ascending' } });
    // Á after A, Đ after D, Ê after E: Vietnamese collation, not code points.
    expect(order(asc)).toEqual(['person-a', 'person-b', 'person-d1', 'person-d2', 'person-e']);
    expect(asc).toContain(
      'aria-sort="ascending"><button type="button" class="luot-data-table__sort" title="Sắp xếp theo Họ tên, giảm dần">',
    );
    const desc = table({ sort: { key: 'name', direction: 'descending' } });
    expect(order(desc)).toEqual(['person-e', 'person-d2', 'person-d1', 'person-b', 'person-a']);
    expect(desc).toContain('aria-sort="descending"');
    expect(desc).toContain('title="Sắp xếp theo Họ tên, tăng dần"');
  });

  it('sorts numbers numerically (12 after 3), ties in the given order and empty values last', () => {
    const asc = table({ sort: { key: 'waiting', direction: 'ascending' } });
    expect(order(asc)).toEqual(['person-d1', 'person-e', 'person-d2', 'person-b', 'person-a']);
    const desc = table({ sort: { key: 'waiting', direction: 'descending' } });
    expect(order(desc)).toEqual(['person-d2', 'person-b', 'person-e', 'person-d1', 'person-a']);
    // A column without a sort value leaves the order alone.
    expect(order(table({ sort: { key: 'id', direction: 'ascending' } }))).toEqual(order(table()));
  });

  it('a header click toggles: ascending first, then descending, then ascending again', () => {
    let sort: DataTableSort | null = null;
    sort = nextSort(sort, 'waiting');
    expect(sort).toEqual({ key: 'waiting', direction: 'ascending' });
    sort = nextSort(sort, 'waiting');
    expect(sort).toEqual({ key: 'waiting', direction: 'descending' });
    sort = nextSort(sort, 'waiting');
    expect(sort).toEqual({ key: 'waiting', direction: 'ascending' });
    // Another column starts ascending.
    expect(nextSort({ key: 'waiting', direction: 'descending' }, 'name')).toEqual({
      key: 'name',
      direction: 'ascending',
    });
  });

  it('compares numbers as numbers and text with Vietnamese collation', () => {
    expect(compareSortValues(3, 12)).toBeLessThan(0);
    expect(compareSortValues('Đà Nẵng', 'Dương')).toBeGreaterThan(0);
    expect(compareSortValues('Đà Nẵng', 'Em')).toBeLessThan(0);
    expect(compareSortValues('Quầy 2', 'Quầy 10')).toBeLessThan(0);
    expect(compareSortValues(null, 'A')).toBeGreaterThan(0);
    expect(
      sortRows(['Ư', 'U', 'Ú', 'V'], [{ key: 'x', header: '', cell: String, sortValue: String }], {
        key: 'x',
        direction: 'ascending',
      }),
    ).toEqual(['U', 'Ú', 'Ư', 'V']);
  });

  it('shows an empty message across all columns, in the language, or a given one', () => {
    const html = table({ rows: [] });
    expect(html).toContain(
      '<tbody><tr><td class="luot-data-table__empty" colSpan="3">Không có dữ liệu</td></tr></tbody>',
    );
    expect(table({ rows: [] }, 'en')).toContain('>No data</td>');
    expect(table({ rows: [], emptyMessage: 'Chưa có thiết bị' })).toContain('>Chưa có thiết bị</td>');
    expect(table({ rows: [], emptyMessage: null })).toContain('<tbody></tbody>');
    expect(table({}, 'en')).toContain('title="Sort by Họ tên, ascending"');
  });

  it('custom cells, cell attributes, a caption, classes, a scroll box and detail rows', () => {
    const html = table({
      caption: 'Người đang chờ',
      className: 'a-table',
      containerClassName: 'a-table-wrap',
      rowDetail: (p) => (p.id === 'b' ? h('em', null, 'Ghi chú của Bình') : null),
      rowDetailClassName: 'a-subrow',
      columns: [
        ...columns,
        {
          key: 'badge',
          header: h('span', { className: 'x' }, 'Nhãn'),
          label: 'Nhãn',
          cell: (p) => h('strong', null, p.name.toUpperCase()),
          cellProps: (p) => ({ 'data-testid': `badge-${p.id}`, title: p.name }),
          className: 'a-figure',
          sortValue: (p) => p.id,
        },
      ],
    });
    expect(
      html.startsWith(
        '<div class="a-table-wrap"><table class="luot-data-table a-table" data-testid="people">',
      ),
    ).toBe(true);
    expect(html).toContain('<caption class="luot-data-table__caption">Người đang chờ</caption>');
    expect(tagOf(html, 'badge-d2')).toBe('<td data-testid="badge-d2" title="Đào" class="a-figure">');
    expect(html).toContain('<strong>ĐÀO</strong>');
    expect(html).toContain('title="Sắp xếp theo Nhãn, tăng dần"><span class="x">Nhãn</span></button>');
    expect(html).toContain(
      '<tr data-testid="person-b">' +
        '<th scope="row">Bình</th><td class="luot-data-table__num">12</td><td>b</td>' +
        '<td data-testid="badge-b" title="Bình" class="a-figure"><strong>BÌNH</strong></td></tr>' +
        '<tr class="luot-data-table__detail a-subrow"><td colSpan="4"><em>Ghi chú của Bình</em></td></tr>',
    );
    expect(html.match(/luot-data-table__detail/g)).toHaveLength(1);
  });
});
