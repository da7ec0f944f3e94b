// Which new passwords are refused: too short, trivial, the username, or among the most common.
// One rule for the hub (every way a password is set) and the administration screens.

export const PASSWORD_MIN_LENGTH = 8;

export type PasswordProblem = 'too_short' | 'trivial' | 'like_username' | 'too_common';

/** The API's message for each problem (the screens show their own, translated, text). */
export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  too_short: `at least ${PASSWORD_MIN_LENGTH} characters`,
  trivial: 'too simple (one character repeated, a run like 12345678 or abcdefgh, or only spaces)',
  like_username: 'must not be the username',
  too_common: 'one of the most common passwords; choose a longer phrase of your own',
};

// The most used passwords in published leak lists, and the Vietnamese ones seen with them;
// each also refused with digits or symbols after it ("password1", "matkhau@2024").
const COMMON = new Set([
  'password',
  'passw0rd',
  'p@ssword',
  'p@ssw0rd',
  'qwerty',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  'iloveyou',
  'admin',
  'administrator',
  'welcome',
  'letmein',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'sunshine',
  'princess',
  'superman',
  'batman',
  'master',
  'shadow',
  'trustno',
  'whatever',
  'computer',
  'internet',
  'starwars',
  'changeme',
  'default',
  'secret',
  'login',
  'user',
  'guest',
  'test',
  'abc',
  'abcd',
  'qwe',
  'asd',
  'aaa',
  'matkhau',
  'mat khau',
  'matkhaumoi',
  'anhyeuem',
  'emyeuanh',
  'yeuem',
  'iloveu',
  'vietnam',
  'saigon',
  'hanoi',
  'cantho',
  'canbo',
  'giamdoc',
  'quantri',
  'hanhchinh',
  'motcua',
  'ubnd',
]);

const RUNS = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

function isRun(text: string): boolean {
  if (text.length < 4) return false;
  for (const run of RUNS) {
    const twice = run + run;
    const back = [...twice].reverse().join('');
    if (twice.includes(text) || back.includes(text)) return true;
  }
  return false;
}

/** A password repeating one short piece: "aaaaaaaa", "12121212", "abcabcabc". */
function isRepeat(text: string): boolean {
  for (let size = 1; size <= 3; size++) {
    const piece = text.slice(0, size);
    if (text.length >= size * 2 && piece.repeat(Math.ceil(text.length / size)).startsWith(text)) return true;
  }
  return false;
}

/** Null when the password may be used; else why not. `username` is the account's, if known. */
export function passwordProblem(password: string, username?: string): PasswordProblem | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'too_short';
  const text = password.normalize('NFC').toLowerCase();
  const bare = text.replace(/\s+/g, '');
  if (bare.length === 0 || isRepeat(bare) || isRun(bare)) return 'trivial';
  // The word with digits and symbols around it taken away: "Password123!" -> "password".
  const word = text.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  const name = username?.trim().toLowerCase();
  if (name && (word === name || bare === name || [...bare].reverse().join('') === name)) {
    return 'like_username';
  }
  if (COMMON.has(text) || COMMON.has(word) || COMMON.has(bare)) return 'too_common';
  // Digits and symbols only (a birthday, a phone number): guessed in seconds below 12 of them.
  if (word.length === 0 && bare.length < 12) return 'too_common';
  return null;
}
