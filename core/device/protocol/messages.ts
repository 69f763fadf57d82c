// Typed board → host messages of protocol v1 (docs/protocol.md).
export const PROTOCOL_VERSION = 1;

export interface HelloMessage {
  readonly kind: 'hello';
  readonly seq: number;
  readonly version: number;
  readonly board: string;
  readonly model: string;
  readonly hash: string;
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];
  /** null when the model has no labels (`labels=-`). */
  readonly labels: readonly string[] | null;
  readonly backend: string;
  readonly actBytes: number;
  readonly ramTotal: number;
  readonly source: string;
  readonly periodMs: number;
}

export interface Score {
  readonly label: string;
  readonly value: number;
}

export interface ResultMessage {
  readonly kind: 'result';
  readonly seq: number;
  readonly scores: readonly Score[];
  readonly top: string;
  readonly latencyUs: number;
  /** The dequantized input of a one-value model (optional `x=`), for plotting y against x. */
  readonly x?: number;
}

export interface RamMessage {
  readonly kind: 'ram';
  readonly seq: number;
  readonly freeBytes: number;
  readonly stackUsed: number;
  readonly actBytes: number;
  readonly total: number;
}

export interface OutMessage {
  readonly kind: 'out';
  readonly seq: number;
  readonly id: number;
  /** The int8 output bytes as the board computed them. */
  readonly q: Int8Array;
  readonly latencyUs: number;
}

export interface AckMessage {
  readonly kind: 'ack';
  readonly seq: number;
  readonly id: number;
  readonly cmd: string;
}

export type BoardErrorCode = 'crc' | 'syntax' | 'size' | 'unknown' | 'overflow';

export interface ErrMessage {
  readonly kind: 'err';
  readonly seq: number;
  readonly code: BoardErrorCode | string;
  readonly msg: string;
}

export type BoardMessage = HelloMessage | ResultMessage | RamMessage | OutMessage | AckMessage | ErrMessage;
export type BoardMessageKind = BoardMessage['kind'];
