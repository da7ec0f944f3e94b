// startLanguage (@luot/ui/boot) with a stand-in document and localStorage.
import { afterEach, describe, expect, it } from 'vitest';
import { rootElement, startLanguage } from './boot.tsx';

const page = () => ({ documentElement: { lang: '' } }) as unknown as Document;

function withStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  (globalThis as { localStorage?: unknown }).localStorage = {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  };
  return items;
}

afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

describe('startLanguage', () => {
  it('starts in Vietnamese, <html lang> follows every change, nothing kept', () => {
    const items = withStorage({ 'some.key': 'en' });
    const doc = page();
    const i18n = startLanguage({}, doc);
    expect(i18n.language).toBe('vi');
    expect(doc.documentElement.lang).toBe('vi');
    void i18n.changeLanguage('en');
    expect(doc.documentElement.lang).toBe('en');
    expect([...items.keys()]).toEqual(['some.key']);
  });

  it('rememberAs: the language kept in this browser comes back, and a change is kept', () => {
    const items = withStorage({ 'luot.test.language': 'en' });
    const doc = page();
    const i18n = startLanguage({ rememberAs: 'luot.test.language' }, doc);
    expect(i18n.language).toBe('en');
    expect(doc.documentElement.lang).toBe('en');
    void i18n.changeLanguage('vi');
    expect(items.get('luot.test.language')).toBe('vi');
  });

  it('rememberAs without storage, or with something else kept: Vietnamese', () => {
    expect(startLanguage({ rememberAs: 'k' }, page()).language).toBe('vi');
    withStorage({ k: 'fr' });
    expect(startLanguage({ rememberAs: 'k' }, page()).language).toBe('vi');
  });
});

describe('rootElement', () => {
  it('is #root, or says it is missing', () => {
    const root = {} as HTMLElement;
    const doc = { getElementById: (id: string) => (id === 'root' ? root : null) } as unknown as Document;
    expect(rootElement(doc)).toBe(root);
    expect(() => rootElement({ getElementById: () => null } as unknown as Document)).toThrow('#root missing');
  });
});
