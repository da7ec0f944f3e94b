// Helpers for the apps' screen tests (`@luot/ui/testing`; no app code imports it): a screen
// rendered to static HTML in a language, its visible text, its test ids and tags.
import { createElement as h, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createI18n, type Language } from './i18n.ts';

/** The element as static HTML, with the shared translations in `language`. */
export function renderMarkup(element: ReactElement, language: Language = 'vi'): string {
  return renderToStaticMarkup(h(I18nextProvider, { i18n: createI18n(language) }, element));
}

/** Visible text: tags stripped, the usual entities decoded, whitespace collapsed. */
export const markupText = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');

/** Every data-testid, in document order. */
export const testIdsOf = (html: string) => [...html.matchAll(/data-testid="([^"]+)"/g)].map((m) => m[1]);

/** The opening tag of the element with this test id. */
export const tagOf = (html: string, id: string) =>
  html.match(new RegExp(`<[^>]*data-testid="${id}"[^>]*>`))?.[0] ?? '';
