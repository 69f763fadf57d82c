// Bounds-checked reads of flatbuffer tables and vectors: ByteBuffer trusts every offset, a model file must not.
import { ByteBuffer } from 'flatbuffers';
import { malformed } from './errors.js';

const UTF8 = new TextDecoder();

/** The file as a flatbuffer, with a work budget so that shared or overlapping tables cannot make reading explode. */
export class FlatView {
  readonly bb: ByteBuffer;
  readonly size: number;
  private budget: number;

  constructor(readonly bytes: Uint8Array) {
    this.bb = new ByteBuffer(bytes);
    this.size = bytes.length;
    // A valid file reads each byte about once; 8x plus slack allows shared buffers, never quadratic blow-ups.
    this.budget = 8 * bytes.length + 65_536;
  }

  /** Counts work done on the file's behalf; too much means the structure points at itself over and over. */
  charge(units: number, what: string): void {
    this.budget -= units;
    if (this.budget < 0) throw malformed(`${what} refers to more data than the file holds (overlapping or repeated tables)`);
  }

  need(pos: number, len: number, what: string): void {
    if (!(pos >= 0 && len >= 0 && pos + len <= this.size)) {
      throw malformed(`${what} at byte ${pos} (length ${len}) lies outside the file (${this.size} bytes)`);
    }
  }

  u32(pos: number, what: string): number {
    this.need(pos, 4, what);
    return this.bb.readUint32(pos);
  }

  /** Follows the uoffset stored at pos. */
  indirect(pos: number, what: string): number {
    const target = pos + this.u32(pos, what);
    this.need(target, 4, what);
    return target;
  }

  table(pos: number, what: string): Table {
    this.charge(1, what);
    this.need(pos, 4, what);
    const vtable = pos - this.bb.readInt32(pos);
    this.need(vtable, 4, `${what} vtable`);
    const vtableSize = this.bb.readUint16(vtable);
    const objectSize = this.bb.readUint16(vtable + 2);
    if (vtableSize < 4 || vtableSize % 2 !== 0) throw malformed(`${what} has a vtable of ${vtableSize} bytes`);
    if (objectSize < 4) throw malformed(`${what} has an object size of ${objectSize} bytes`);
    this.need(vtable, vtableSize, `${what} vtable`);
    this.need(pos, objectSize, what);
    return new Table(this, pos, vtable, vtableSize, objectSize, what);
  }

  rootTable(): Table {
    if (this.size < 8) throw malformed(`the file is only ${this.size} bytes long`);
    return this.table(this.indirect(0, 'root table offset'), 'Model');
  }
}

/** A vector's element count and where its elements start. */
export interface VectorRef { start: number; length: number }

/** One table: every field read checks that it lies inside the table and the file. */
export class Table {
  constructor(
    readonly view: FlatView, readonly pos: number, private readonly vtable: number,
    private readonly vtableSize: number, private readonly objectSize: number, readonly what: string,
  ) {}

  /** The absolute position of field `id` with `width` bytes, or 0 when the field is absent. */
  private field(id: number, width: number, name: string): number {
    const voffset = 4 + 2 * id;
    if (voffset + 2 > this.vtableSize) return 0;
    const rel = this.view.bb.readUint16(this.vtable + voffset);
    if (rel === 0) return 0;
    if (rel < 4 || rel + width > this.objectSize) throw malformed(`${this.what}.${name} lies outside its table`);
    return this.pos + rel;
  }

  has(id: number): boolean {
    return this.field(id, 1, `field ${id}`) !== 0;
  }

  int8(id: number, def: number, name: string): number {
    const p = this.field(id, 1, name);
    return p ? this.view.bb.readInt8(p) : def;
  }

  uint8(id: number, def: number, name: string): number {
    const p = this.field(id, 1, name);
    return p ? this.view.bb.readUint8(p) : def;
  }

  bool(id: number, def: boolean, name: string): boolean {
    const p = this.field(id, 1, name);
    return p ? this.view.bb.readUint8(p) !== 0 : def;
  }

  int32(id: number, def: number, name: string): number {
    const p = this.field(id, 4, name);
    return p ? this.view.bb.readInt32(p) : def;
  }

  uint32(id: number, def: number, name: string): number {
    const p = this.field(id, 4, name);
    return p ? this.view.bb.readUint32(p) : def;
  }

  float32(id: number, def: number, name: string): number {
    const p = this.field(id, 4, name);
    return p ? this.view.bb.readFloat32(p) : def;
  }

  uint64(id: number, name: string): number {
    const p = this.field(id, 8, name);
    return p ? Number(this.view.bb.readUint64(p)) : 0;
  }

  table(id: number, name: string): Table | null {
    const p = this.field(id, 4, name);
    return p ? this.view.table(this.view.indirect(p, `${this.what}.${name}`), `${this.what}.${name}`) : null;
  }

  vector(id: number, elemSize: number, name: string): VectorRef | null {
    const p = this.field(id, 4, name);
    if (!p) return null;
    const what = `${this.what}.${name}`;
    const at = this.view.indirect(p, what);
    const length = this.view.bb.readUint32(at);
    if (length * elemSize > this.view.size - at - 4) {
      throw malformed(`${what} claims ${length} elements, more than the file can hold`);
    }
    this.view.charge(length, what);
    return { start: at + 4, length };
  }

  string(id: number, name: string): string | undefined {
    const v = this.vector(id, 1, name);
    if (!v) return undefined;
    return UTF8.decode(this.view.bytes.subarray(v.start, v.start + v.length));
  }

  int32s(id: number, name: string): number[] | undefined {
    const v = this.vector(id, 4, name);
    if (!v) return undefined;
    const out = new Array<number>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = this.view.bb.readInt32(v.start + 4 * i);
    return out;
  }

  float32s(id: number, name: string): number[] | undefined {
    const v = this.vector(id, 4, name);
    if (!v) return undefined;
    const out = new Array<number>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = this.view.bb.readFloat32(v.start + 4 * i);
    return out;
  }

  int64s(id: number, name: string): number[] | undefined {
    const v = this.vector(id, 8, name);
    if (!v) return undefined;
    const out = new Array<number>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = Number(this.view.bb.readInt64(v.start + 8 * i));
    return out;
  }

  /** The bytes of a [ubyte] vector, as a view into the file (callers copy what they keep). */
  bytes(id: number, name: string): Uint8Array | undefined {
    const v = this.vector(id, 1, name);
    return v ? this.view.bytes.subarray(v.start, v.start + v.length) : undefined;
  }

  tables(id: number, name: string): Table[] | undefined {
    const v = this.vector(id, 4, name);
    if (!v) return undefined;
    const out: Table[] = [];
    for (let i = 0; i < v.length; i++) {
      const what = `${this.what}.${name}[${i}]`;
      out.push(this.view.table(this.view.indirect(v.start + 4 * i, what), what));
    }
    return out;
  }
}
