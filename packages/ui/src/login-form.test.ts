// The shared sign-in form rendered to HTML (react-dom/server), and how a failed sign-in reads.
import { createElement as h } from 'react';
import { describe, expect, it } from 'vitest';
import { HubError } from './client.ts';
import { LoginForm, type LoginFormProps, loginFailure } from './components/LoginForm.tsx';
import { renderMarkup, tagOf, testIdsOf } from './markup-testing.ts';

const props = (over: Partial<LoginFormProps> = {}): LoginFormProps => ({
  busy: false,
  error: null,
  onSubmit: () => {},
  texts: {
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    signIn: 'Đăng nhập',
    signingIn: 'Đang đăng nhập…',
  },
  classes: { form: 'x-form', field: 'x-field', submit: 'x-submit', error: 'x-error' },
  ...over,
});

describe('LoginForm', () => {
  it('username, password and the button; the button waits for both fields', () => {
    const html = renderMarkup(h(LoginForm, props()));
    expect(testIdsOf(html)).toEqual(['login-username', 'login-password', 'login-submit']);
    expect(tagOf(html, 'login-username')).toContain('autoComplete="username"');
    expect(tagOf(html, 'login-password')).toContain('type="password"');
    expect(tagOf(html, 'login-password')).toContain('autoComplete="current-password"');
    expect(tagOf(html, 'login-submit')).toContain('disabled=""');
    expect(html).toContain('>Đăng nhập</button>');
  });

  it('the refusal under the button, or above it; head and foot around the fields', () => {
    const below = renderMarkup(
      h(LoginForm, props({ error: 'Sai mật khẩu', head: h('h2', null, 'Tiêu đề'), foot: h('nav', null) })),
    );
    expect(testIdsOf(below)).toEqual(['login-username', 'login-password', 'login-submit', 'login-error']);
    expect(tagOf(below, 'login-error')).toBe('<p class="x-error" role="alert" data-testid="login-error">');
    expect(below.indexOf('<h2>')).toBeLessThan(below.indexOf('login-username'));
    expect(below.indexOf('<nav>')).toBeGreaterThan(below.indexOf('login-error'));
    const above = renderMarkup(
      h(LoginForm, props({ error: 'Sai mật khẩu', errorPlacement: 'above-submit' })),
    );
    expect(testIdsOf(above)).toEqual(['login-username', 'login-password', 'login-error', 'login-submit']);
  });

  it('says it is working while busy; field labels take the app’s class', () => {
    const html = renderMarkup(
      h(LoginForm, props({ busy: true, classes: { ...props().classes, fieldLabel: 'x-label' } })),
    );
    expect(html).toContain('>Đang đăng nhập…</button>');
    expect(html).toContain('<span class="x-label">Tên đăng nhập</span>');
  });
});

describe('loginFailure', () => {
  it('429: too many; 401 and 400: wrong username or password; anything else: other', () => {
    expect(loginFailure(new HubError(429, 'too_many_requests', ''))).toBe('too_many');
    expect(loginFailure(new HubError(401, 'unauthorized', ''))).toBe('bad_credentials');
    expect(loginFailure(new HubError(400, 'validation_failed', ''))).toBe('bad_credentials');
    expect(loginFailure(new HubError(0, 'network', ''))).toBe('other');
    expect(loginFailure(new Error('x'))).toBe('other');
  });
});
