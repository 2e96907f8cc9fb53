import { describe, expect, it } from 'vitest';
import { formatVietnamDate, parseVietnamDate, parseVietnamTime } from '../../renderer/src/components/VietnamDateFields';

describe('Vietnamese date and time fields', () => {
  it('read day/month/year, with / . or - and one-digit day or month', () => {
    expect(parseVietnamDate('07/12/2026')).toBe('2026-12-07');
    expect(parseVietnamDate('7/1/2026')).toBe('2026-01-07');
    expect(parseVietnamDate(' 07.12.2026 ')).toBe('2026-12-07');
    expect(parseVietnamDate('07-12-2026')).toBe('2026-12-07');
  });

  it('refuse what is not a real day, and the month/day order of an English browser past the 12th', () => {
    expect(parseVietnamDate('31/02/2026')).toBeNull();
    expect(parseVietnamDate('12/31/2026')).toBeNull();
    expect(parseVietnamDate('2026-12-07')).toBeNull();
    expect(parseVietnamDate('07/12/26')).toBeNull();
    expect(parseVietnamDate('')).toBeNull();
  });

  it('read the 24-hour clock, with or without the colon', () => {
    expect(parseVietnamTime('14:30')).toBe('14:30');
    expect(parseVietnamTime('8:05')).toBe('08:05');
    expect(parseVietnamTime('0805')).toBe('08:05');
    expect(parseVietnamTime('8h05')).toBe('08:05');
    expect(parseVietnamTime('9')).toBe('09:00');
    expect(parseVietnamTime('24:00')).toBeNull();
    expect(parseVietnamTime('8:60')).toBeNull();
    expect(parseVietnamTime('8:05 PM')).toBeNull();
  });

  it('write a stored day back as dd/mm/yyyy', () => {
    expect(formatVietnamDate('2026-12-07')).toBe('07/12/2026');
    expect(formatVietnamDate('2026-12-07T14:30')).toBe('07/12/2026');
    expect(formatVietnamDate('')).toBe('');
  });
});
