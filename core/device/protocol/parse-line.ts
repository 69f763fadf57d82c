// One text line → a typed board message, or the reason it is not one (the line then goes to the raw console).
import { crc8 } from './crc8.js';
import type { BoardMessage, HelloMessage, ResultMessage } from './messages.js';

export type ParsedLine =
  | { readonly ok: true; readonly message: BoardMessage }
  | { readonly ok: false; readonly reason: 'no-checksum' | 'bad-checksum' | 'malformed' };

const TRAILER = / \*([0-9A-F]{2})$/;
const UINT = /^\d+$/;
const SHAPE = /^(\d+(?:x\d+)*):i8$/;
const HEX = /^(?:[0-9a-f]{2})*$/;

export function parseLine(line: string): ParsedLine {
  const trailer = TRAILER.exec(line);
  if (!trailer) return { ok: false, reason: 'no-checksum' };
  const body = line.slice(0, trailer.index);
  if (crc8(body) !== parseInt(trailer[1], 16)) return { ok: false, reason: 'bad-checksum' };
  const message = parseBody(body.split(' '));
  return message ? { ok: true, message } : { ok: false, reason: 'malformed' };
}

function parseBody(tokens: string[]): BoardMessage | undefined {
  let seq: number | undefined;
  const fields = new Map<string, string>();
  const scores: { label: string; value: number }[] = [];
  const head = tokens[0]?.startsWith('@') ? tokens.shift() : undefined;
  for (const t of tokens) {
    if (t.startsWith('#')) {
      if (!UINT.test(t.slice(1)) || seq !== undefined) return undefined;
      seq = Number(t.slice(1));
      if (seq > 65535) return undefined;
      continue;
    }
    const eq = t.indexOf('=');
    const colon = t.indexOf(':');
    if (eq > 0 && (colon < 0 || eq < colon)) fields.set(t.slice(0, eq), t.slice(eq + 1));
    else if (head === undefined && colon > 0) {
      const value = Number(t.slice(colon + 1));
      if (!Number.isFinite(value) || t.slice(colon + 1) === '') return undefined;
      scores.push({ label: t.slice(0, colon), value });
    } else if (t !== '') return undefined;
  }
  if (seq === undefined) return undefined;
  const num = (k: string): number | undefined => {
    const v = fields.get(k);
    return v !== undefined && UINT.test(v) ? Number(v) : undefined;
  };
  switch (head) {
    case undefined:
      return result(seq, scores, fields.get('top'), num('us'), decimal(fields.get('x')));
    case '@hello':
      return hello(seq, fields, num);
    case '@ram': {
      const [free, stack, act, total] = ['free', 'stack', 'act', 'total'].map(num);
      if (free === undefined || stack === undefined || act === undefined || total === undefined) return undefined;
      return { kind: 'ram', seq, freeBytes: free, stackUsed: stack, actBytes: act, total };
    }
    case '@out': {
      const id = num('id');
      const q = fields.get('q');
      const us = num('us');
      if (id === undefined || q === undefined || !HEX.test(q) || us === undefined) return undefined;
      return { kind: 'out', seq, id, q: new Int8Array(Buffer.from(q, 'hex')), latencyUs: us };
    }
    case '@ack': {
      const id = num('id');
      const cmd = fields.get('cmd');
      return id === undefined || !cmd ? undefined : { kind: 'ack', seq, id, cmd };
    }
    case '@err': {
      const code = fields.get('code');
      return code ? { kind: 'err', seq, code, msg: (fields.get('msg') ?? '').replace(/_/g, ' ') } : undefined;
    }
    default:
      return undefined;
  }
}

/** A signed decimal as the board prints values ("-0.1234"); anything else is not one. */
function decimal(v: string | undefined): number | undefined {
  return v !== undefined && /^-?\d+(?:\.\d+)?$/.test(v) ? Number(v) : undefined;
}

function result(seq: number, scores: ResultMessage['scores'], top: string | undefined, us: number | undefined, x: number | undefined): ResultMessage | undefined {
  if (scores.length === 0 || top === undefined || us === undefined) return undefined;
  return { kind: 'result', seq, scores, top, latencyUs: us, ...(x !== undefined ? { x } : {}) };
}

function shape(v: string | undefined): number[] | undefined {
  const m = v === undefined ? null : SHAPE.exec(v);
  return m ? m[1].split('x').map(Number) : undefined;
}

function hello(seq: number, f: Map<string, string>, num: (k: string) => number | undefined): HelloMessage | undefined {
  const version = num('v');
  const inShape = shape(f.get('in'));
  const outShape = shape(f.get('out'));
  const [act, ram, period] = [num('act'), num('ram'), num('period')];
  const labels = f.get('labels');
  const strings = ['board', 'model', 'hash', 'backend', 'src'].map((k) => f.get(k));
  if (version === undefined || !inShape || !outShape || act === undefined || ram === undefined || period === undefined || labels === undefined) return undefined;
  const [board, model, hash, backend, source] = strings;
  if (!board || !model || !hash || !backend || !source) return undefined;
  return {
    kind: 'hello', seq, version, board, model, hash, inShape, outShape,
    labels: labels === '-' ? null : labels.split(','),
    backend, actBytes: act, ramTotal: ram, source, periodMs: period,
  };
}
