// What an op's lowering to C sees: the graph, the prefix, where each tensor lives, and where to put declarations.
import { isClampActivation, type Activation, type Graph, type Op, type Tensor } from '../model/index.js';
import { constArray, initializer } from './c-format.js';
import { tensorOf, unsupported } from './geometry.js';
import { chooseRequantLayout, packRequant, type RequantLayoutChoice, type RequantUse } from './requant-pack.js';

export interface LoweredOp {
  /** File-scope declarations: constant arrays and the op's parameter struct. */
  decls: string[];
  /** The statement(s) inside <prefix>_invoke. */
  call: string;
}

export class LowerContext {
  /** Every identifier this model defines, checked against the reserved names at the end. */
  readonly names: string[] = [];
  /** Bytes of the model's constant tensors emitted to flash (filters, biases). */
  weightBytes = 0;
  /** Bytes of derived per-channel constants emitted to flash (packed multipliers and shifts). */
  constantBytes = 0;
  /** Output channels with a requantization table entry (plain or packed; shared pairs need none). */
  requantChannels = 0;
  /** Flash saved by packed tables against plain ones (the packed decoder is only worth linking above its size). */
  packedSavedBytes = 0;
  /** Arrays already emitted, by type and contents: an identical array is referenced, not repeated. */
  private readonly emitted = new Map<string, string>();
  /** Constant bytes kernels read through plain pointers (RAM on AVR, where flash needs pgm_read). */
  plainConstBytes = 0;

  constructor(
    readonly graph: Graph,
    readonly prefix: string,
    private readonly pointerOf: (tensor: number) => string,
    private readonly requantLayout: RequantLayoutChoice = 'auto',
  ) {}

  tensor(index: number | undefined, what: string): Tensor { return tensorOf(this.graph, index, what); }

  /** A C expression for the arena address of an activation tensor. */
  ptr(index: number | undefined, what: string): string {
    const t = this.tensor(index, what);
    if (t.data) throw unsupported(`${what} is a constant; the native backend expects an activation here`);
    if (t.dtype !== 'int8') throw unsupported(`${what} is ${t.dtype}; the native backend runs int8 tensors only`, 'Quantize the model to full int8 first.');
    return this.pointerOf(index!);
  }

  name(suffix: string): string {
    const n = `${this.prefix}_${suffix}`;
    this.names.push(n);
    return n;
  }

  /** Emits a flash array (or finds an identical one already emitted) and returns its name. */
  array(decls: string[], type: 'int8_t' | 'uint8_t' | 'int32_t', suffix: string, values: ArrayLike<number>, kind: 'weight' | 'constant' = 'weight'): string {
    const key = `${type}:${Array.prototype.join.call(values, ',')}`;
    const existing = this.emitted.get(key);
    if (existing !== undefined) return existing;
    const n = this.name(suffix);
    this.emitted.set(key, n);
    decls.push(constArray(type, n, values));
    const bytes = values.length * (type === 'int32_t' ? 4 : 1);
    if (kind === 'weight') this.weightBytes += bytes;
    else this.constantBytes += bytes;
    return n;
  }

  /** A td_requant initializer for per-channel multipliers and shifts, plain or packed (see requant-pack.ts). */
  requant(decls: string[], suffix: string, multipliers: ArrayLike<number>, shifts: ArrayLike<number>, use: RequantUse): string {
    const packed = packRequant(multipliers, shifts, suffix);
    const shared = packed.bytes.length === 0;
    const layout = shared || this.requantLayout === 'packed' ? packed
      : this.requantLayout === 'plain' ? 'plain' : chooseRequantLayout(multipliers, shifts, use, suffix);
    if (layout !== 'plain' && !shared) this.packedSavedBytes += multipliers.length * 5 - layout.bytes.length;
    if (!shared) this.requantChannels += multipliers.length;
    const fields: Array<[string, string | number]> = layout === 'plain'
      ? [['packed', '0'], ['mult', this.array(decls, 'int32_t', `${suffix}_mult`, multipliers, 'constant')],
        ['bytes', this.array(decls, 'uint8_t', `${suffix}_shift`, Uint8Array.from(Int8Array.from(shifts)), 'constant')]]
      : [['packed', layout.bytes.length > 0 ? 'td_requant_packed' : '0'], ['mult', '0'],
        ['bytes', layout.bytes.length > 0 ? this.array(decls, 'uint8_t', suffix, layout.bytes, 'constant') : '0'],
        ['mult_base', layout.multBase], ['shift_base', layout.shiftBase], ['mult_bits', layout.multBits],
        ['mult_zeros', layout.multZeros], ['shift_bits', layout.shiftBits]];
    return initializer(fields).replace(/\n/g, '\n  ');
  }

  /**
   * A constant operand that a kernel reads like an activation (ADD/MUL): a plain `static const` array, readable
   * through an ordinary pointer on every target (so in RAM on AVR, in flash elsewhere).
   */
  operand(decls: string[], index: number | undefined, what: string, suffix: string): string {
    const t = this.tensor(index, what);
    if (!t.data) return this.ptr(index, what);
    const values = this.int8Data(index, what);
    const n = this.name(suffix);
    decls.push(constArray('int8_t', n, values).replace(' TD_FLASH', ''));
    this.weightBytes += values.length;
    this.plainConstBytes += values.length;
    return n;
  }

  /** A constant tensor's int8 values. */
  int8Data(index: number | undefined, what: string): Int8Array {
    const t = this.tensor(index, what);
    if (!t.data || t.dtype !== 'int8') throw unsupported(`${what} must be constant int8 data (is ${t.data ? t.dtype : 'not constant'})`, 'Quantize weights to int8.');
    return new Int8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  }

  /** A constant tensor's int32 values (biases). */
  int32Data(index: number | undefined, what: string): Int32Array {
    const t = this.tensor(index, what);
    if (!t.data || t.dtype !== 'int32') throw unsupported(`${what} must be constant int32 data (is ${t.data ? t.dtype : 'not constant'})`, 'Quantize biases to int32.');
    const v = new DataView(t.data.buffer, t.data.byteOffset, t.data.byteLength);
    const out = new Int32Array(t.data.byteLength >> 2);
    for (let i = 0; i < out.length; i++) out[i] = v.getInt32(4 * i, true);
    return out;
  }

  requireClamp(op: Op, activation: Activation): void {
    if (!isClampActivation(activation)) throw unsupported(`${op.type} with fused ${activation} is not supported by int8 kernels`);
  }
}
