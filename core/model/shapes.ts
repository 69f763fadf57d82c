// Shape inference: each op's output shapes from its inputs (TFLite's rules), checked against the model's shapes.
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { constInts } from './const-data.js';
import { elementCount, type Graph, type Op, type Padding } from './ir.js';
import { windowOutSize } from './padding.js';

/** An op whose shapes do not fit together; names the op's index, type and output tensor. */
export class ShapeMismatchError extends TinyDeployError {
  constructor(readonly opIndex: number, readonly opType: string, detail: string) {
    super(ErrorCode.ModelShapeMismatch, `Op ${opIndex} (${opType}): ${detail}.`, {
      advice: 'The model file is inconsistent; re-export it from the training framework.',
    });
    this.name = 'ShapeMismatchError';
  }
}

const fmt = (s: readonly number[] | null): string => (s ? `[${s.join(', ')}]` : 'absent');

/** Checks shared by the rules: each failure names the op. */
class Rule {
  constructor(readonly graph: Graph, readonly op: Op, readonly index: number, readonly shapes: (number[] | null)[]) {}
  fail(detail: string): never {
    throw new ShapeMismatchError(this.index, this.op.type, detail);
  }
  input(i: number, rank?: number, what = `input ${i}`): number[] {
    const s = this.shapes[i];
    if (!s) this.fail(`${what} is missing`);
    if (rank !== undefined && s.length !== rank) this.fail(`${what} has shape ${fmt(s)}, expected rank ${rank}`);
    return s;
  }
  axis(axis: number, rank: number): number {
    const a = axis < 0 ? axis + rank : axis;
    if (!(a >= 0 && a < rank)) this.fail(`axis ${axis} is out of range for rank ${rank}`);
    return a;
  }
  bias(channels: number): void {
    const b = this.shapes[2];
    if (b && elementCount(b) !== channels) this.fail(`bias ${fmt(b)} does not have ${channels} elements`);
  }
  spatial(input: number[], kh: number, kw: number, o: { strideH: number; strideW: number; padding: Padding }, dh = 1, dw = 1): [number, number] {
    const h = windowOutSize(o.padding, input[1], kh, o.strideH, dh);
    const w = windowOutSize(o.padding, input[2], kw, o.strideW, dw);
    if (h < 1 || w < 1) this.fail(`a ${kh}x${kw} window (${o.padding}) does not fit the ${input[1]}x${input[2]} input`);
    return [h, w];
  }
}

function broadcast(r: Rule, a: number[], b: number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const x = a[a.length - rank + i] ?? 1;
    const y = b[b.length - rank + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) r.fail(`inputs ${fmt(a)} and ${fmt(b)} do not broadcast`);
    out.push(x === 1 ? y : x);
  }
  return out;
}

function reshape(r: Rule): number[] {
  const input = r.input(0);
  const fromInput = r.op.inputs.length > 1 && r.op.inputs[1] >= 0 ? constInts(r.graph.tensors[r.op.inputs[1]]) : null;
  const given = fromInput ?? (r.op.type === 'RESHAPE' ? r.op.options.newShape : undefined)
    ?? r.graph.tensors[r.op.outputs[0]].shape;
  const known = given.reduce((n, d) => (d === -1 ? n : n * d), 1);
  const unknown = given.filter((d) => d === -1).length;
  const total = elementCount(input);
  if (unknown > 1 || given.some((d) => d < -1)) r.fail(`new shape ${fmt(given)} is invalid`);
  const out = unknown ? given.map((d) => (d === -1 ? (known === 0 ? 0 : total / known) : d)) : given;
  if (elementCount(out) !== total || !out.every(Number.isInteger)) {
    r.fail(`cannot reshape ${fmt(input)} (${total} elements) to ${fmt(given)}`);
  }
  return out;
}

