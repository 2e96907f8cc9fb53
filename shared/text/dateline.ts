/**
 * Dates as the portal prints them, always in Vietnam time whatever the machine's zone.
 * Vietnam has kept UTC+07:00 without daylight saving since 1975, so Vietnam wall time is plain arithmetic on the
 * instant (no Intl: formatToParts was the static site build's hottest function, called for every date line).
 */
export const PORTAL_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const WEEKDAYS_VI = ['Chủ nhật', 'Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm', 'Thứ sáu', 'Thứ bảy'];
/** UTC+07:00: Vietnam's offset from UTC at every instant since 1975. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

export interface VietnamDateParts {
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  year: string;
  /** Two digits, '01'–'12'; day, hour and minute likewise. */
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

const twoDigits = (n: number) => (n < 10 ? `0${n}` : String(n));

export function vietnamDateParts(date: Date | string): VietnamDateParts {
  const time = (typeof date === 'string' ? new Date(date) : date).getTime();
  if (Number.isNaN(time)) throw new RangeError(`Invalid date: ${String(date)}`);
  // The Vietnam wall clock read off a Date shifted by the offset, in UTC.
  const local = new Date(time + VIETNAM_OFFSET_MS);
  return {
    weekday: local.getUTCDay(),
    year: String(local.getUTCFullYear()),
    month: twoDigits(local.getUTCMonth() + 1),
    day: twoDigits(local.getUTCDate()),
    hour: twoDigits(local.getUTCHours()),
    minute: twoDigits(local.getUTCMinutes()),
    second: twoDigits(local.getUTCSeconds()),
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

/** '23/03/2023 08:05:07': the short form with seconds (the audit log, publishing jobs retried within seconds). */
export function dateTimeWithSeconds(date: Date | string): string {
  const p = vietnamDateParts(date);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

/** For the screen: the short form (with seconds when asked), or a value that is not a date as it is written. */
export function displayDateTime(value: string, withSeconds = false): string {
  try {
    return withSeconds ? dateTimeWithSeconds(value) : shortDateTime(value);
  } catch {
    return value;
  }
}

/** The instant as Vietnam wall time with its offset: '2023-03-23T08:05:07+07:00'. */
export function vietnamIso(date: Date | string): string {
  const p = vietnamDateParts(date);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}+07:00`;
}

/** The instant a Vietnam day ('2023-03-23', `plusDays` later) starts, as ISO with its offset; null when not a day. */
export function vietnamDayStart(day: string, plusDays = 0): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + plusDays));
  if (Number.isNaN(date.getTime())) return null;
  return `${date.toISOString().slice(0, 10)}T00:00:00+07:00`;
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
