import { describe, expect, it } from 'vitest';
import { describeZodError, LuotError, parseOrThrow } from './errors.ts';
import { FinishRequest, IssueTicketRequest, TransferRequest } from './schemas.ts';

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
});
