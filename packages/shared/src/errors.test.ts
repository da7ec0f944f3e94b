import { describe, expect, it } from 'vitest';
import { UpdateUserRequest } from './admin.ts';
import { describeZodError, LuotError, parseOrThrow } from './errors.ts';
import { FinishRequest, IssueTicketRequest, PairingCodeRequest, Text, TransferRequest } from './schemas.ts';

describe('validation errors name the field', () => {
  it('reports a missing field as required', () => {
    const r = IssueTicketRequest.safeParse({});
    expect(r.success).toBe(false);
    if (!r.success) expect(describeZodError(r.error)).toBe('serviceId: required');
  });

  it('reports unknown fields', () => {
    const r = IssueTicketRequest.safeParse({ serviceId: 'hotich', extra: 1 });
    if (r.success) throw new Error('should fail');
    expect(describeZodError(r.error)).toContain('unknown field(s) extra');
  });

  it('throws a 400 LuotError from parseOrThrow', () => {
    try {
      parseOrThrow(FinishRequest, { procedureIds: [] });
      throw new Error('should fail');
    } catch (error) {
      expect(error).toBeInstanceOf(LuotError);
      expect((error as LuotError).status).toBe(400);
      expect((error as LuotError).toBody()).toEqual({
        error: { code: 'validation_failed', message: 'procedureIds: choose at least one procedure' },
      });
    }
  });

  it('needs a field or a counter for a transfer', () => {
    expect(TransferRequest.safeParse({}).success).toBe(false);
    expect(TransferRequest.safeParse({ counterId: 'c2' }).success).toBe(true);
  });

  it('rejects control characters in typed text', () => {
    const r = FinishRequest.safeParse({ procedureIds: ['hotich-1'], note: 'a\u0000b' });
    if (r.success) throw new Error('should fail');
    expect(describeZodError(r.error)).toBe('note: contains control characters');
  });

  it('rejects invisible and direction-changing characters in typed text, naming the field', () => {
    const invisible = [
      ...'\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069',
      ...'\u200e\u200f\u061c\u200b\u200c\u200d\u2060\u00ad\u034f\u3164\ufeff',
      '\u{e0041}',
    ];
    for (const c of invisible) {
      const r = UpdateUserRequest.safeParse({ displayName: `Nguyễn${c}Văn A` });
      if (r.success) throw new Error(`U+${c.codePointAt(0)!.toString(16)} should fail`);
      expect(describeZodError(r.error)).toMatch(
        /^displayName: contains an invisible or direction-changing character \(U\+[0-9A-F]{4,5}\): remove it$/,
      );
    }
    const r = PairingCodeRequest.safeParse({ kind: 'kiosk', name: 'Quầy \u202e1 gnohP' });
    if (r.success) throw new Error('should fail');
    expect(describeZodError(r.error)).toBe(
      'name: contains an invisible or direction-changing character (U+202E): remove it',
    );
    // Vietnamese, precomposed or with combining marks, and plain punctuation pass.
    for (const name of [
      'Nguyễn Văn Ảnh',
      'Nguye\u0302\u0303n Va\u0306n',
      'Quầy 1 – Hộ tịch (A/B)',
      'Đ\u00a0A',
    ]) {
      expect(Text(100).parse(name)).toBe(name);
    }
  });
});
