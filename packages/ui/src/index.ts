// @luot/ui: the pieces the kiosk, counter and display apps share.
export * from './client.ts';
export { BigButton, type BigButtonProps, type BigButtonVariant } from './components/BigButton.tsx';
export { Clock, type ClockProps } from './components/Clock.tsx';
export { ConnectionBanner } from './components/ConnectionBanner.tsx';
export {
  compareSortValues,
  DataTable,
  type DataTableAlign,
  type DataTableCellAttributes,
  type DataTableColumn,
  type DataTableDirection,
  type DataTableProps,
  type DataTableRowAttributes,
  type DataTableSort,
  type DataTableSortValue,
  nextSort,
  sortRows,
} from './components/DataTable.tsx';
export { LanguageToggle } from './components/LanguageToggle.tsx';
export { LoginForm, type LoginFormProps, loginFailure } from './components/LoginForm.tsx';
export { PairingForm, type PairingFormProps } from './components/PairingForm.tsx';
export * from './device-pairing.ts';
export * from './emitter.ts';
export * from './format.ts';
export * from './hooks.ts';
export * from './hub-origin.ts';
export * from './hub-rest.ts';
export { en } from './i18n/en.ts';
export { type Translation, vi } from './i18n/vi.ts';
export * from './i18n.ts';
export * from './platform.ts';
export * from './store.ts';
export * from './text.ts';
