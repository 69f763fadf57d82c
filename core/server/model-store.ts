// The models this server has opened or produced, by id: the bytes (for the compress worker) and the graph.
import { randomBytes } from 'node:crypto';
import { ErrorCode, TinyDeployError } from '../api/index.js';
import type { Graph } from '../model/index.js';

export interface StoredModel {
  readonly id: string;
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly graph: Graph;
  readonly exampleId?: string;
}

/** Keeps the last few models only: a classroom session opens a handful, and each holds its weights in memory. */
export class ModelStore {
  private readonly models = new Map<string, StoredModel>();
  constructor(private readonly capacity = 24) {}

  add(m: Omit<StoredModel, 'id'>): StoredModel {
    const stored = { ...m, id: randomBytes(8).toString('hex') };
    this.models.set(stored.id, stored);
    while (this.models.size > this.capacity) this.models.delete(this.models.keys().next().value!);
    return stored;
  }

  get(id: string): StoredModel {
    const m = this.models.get(id);
    if (!m) {
      throw new TinyDeployError(ErrorCode.InvalidArgument, 'That model is no longer open on the server.', {
        advice: 'Open the model again in the Model step (the server keeps models only while it runs).',
      });
    }
    return m;
  }
}
