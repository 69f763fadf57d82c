// Models with ops outside the IR give one UnsupportedOpsError naming every such op; other unsupported content too.
import { describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { readTflite, UnsupportedOpsError } from '../../core/formats/index.js';
import { buildRawModel, type RawOpCode } from './raw-model.js';

const FLOAT32 = 0;

/** A chain of ops t0 → t1 → … , one op per opcode given. */
function chain(opcodes: RawOpCode[]): Uint8Array {
  return buildRawModel({
    opcodes,
    tensors: Array.from({ length: opcodes.length + 1 }, (_, i) => ({ shape: [1, 4], type: FLOAT32, name: `t${i}` })),
    ops: opcodes.map((_, i) => ({ opcode: i, inputs: [i], outputs: [i + 1] })),
    inputs: [0],
    outputs: [opcodes.length],
  });
}

function thrown(f: () => unknown): unknown {
  try { f(); } catch (e) { return e; }
  throw new Error('expected an error');
}

describe('unsupported ops', () => {
  it('lists SVDF and UNIDIRECTIONAL_SEQUENCE_LSTM by name in one error', () => {
    const e = thrown(() => readTflite(chain([{ builtin: 27 }, { builtin: 19 }, { builtin: 44 }])));
    expect(e).toBeInstanceOf(UnsupportedOpsError);
    const err = e as UnsupportedOpsError;
    expect(err.code).toBe(ErrorCode.ModelUnsupportedOps);
    expect(err.ops).toEqual(['SVDF', 'UNIDIRECTIONAL_SEQUENCE_LSTM']);
    expect(err.message).toContain('SVDF');
    expect(err.message).toContain('UNIDIRECTIONAL_SEQUENCE_LSTM');
    expect(err.advice).toBeTruthy();
  });

  it('names each unsupported op once, in order of first use, including custom ops and codes above 127', () => {
    const e = thrown(() => readTflite(chain([
      { builtin: 150, deprecated: 127 }, // GELU: only in builtin_code
      { builtin: 32, custom: 'ethos-u' },
      { builtin: 0, deprecated: 98 }, // LEAKY_RELU in an old file: only deprecated_builtin_code set
      { builtin: 150, deprecated: 127 },
      { builtin: 41 }, // SUB
    ]))) as UnsupportedOpsError;
    expect(e.ops).toEqual(['GELU', 'ethos-u (custom op)', 'LEAKY_RELU', 'SUB']);
  });

  it('reads a supported op recorded only in deprecated_builtin_code (pre-3a files)', () => {
    const g = readTflite(chain([{ builtin: 0, deprecated: 19 }]));
    expect(g.ops.map((o) => o.type)).toEqual(['RELU']);
  });

  it('reads QUANTIZE (code 114) and names codes newer than the table generically', () => {
    expect(readTflite(chain([{ builtin: 114 }])).ops[0].type).toBe('QUANTIZE');
    const e = thrown(() => readTflite(chain([{ builtin: 4000, deprecated: 127 }]))) as UnsupportedOpsError;
    expect(e.ops).toEqual(['BUILTIN_4000']);
  });

  it('refuses a model with two subgraphs with a typed error saying so', () => {
    const bytes = buildRawModel({
      opcodes: [{ builtin: 19 }], tensors: [{ shape: [1], type: FLOAT32 }, { shape: [1], type: FLOAT32 }],
      ops: [{ opcode: 0, inputs: [0], outputs: [1] }], inputs: [0], outputs: [1], subgraphs: 2,
    });
    const e = thrown(() => readTflite(bytes)) as TinyDeployError;
    expect(e).toBeInstanceOf(TinyDeployError);
    expect(e.code).toBe(ErrorCode.ModelUnsupportedType);
    expect(e.message).toMatch(/2 subgraphs/);
  });

  it('refuses tensor types the IR cannot hold (COMPLEX64) by name', () => {
    const bytes = buildRawModel({
      opcodes: [{ builtin: 19 }], tensors: [{ shape: [1], type: 8 }, { shape: [1], type: FLOAT32 }],
      ops: [{ opcode: 0, inputs: [0], outputs: [1] }], inputs: [0], outputs: [1],
    });
    const e = thrown(() => readTflite(bytes)) as TinyDeployError;
    expect(e.code).toBe(ErrorCode.ModelUnsupportedType);
    expect(e.message).toContain('COMPLEX64');
  });
});
