// Number formats for people: thousands separators, bytes in B/KB, signed deltas.
export const num = (n: number): string => n.toLocaleString('en-US');

/** One decimal, none when it is zero: 31.5 KB, 256 KB, 4 MB. */
const oneDecimal = (x: number): string => x.toFixed(1).replace(/\.0$/, '');

export function bytes(n: number): string {
  if (n < 10_240) return `${num(n)} B`;
  if (n < 1024 * 1024) return `${oneDecimal(n / 1024)} KB`;
  return `${oneDecimal(n / 1024 / 1024)} MB`;
}

export function percent(part: number, whole: number): string {
  return whole > 0 ? `${((100 * part) / whole).toFixed(part / whole < 0.1 ? 1 : 0)} %` : '–';
}

export function signedPercent(after: number, before: number): string {
  if (before === 0) return '';
  const d = Math.round(((after - before) / before) * 100);
  return d === 0 ? '±0 %' : `${d > 0 ? '+' : '−'}${Math.abs(d)} %`;
}

export function shape(s: readonly number[] | null): string {
  return s ? `[${s.join('×')}]` : '–';
}

export function metric(value: number, name: 'accuracy' | 'rmse'): string {
  return name === 'accuracy' ? `${(value * 100).toFixed(1)} %` : value.toFixed(4);
}
