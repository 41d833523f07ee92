/** Command-line parsing for `npm run sim` and `npm run bench`: pure functions, one-line errors. */
import { type PatchValue, parsePatchValue } from '../scenario/patch';

/** A bad command line: the CLI prints the message as one line and exits with code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface SimArgs {
  readonly scenario: string;
  readonly sets: readonly (readonly [string, PatchValue])[];
  readonly seed?: number;
  readonly duration?: number;
  readonly backend?: 'gpu' | 'cpu';
  readonly out?: string;
  /** progress lines on stderr (default: when stderr is a terminal) */
  readonly progress?: boolean;
}

export const SIM_USAGE =
  'usage: npm run sim -- <scenario id or path> [--set <dotted.path>=<value>]... [--seed N] [--duration <seconds>] [--backend gpu|cpu] [--out result.json] [--progress]';

function takeValue(argv: readonly string[], k: number, flag: string): string {
  const value = argv[k + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
  return value;
}

function number(text: string, flag: string, check: (x: number) => boolean, what: string): number {
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x) || !check(x)) throw new UsageError(`${flag} must be ${what}, got "${text}"`);
  return x;
}

const seconds = (text: string, flag: string) => number(text, flag, (x) => x > 0, 'a positive number of seconds');

function backend(text: string): 'gpu' | 'cpu' {
  if (text !== 'gpu' && text !== 'cpu') throw new UsageError(`--backend must be gpu or cpu, got "${text}"`);
  return text;
}

export function parseSimArgs(argv: readonly string[]): SimArgs {
  let scenario: string | undefined;
  const sets: [string, PatchValue][] = [];
  const out: { seed?: number; duration?: number; backend?: 'gpu' | 'cpu'; out?: string; progress?: boolean } = {};
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k]!;
    switch (arg) {
      case '--set': {
        const assignment = takeValue(argv, k++, '--set');
        const eq = assignment.indexOf('=');
        if (eq < 1) throw new UsageError(`--set needs <dotted.path>=<value>, got "${assignment}"`);
        sets.push([assignment.slice(0, eq), parsePatchValue(assignment.slice(eq + 1))]);
        break;
      }
      case '--seed':
        out.seed = number(takeValue(argv, k++, arg), arg, (x) => Number.isInteger(x) && x >= 0 && x <= 0xffffffff, 'a whole number in 0..4294967295');
        break;
      case '--duration':
        out.duration = seconds(takeValue(argv, k++, arg), arg);
        break;
      case '--backend':
        out.backend = backend(takeValue(argv, k++, arg));
        break;
      case '--out':
        out.out = takeValue(argv, k++, arg);
        break;
      case '--progress':
        out.progress = true;
        break;
      default:
        if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
        if (scenario !== undefined) throw new UsageError(`one scenario only (got "${scenario}" and "${arg}")`);
        scenario = arg;
    }
  }
  if (scenario === undefined) throw new UsageError('missing the scenario id or path');
  return { scenario, sets, ...out };
}

export interface BenchArgs {
  /** A scenario id or path: measure its real-time factor instead of the LIF series. */
  readonly scenario?: string;
  /** `plasticity`: plastic synapse updates per second (sizes count synapses). */
  readonly plasticity: boolean;
  readonly sizes: readonly number[];
  readonly backends: readonly ('gpu' | 'cpu')[];
  /** Timed steps per size; without it the bench times about `seconds` per size. */
  readonly steps?: number;
  /** Wall time aimed at per size (s); a size estimated to need more than 30× this (warm-up included) is skipped. */
  readonly seconds: number;
  /** Scenario mode: simulated seconds (overrides the scenario's duration). */
  readonly duration?: number;
  readonly json?: string;
}

export const BENCH_USAGE =
  'usage: npm run bench -- [<scenario id or path> | plasticity] [--sizes 1e3,1e4,...] [--steps N] [--seconds S] [--backend gpu|cpu] [--duration s] [--json path]';

/** 4,096 neurons is the small-network target; the powers of ten span 10^3–10^7. */
export const DEFAULT_BENCH_SIZES = [1e3, 4096, 1e4, 1e5, 1e6, 1e7] as const;
export const MAX_BENCH_NEURONS = 2 ** 24;
/** The plasticity benchmark's synapse counts: 10^6 (CPU-sized) to 10^8. */
export const DEFAULT_PLASTICITY_SIZES = [1e6, 1e7, 1e8] as const;
export const MAX_BENCH_SYNAPSES = 2 ** 31;

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let scenario: string | undefined;
  const out: { sizes?: number[]; backends?: ('gpu' | 'cpu')[]; steps?: number; seconds?: number; duration?: number; json?: string } = {};
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k]!;
    switch (arg) {
      case '--sizes': {
        const text = takeValue(argv, k++, arg);
        out.sizes = text.split(',').map((s) =>
          number(s, arg, (x) => Number.isInteger(x) && x >= 2 && x <= MAX_BENCH_SYNAPSES, `comma-separated whole numbers (e.g. 1e3,1e4)`));
        break;
      }
      case '--steps':
        out.steps = number(takeValue(argv, k++, arg), arg, (x) => Number.isInteger(x) && x >= 1 && x <= 100_000, 'a whole number in 1..100000');
        break;
      case '--seconds':
        out.seconds = seconds(takeValue(argv, k++, arg), arg);
        break;
      case '--duration':
        out.duration = seconds(takeValue(argv, k++, arg), arg);
        break;
      case '--backend':
        out.backends = [backend(takeValue(argv, k++, arg))];
        break;
      case '--json':
        out.json = takeValue(argv, k++, arg);
        break;
      default:
        if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
        if (scenario !== undefined) throw new UsageError(`one scenario only (got "${scenario}" and "${arg}")`);
        scenario = arg;
    }
  }
  const plasticity = scenario === 'plasticity';
  const series = scenario === undefined || plasticity;
  if (series && out.duration !== undefined) throw new UsageError('--duration applies to a scenario benchmark only');
  if (!series && (out.sizes !== undefined || out.steps !== undefined)) throw new UsageError('--sizes and --steps apply to the LIF and plasticity benchmarks only, not to a scenario');
  const maxSize = plasticity ? MAX_BENCH_SYNAPSES : MAX_BENCH_NEURONS;
  if (out.sizes?.some((x) => x > maxSize)) throw new UsageError(`--sizes must be at most ${maxSize} ${plasticity ? 'synapses' : 'neurons'}`);
  return {
    ...(scenario !== undefined && !plasticity ? { scenario } : {}),
    plasticity,
    sizes: out.sizes ?? [...(plasticity ? DEFAULT_PLASTICITY_SIZES : DEFAULT_BENCH_SIZES)],
    backends: out.backends ?? ['gpu', 'cpu'],
    ...(out.steps !== undefined ? { steps: out.steps } : {}),
    seconds: out.seconds ?? 2,
    ...(out.duration !== undefined ? { duration: out.duration } : {}),
    ...(out.json !== undefined ? { json: out.json } : {}),
  };
}