function outputShape(r: Rule): number[] {
  const op = r.op;
  switch (op.type) {
    case 'FULLY_CONNECTED': {
      const input = r.input(0);
      const w = r.input(1, 2, 'weights');
      const [units, depth] = w;
      if (depth === 0 || elementCount(input) % depth !== 0) r.fail(`input ${fmt(input)} does not split into rows of ${depth}`);
      r.bias(units);
      if (op.options.keepNumDims) {
        if (input[input.length - 1] !== depth) r.fail(`input ${fmt(input)} must end in ${depth} with keep_num_dims`);
        return [...input.slice(0, -1), units];
      }
      return [elementCount(input) / depth, units];
    }
    case 'CONV_2D': {
      const input = r.input(0, 4);
      const [o, kh, kw, i] = r.input(1, 4, 'filter');
      if (i === 0 || input[3] % i !== 0) r.fail(`input depth ${input[3]} is not a multiple of the filter depth ${i}`);
      r.bias(o);
      const [h, w] = r.spatial(input, kh, kw, op.options, op.options.dilationH, op.options.dilationW);
      return [input[0], h, w, o];
    }
    case 'DEPTHWISE_CONV_2D': {
      const input = r.input(0, 4);
      const [one, kh, kw, oc] = r.input(1, 4, 'filter');
      if (one !== 1 || input[3] === 0 || oc % input[3] !== 0) r.fail(`filter [${one}, ${kh}, ${kw}, ${oc}] does not fit input depth ${input[3]}`);
      r.bias(oc);
      const [h, w] = r.spatial(input, kh, kw, op.options, op.options.dilationH, op.options.dilationW);
      return [input[0], h, w, oc];
    }
    case 'AVERAGE_POOL_2D':
    case 'MAX_POOL_2D': {
      const input = r.input(0, 4);
      const [h, w] = r.spatial(input, op.options.filterH, op.options.filterW, op.options);
      return [input[0], h, w, input[3]];
    }
    case 'RESHAPE':
      return reshape(r);
    case 'ADD':
    case 'MUL':
      return broadcast(r, r.input(0), r.input(1));
    case 'MEAN': {
      const input = r.input(0);
      const axes = constInts(r.graph.tensors[op.inputs[1]]);
      if (!axes) return r.graph.tensors[op.outputs[0]].shape; // axes computed at run time: trust the file
      const set = new Set(axes.map((a) => r.axis(a, input.length)));
      return op.options.keepDims ? input.map((d, i) => (set.has(i) ? 1 : d)) : input.filter((_, i) => !set.has(i));
    }
    case 'PAD': {
      const input = r.input(0);
      const p = constInts(r.graph.tensors[op.inputs[1]]);
      if (!p) return r.graph.tensors[op.outputs[0]].shape;
      if (p.length !== 2 * input.length || p.some((x) => x < 0)) r.fail(`paddings [${p.join(', ')}] do not fit input ${fmt(input)}`);
      return input.map((d, i) => d + p[2 * i] + p[2 * i + 1]);
    }
    case 'CONCATENATION': {
      const first = r.input(0);
      const axis = r.axis(op.options.axis, first.length);
      const out = [...first];
      for (let k = 1; k < op.inputs.length; k++) {
        const s = r.input(k);
        if (s.length !== first.length || s.some((d, i) => i !== axis && d !== first[i])) {
          r.fail(`input ${k} ${fmt(s)} does not match input 0 ${fmt(first)} outside axis ${axis}`);
        }
        out[axis] += s[axis];
      }
      return out;
    }
    case 'SOFTMAX': case 'LOGISTIC': case 'TANH': case 'RELU': case 'RELU6': case 'QUANTIZE': case 'DEQUANTIZE':
      return [...r.input(0)];
  }
}

/** The output shape an op computes from `shapes` (shapes per tensor; null for unknown). */
export function opOutputShape(graph: Graph, index: number, shapes: readonly (number[] | null)[]): number[] {
  const op = graph.ops[index];
  if (op.outputs.length !== 1) throw new ShapeMismatchError(index, op.type, `has ${op.outputs.length} outputs, expected 1`);
  const inputs = op.inputs.map((i) => (i >= 0 ? shapes[i] ?? null : null));
  return outputShape(new Rule(graph, op, index, inputs));
}

/**
 * Infers every tensor's shape from the graph inputs and constants, op by op, and checks it against the shape
 * the model declares. Returns the shapes per tensor; throws ShapeMismatchError (ModelShapeMismatch) on the
 * first op whose shapes disagree.
 */
export function inferShapes(graph: Graph): number[][] {
  const shapes: number[][] = graph.tensors.map((t) => [...t.shape]);
  graph.ops.forEach((op, index) => {
    const computed = opOutputShape(graph, index, shapes);
    const out = graph.tensors[op.outputs[0]];
    if (fmt(computed) !== fmt(out.shape)) {
      throw new ShapeMismatchError(index, op.type,
        `output "${out.name}" is ${fmt(out.shape)} in the model, but its inputs give ${fmt(computed)}`);
    }
    shapes[op.outputs[0]] = computed;
  });
  return shapes;
}
