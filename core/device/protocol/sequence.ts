// Lost-line accounting from sequence gaps (docs/protocol.md, "Sequence numbers").
import type { BoardMessage } from './messages.js';

const MODULO = 65536;

export class SequenceTracker {
  /** Lines lost so far: gaps in the board's counter, which covers lines whose checksum failed. */
  lost = 0;
  /** Board restarts seen: a hello #0, or the counter going backwards. */
  resets = 0;
  private last: number | undefined;

  /** Accounts for one message; returns how many lines were lost just before it. */
  accept(message: BoardMessage): number {
    const seq = message.seq;
    const previous = this.last;
    this.last = seq;
    if (message.kind === 'hello' && seq === 0) {
      if (previous !== undefined) this.resets++;
      return 0; // a reset: the counter restarts and nothing is lost across it
    }
    if (previous === undefined) return 0; // joined mid-stream: what came before was never ours to lose
    let gap = (seq - previous - 1 + MODULO) % MODULO;
    if (gap >= MODULO / 2) {
      // The counter went backwards: the board restarted and its hello #0 was lost too, as were #1..#seq-1.
      this.resets++;
      gap = seq;
    }
    this.lost += gap;
    return gap;
  }

  /** Forget the position (a different board may be on the port now); the totals stay. */
  forget(): void {
    this.last = undefined;
  }
}
