// @luot/ui: the pieces the kiosk, counter and display apps share.
export * from './client.ts';
export { BigButton, type BigButtonProps, type BigButtonVariant } from './components/BigButton.tsx';
export { Clock, type ClockProps } from './components/Clock.tsx';
export { ConnectionBanner } from './components/ConnectionBanner.tsx';
export { LanguageToggle } from './components/LanguageToggle.tsx';
export { PairingForm, type PairingFormProps } from './components/PairingForm.tsx';
export * from './emitter.ts';
export * from './format.ts';
export * from './hooks.ts';
export * from './hub-origin.ts';
export { en } from './i18n/en.ts';
export { type Translation, vi } from './i18n/vi.ts';
export * from './i18n.ts';
export * from './platform.ts';
export * from './store.ts';
export * from './text.ts';
export * from './theme.ts';
