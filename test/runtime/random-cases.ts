// One-op int8 graphs with random scales, zero points, shapes and activations: they reach the rounding corners
// (multipliers above one, tiny scales, saturated LOGISTIC/TANH radii, capped softmax multipliers) fixed cases miss.
import type { Activation } from '../../core/model/index.js';
import { conv, fc, GraphBuilder, pool, q, rng } from './graph-builder.js';
import type { OpCase } from './op-cases.js';

const ACTS: readonly Activation[] = ['NONE', 'RELU', 'RELU6', 'RELU_N1_TO_1'];

export function randomInt8Cases(seed: number, perOp: number): OpCase[] {
  const r = rng(seed);
  const sc = () => Math.fround(Math.exp((r.int(0, 1000) / 1000) * 10 - 8)); // about 3e-4 … 7
  const zp = () => r.int(-128, 127);
  const act = () => ACTS[r.int(0, 3)]!;
  const weights = (n: number) => Array.from(r.int8(n), (v) => Math.max(-127, v));
  const cases: OpCase[] = [];
  const add = (name: string, make: (b: GraphBuilder) => void) => {
    const b = new GraphBuilder();
    make(b);
    cases.push({ name: `${name} #${cases.length}`, graph: b.build(name) });
  };
  for (let k = 0; k < perOp; k++) {
    add('random ADD', (b) => {
      const x = b.input([1, 3, 4, 5], 'int8', q(sc(), zp()));
      const z = b.input(r.int(0, 1) ? [5] : [1, 3, 1, 5], 'int8', q(sc(), zp()));
      const y = b.tensor([1, 3, 4, 5], 'int8', q(sc(), zp()));
      b.op('ADD', [x, z], [y], { activation: act() }).output(y);
    });
    add('random MUL', (b) => {
      const x = b.input([1, 3, 4, 5], 'int8', q(sc(), zp()));
      const z = b.input([1, 3, 4, 5], 'int8', q(sc(), zp()));
      const y = b.tensor([1, 3, 4, 5], 'int8', q(sc(), zp()));
      b.op('MUL', [x, z], [y], { activation: act() }).output(y);
    });
    add('random MEAN', (b) => {
      const x = b.input([1, 4, r.int(1, 40), 3], 'int8', q(sc(), zp()));
      const a = b.constant([2], 'int32', [1, 2]);
      const y = b.tensor([1, 1, 1, 3], 'int8', q(sc(), zp()));
      b.op('MEAN', [x, a], [y], { keepDims: true }).output(y);
    });
    add('random RELU', (b) => {
      const x = b.input([1, 50], 'int8', q(sc(), zp()));
      const y = b.tensor([1, 50], 'int8', q(sc(), zp()));
      b.op('RELU', [x], [y], {}).output(y);
    });
    add('random requantize', (b) => {
      const x = b.input([1, 50], 'int8', q(sc(), zp()));
      const y = b.tensor([1, 50], 'int8', q(sc(), zp()));
      b.op('QUANTIZE', [x], [y], {}).output(y);
    });
    add('random LOGISTIC', (b) => {
      const x = b.input([1, 64], 'int8', q(sc(), zp()));
      const y = b.tensor([1, 64], 'int8', q(1 / 256, -128));
      b.op('LOGISTIC', [x], [y], {}).output(y);
    });
    add('random TANH', (b) => {
      const x = b.input([1, 64], 'int8', q(sc(), zp()));
      const y = b.tensor([1, 64], 'int8', q(1 / 128, 0));
      b.op('TANH', [x], [y], {}).output(y);
    });
    add('random SOFTMAX', (b) => {
      const d = r.int(2, 30);
      const x = b.input([3, d], 'int8', q(sc(), zp()));
      const y = b.tensor([3, d], 'int8', q(1 / 256, -128));
      b.op('SOFTMAX', [x], [y], { beta: Math.fround(r.int(1, 30) / 10) }).output(y);
    });
    add('random AVERAGE_POOL_2D', (b) => {
      const s = sc(); const z = zp();
      const x = b.input([1, 7, 7, 3], 'int8', q(s, z));
      const y = b.tensor([1, 3, 3, 3], 'int8', q(s, z));
      b.op('AVERAGE_POOL_2D', [x], [y], pool('SAME', r.int(1, 4), 3, act())).output(y);
    });
    add('random CONV_2D', (b) => {
      const C = r.int(1, 4); const O = r.int(1, 5);
      const x = b.input([1, 6, 5, C], 'int8', q(sc() / 10, zp()));
      const w = b.constant([O, 3, 3, C], 'int8', weights(O * 9 * C), q(Array.from({ length: O }, () => sc() / 50)));
      const y = b.tensor([1, 6, 5, O], 'int8', q(sc(), zp()));
      b.op('CONV_2D', [x, w, -1], [y], conv('SAME', 1, act())).output(y);
    });
    add('random FULLY_CONNECTED', (b) => {
      const D = r.int(3, 20); const O = r.int(1, 5); const si = sc() / 10; const sw = sc() / 50;
      const x = b.input([2, D], 'int8', q(si, zp()));
      const w = b.constant([O, D], 'int8', weights(O * D), q(sw));
      const bias = b.constant([O], 'int32', Array.from({ length: O }, () => r.int(-3000, 3000)), q(Math.fround(si * sw)));
      const y = b.tensor([2, O], 'int8', q(sc(), zp()));
      b.op('FULLY_CONNECTED', [x, w, bias], [y], fc(act())).output(y);
    });
  }
  return cases;
}
