// The course's words for what each compression step did, built from the measured report (never canned figures).
import type { VariantDto } from '../api/index.js';

type Figures = Pick<VariantDto, 'kind' | 'params' | 'weightBytes' | 'zippedWeightBytes' | 'activationRamBytes' | 'macs' | 'metric' | 'dtype'>;

const n = (v: number): string => v.toLocaleString('en-US');
const pct = (after: number, before: number): string => {
  if (before === 0) return '';
  const d = Math.round(((after - before) / before) * 100);
  return d === 0 ? ' (unchanged)' : ` (${d > 0 ? '+' : ''}${d} %)`;
};

function quality(v: Figures, base: Figures, metric: 'accuracy' | 'rmse'): string {
  if (metric === 'accuracy') {
    const d = (v.metric - base.metric) * 100;
    return `Accuracy on the test split went from ${(base.metric * 100).toFixed(1)} % to ${(v.metric * 100).toFixed(1)} % ` +
      `(${d >= 0 ? '+' : ''}${d.toFixed(1)} points).`;
  }
  return `The error on the test split (RMSE, lower is better) went from ${base.metric.toFixed(4)} to ${v.metric.toFixed(4)}.`;
}

export function explainVariant(v: Figures, base: Figures, metric: 'accuracy' | 'rmse'): string {
  const bytes = `Weights: ${n(base.weightBytes)} → ${n(v.weightBytes)} bytes${pct(v.weightBytes, base.weightBytes)}; ` +
    `activation RAM: ${n(base.activationRamBytes)} → ${n(v.activationRamBytes)} bytes${pct(v.activationRamBytes, base.activationRamBytes)}.`;
  switch (v.kind) {
    case 'original':
      return `The model as trained: ${n(v.params)} parameters stored as ${v.dtype === 'int8' ? '8-bit integers' : '32-bit floats'}, ` +
        `${n(v.macs)} multiply-accumulates per inference. Every other row is compared with this one.`;
    case 'quantize':
      return 'Quantization stored every weight and activation as an 8-bit integer with a scale, instead of a 32-bit float: ' +
        `about 4× fewer bytes, and integer arithmetic the microcontroller does fast. ${bytes} ${quality(v, base, metric)}`;
    case 'prune-magnitude':
      return 'Magnitude pruning set the smallest weights to zero and fine-tuned the rest. The board still stores the zeros, ' +
        `so flash does not shrink; compressed, the weights would take ${n(v.zippedWeightBytes)} bytes instead of ` +
        `${n(base.zippedWeightBytes)}. ${quality(v, base, metric)}`;
    case 'prune-structured':
      return 'Structured pruning removed whole neurons or filters (the least important ones), then fine-tuned: ' +
        `the model has ${n(v.params)} parameters instead of ${n(base.params)} and does ${n(v.macs)} multiply-accumulates ` +
        `instead of ${n(base.macs)}. ${bytes} ${quality(v, base, metric)}`;
    case 'distill':
      return 'Distillation trained a narrower student model to copy the original\'s outputs (the teacher\'s soft scores), ' +
        `not only the labels: ${n(v.params)} parameters instead of ${n(base.params)}. ${bytes} ${quality(v, base, metric)}`;
  }
}
