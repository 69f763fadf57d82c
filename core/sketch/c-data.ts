// Byte arrays as C initializer rows (the bodies of the demo vectors and the embedded .tflite).

/** "  1, -2, 3," rows of `perLine` values; the values are checked to fit the C type. */
export function byteRows(values: ArrayLike<number>, signed: boolean, perLine = 16): string {
  const lo = signed ? -128 : 0;
  const hi = signed ? 127 : 255;
  const rows: string[] = [];
  for (let i = 0; i < values.length; i += perLine) {
    const row: string[] = [];
    for (let j = i; j < Math.min(values.length, i + perLine); j++) {
      const v = values[j]!;
      if (!Number.isInteger(v) || v < lo || v > hi) throw new RangeError(`value ${v} at ${j} does not fit ${signed ? 'int8' : 'uint8'}`);
      row.push(String(v));
    }
    rows.push(`  ${row.join(', ')},`);
  }
  return rows.join('\n');
}

/** A float literal that round-trips the float32 value (as codegen writes its scales). */
export function cFloat(v: number): string {
  const s = Math.fround(v).toPrecision(9);
  return `${/[.e]/.test(s) ? s : `${s}.0`}f`;
}
