/**
 * The cookie-date algorithm of RFC 6265bis §5.1.1, which browsers use for Expires instead of Date.parse:
 * it picks a time, a day, a month and a year out of loosely delimited tokens, in any order.
 * Returns milliseconds since the epoch, or null when the date is not one a browser accepts.
 */
export function parseCookieDate(value: string): number | null {
  let time: [number, number, number] | null = null;
  let day: number | null = null;
  let month: number | null = null;
  let year: number | null = null;
  // Long enough for any real date; a hostile value is cut rather than tokenised in full.
  for (const token of value.slice(0, 256).split(DELIMITER)) {
    if (token === '') continue;
    const hms: RegExpExecArray | null = time === null ? TIME.exec(token) : null;
    if (hms) {
      time = [Number(hms[1]), Number(hms[2]), Number(hms[3])];
      continue;
    }
    const dayMatch: RegExpExecArray | null = day === null ? DAY.exec(token) : null;
    if (dayMatch) {
      day = Number(dayMatch[1]);
      continue;
    }
    const monthIndex: number = month === null ? MONTHS.indexOf(token.slice(0, 3).toLowerCase()) : -1;
    if (monthIndex >= 0 && token.length >= 3) {
      month = monthIndex;
      continue;
    }
    const yearMatch: RegExpExecArray | null = year === null ? YEAR.exec(token) : null;
    if (yearMatch) year = Number(yearMatch[1]);
  }
  if (time === null || day === null || month === null || year === null) return null;
  if (year >= 70 && year <= 99) year += 1900;
  else if (year >= 0 && year <= 69) year += 2000;
  const [hour, minute, second] = time;
  if (day < 1 || day > 31 || year < 1601 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Date.UTC(year, month, day, hour, minute, second);
  // Date.UTC rolls 31 February over into March; the algorithm says such a date does not exist.
  return new Date(ms).getUTCDate() === day ? ms : null;
}

const DELIMITER = /[\x09\x20-\x2f\x3b-\x40\x5b-\x60\x7b-\x7e]+/;
const TIME = /^(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\D.*)?$/s;
const DAY = /^(\d{1,2})(?:\D.*)?$/s;
const YEAR = /^(\d{2,4})(?:\D.*)?$/s;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
