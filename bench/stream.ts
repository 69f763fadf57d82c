// Live results from the simulated Uno at 115200 baud, streaming as fast as it can (`@rate ms=0`): results per
// second, bytes per result, and the share of the link's byte rate they use, against the link's own rate as the
// anchor (115200 baud / 10 bits per byte). Times are the board's simulated time (CPU cycles / 16 MHz), so a
// loaded host slows the run, not the figures. `npm run bench:stream -- --json`; target linkUtilisation ≥ 0.9.
import { deploy } from '../core/jobs/deploy.js';
import { locateArduinoCli } from '../core/toolchain/index.js';
import { sharedModel, TOOLS_DIR } from '../test/support/tools.js';

const BAUD = 115_200;
const LINK_BYTES_PER_SECOND = BAUD / 10; // 8N1: a start bit, 8 data bits, a stop bit
const UNO_HZ = 16_000_000;
const WINDOW_MS = Number(process.env.BENCH_STREAM_MS ?? 8000);
const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const cli = await locateArduinoCli({ toolsDir: TOOLS_DIR, searchPath: false });
  const r = await deploy({ model: sharedModel('hello_world_int8.tflite'), board: 'simulated-uno', cli, periodMs: 200 });
  const board = r.virtualBoard!;
  const session = r.session;
  try {
    await session.setRate(0);
    await new Promise((done) => setTimeout(done, 500)); // past the switch: only full-speed lines in the window
    const latencies: number[] = [];
    session.on('result', (m) => latencies.push(m.latencyUs));
    const c0 = await board.readCycles!();
    const s0 = session.stats;
    await new Promise((done) => setTimeout(done, WINDOW_MS));
    const c1 = await board.readCycles!();
    const s1 = session.stats;
    const seconds = (c1 - c0) / UNO_HZ;
    const bytes = s1.bytes - s0.bytes;
    const results = s1.results - s0.results;
    const result = {
      resultsPerSecond: round(results / seconds, 1),
      bytesPerResult: round(bytes / results, 1),
      linkUtilisation: round(bytes / seconds / LINK_BYTES_PER_SECOND),
      ratioIs: 'bytes received per simulated second / (115200 baud / 10) — the link\'s byte rate measured as the anchor',
      target: 'linkUtilisation >= 0.9',
      bytesPerSecond: round(bytes / seconds, 1),
      // Why the figure is what it is: the board computes one result while the UART sends the previous line, so
      // the link saturates only when an inference (plus formatting) takes less than a line's transmit time.
      inferenceUs: round(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length), 0),
      lineTransmitUs: round(((bytes / results) * 10 * 1e6) / BAUD, 0),
      cycleUs: round((seconds * 1e6) / results, 0),
      linkBytesPerSecond: LINK_BYTES_PER_SECOND,
      simulatedSeconds: round(seconds),
      wallSeconds: WINDOW_MS / 1000,
      results,
      lostLines: s1.lostLines - s0.lostLines,
      model: 'hello_world_int8 (native backend)',
      board: board.label,
      exampleLine: '',
    };
    const line = await session.waitFor('result');
    result.exampleLine = `${line.scores.map((s) => `${s.label}:${s.value.toFixed(4)}`).join(' ')} top=${line.top} us=${line.latencyUs} #${line.seq}`;
    if (json) console.log(JSON.stringify(result, null, 2));
    else {
      console.log(`${result.resultsPerSecond} results/s, ${result.bytesPerResult} B/result, link utilisation ${result.linkUtilisation} (target ≥ 0.9)`);
      console.log(`over ${result.simulatedSeconds} simulated s; ${result.lostLines} lines lost`);
    }
  } finally {
    await session.stop();
    await board.stop();
  }
}

await main();
