/**
 * Dates as the portal prints them, always in Vietnam time whatever the machine's zone.
 * Intl with an explicit timeZone does not depend on the process's TZ.
 */
export const PORTAL_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const WEEKDAYS_VI = ['Chủ nhật', 'Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm', 'Thứ sáu', 'Thứ bảy'];
const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

const partsFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: PORTAL_TIME_ZONE,
  weekday: 'short',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export interface VietnamDateParts {
  weekday: number;
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

export function vietnamDateParts(date: Date | string): VietnamDateParts {
  const instant = typeof date === 'string' ? new Date(date) : date;
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Invalid date: ${String(date)}`);
  const parts: Record<string, string> = {};
  for (const part of partsFormatter.formatToParts(instant)) parts[part.type] = part.value;
  return {
    weekday: WEEKDAY_INDEX[parts.weekday ?? ''] ?? 0,
    year: parts.year ?? '',
    month: parts.month ?? '',
    day: parts.day ?? '',
    hour: parts.hour ?? '',
    minute: parts.minute ?? '',
  };
}

/** 'Thứ năm, 23/03/2023, 08:05' */
export function portalDateLine(date: Date | string): string {
  const p = vietnamDateParts(date);
  return `${WEEKDAYS_VI[p.weekday]}, ${p.day}/${p.month}/${p.year}, ${p.hour}:${p.minute}`;
}

/** '23/03/2023 08:05' — the short form used in lists. */
export function shortDateTime(date: Date | string): string {
  const p = vietnamDateParts(date);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** Value for <input type="datetime-local"> showing Vietnam time: '2023-03-23T08:05'. */
export function toVietnamLocalInput(date: Date | string): string {
  const p = vietnamDateParts(date);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** Vietnam has kept UTC+07:00 without daylight saving since 1975. */
export function fromVietnamLocalInput(value: string): string {
  const instant = new Date(`${value}:00+07:00`);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Invalid local time: ${value}`);
  return instant.toISOString();
}
