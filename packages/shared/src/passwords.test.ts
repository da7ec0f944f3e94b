import { describe, expect, it } from 'vitest';
import { passwordProblem } from './passwords.ts';

describe('passwordProblem', () => {
  it.each([
    ['1234567', 'too_short'],
    ['12345678', 'trivial'],
    ['87654321', 'trivial'],
    ['        ', 'trivial'],
    ['aaaaaaaaaa', 'trivial'],
    ['12121212', 'trivial'],
    ['abcdefgh', 'trivial'],
    ['qwertyuiop', 'trivial'],
    ['password', 'too_common'],
    ['Password123!', 'too_common'],
    ['matkhau@2024', 'too_common'],
    ['anhyeuem123', 'too_common'],
    ['19870512', 'too_common'],
    ['0909123456', 'too_common'],
  ])('refuses %j (%s)', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });

  it('refuses the username itself, with digits after it or reversed, in any case', () => {
    expect(passwordProblem('canbo.hoa', 'canbo.hoa')).toBe('like_username');
    expect(passwordProblem('Canbo.Hoa2024', 'canbo.hoa')).toBe('like_username');
    expect(passwordProblem('aoh.obnac', 'canbo.hoa')).toBe('like_username');
    expect(passwordProblem('canbo.hoa', 'someone.else')).toBeNull();
  });

  it.each([
    'admin-test-pass',
    'luot-demo',
    'mat-khau-1',
    'Cây đa giếng nước sân đình',
    'xe đạp đỏ 7 giờ',
    '0909 abc quầy 3',
    '472918305561',
  ])('accepts %j', (password) => {
    expect(passwordProblem(password, 'admin')).toBeNull();
  });
});
