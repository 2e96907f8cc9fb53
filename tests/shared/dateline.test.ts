import { describe, expect, it } from 'vitest';
import {
  dateTimeWithSeconds,
  displayDateTime,
  vietnamDateParts,
  vietnamDayStart,
  vietnamIso,
} from '../../shared/text/dateline';

describe('the one Vietnam-time module', () => {
  it('gives the seconds with the short form, on the Vietnam day', () => {
    expect(vietnamDateParts('2023-03-22T17:30:09.999Z').second).toBe('09');
    expect(dateTimeWithSeconds('2023-03-22T17:30:09Z')).toBe('23/03/2023 00:30:09');
    expect(dateTimeWithSeconds(new Date('2023-12-31T16:59:59Z'))).toBe('31/12/2023 23:59:59');
  });

  it('writes an instant as Vietnam wall time with its offset, the same instant', () => {
    const iso = vietnamIso('2024-02-29T20:01:02Z');
    expect(iso).toBe('2024-03-01T03:01:02+07:00');
    expect(new Date(iso).getTime()).toBe(Date.parse('2024-02-29T20:01:02Z'));
  });

  it('starts a Vietnam day at 17:00 UTC the day before, and counts days across months', () => {
    expect(vietnamDayStart('2023-03-23')).toBe('2023-03-23T00:00:00+07:00');
    expect(new Date(vietnamDayStart('2023-03-23') as string).toISOString()).toBe('2023-03-22T17:00:00.000Z');
    expect(vietnamDayStart('2023-02-28', 1)).toBe('2023-03-01T00:00:00+07:00');
    expect(vietnamDayStart('2023-12-31', 1)).toBe('2024-01-01T00:00:00+07:00');
    expect(vietnamDayStart('23/03/2023')).toBeNull();
    expect(vietnamDayStart('')).toBeNull();
  });

  it('shows a date on screen, and a value that is not one as written', () => {
    expect(displayDateTime('2023-03-23T01:05:07Z')).toBe('23/03/2023 08:05');
    expect(displayDateTime('2023-03-23T01:05:07Z', true)).toBe('23/03/2023 08:05:07');
    expect(displayDateTime('không rõ')).toBe('không rõ');
  });
});
