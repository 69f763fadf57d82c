// Activation RAM without the codegen planner (compress may not import codegen): the layer-by-layer figure, i.e.
// the most activation bytes alive at one op when no output overlaps an input (model/lifetimes.ts, as codegen's
// noOverlapPeakBytes). Best effort: a graph codegen would refuse still gets a figure.
import { activationBuffers, noOverlapPeakBytes, type Graph } from '../model/index.js';

export function layerByLayerBytes(graph: Graph): number {
  return noOverlapPeakBytes(activationBuffers(graph).buffers, graph.ops.length);
}
