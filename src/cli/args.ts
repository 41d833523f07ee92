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
}

export const SIM_USAGE =
  'usage: npm run sim -- <scenario id or path> [--set <dotted.path>=<value>]... [--seed N] [--duration <seconds>] [--backend gpu|cpu] [--out result.json]';

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

export function parseSimArgs(argv: readonly string[]): SimArgs {
  let scenario: string | undefined;
  const sets: [string, PatchValue][] = [];
  const out: { seed?: number; duration?: number; backend?: 'gpu' | 'cpu'; out?: string } = {};
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
        out.duration = number(takeValue(argv, k++, arg), arg, (x) => x > 0, 'a positive number of seconds');
        break;
      case '--backend': {
        const b = takeValue(argv, k++, arg);
        if (b !== 'gpu' && b !== 'cpu') throw new UsageError(`--backend must be gpu or cpu, got "${b}"`);
        out.backend = b;
        break;
      }
      case '--out':
        out.out = takeValue(argv, k++, arg);
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
