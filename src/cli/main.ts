import { readFileSync } from 'node:fs';
import { DEFAULT_SPEAKING_RATE, measureDraft, speakingTime } from '../core/draftStats';

/** The `speech-drafter` command line: the same core as the extension, for scripts and quick checks. */

interface CliCommand {
  readonly usage: string;
  readonly summary: string;
  run(args: readonly string[]): number;
}

const commands: Readonly<Record<string, CliCommand>> = {
  stats: {
    usage: 'stats FILE [--rate N] [--json]',
    summary: 'character count (字数) and estimated speaking time of a draft',
    run(args) {
      const { positional, flags } = parseArgs(args, ['rate']);
      if (positional.length !== 1) return usageError('stats needs exactly one FILE');
      const rate = flags.rate === undefined ? DEFAULT_SPEAKING_RATE : Number(flags.rate);
      if (!Number.isFinite(rate) || rate <= 0) return usageError(`--rate must be a positive number, got "${String(flags.rate)}"`);
      const stats = measureDraft(readFileSync(positional[0], 'utf8'));
      const time = speakingTime(stats.spokenCharacters, rate);
      if (flags.json) {
        console.log(JSON.stringify({ ...stats, rate, minutes: time.minutes, seconds: time.seconds }));
      } else {
        console.log(`${stats.characters} 字（其中 ${stats.spokenCharacters} 字需读出），按每分钟 ${rate} 字约需 ${time.minutes} 分 ${time.seconds} 秒`);
      }
      return 0;
    },
  },
};

interface ParsedArgs {
  positional: string[];
  flags: Record<string, string | true | undefined>;
}

function parseArgs(args: readonly string[], valued: readonly string[]): ParsedArgs {
  const parsed: ParsedArgs = { positional: [], flags: {} };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      parsed.positional.push(arg);
      continue;
    }
    const name = arg.slice(2);
    parsed.flags[name] = valued.includes(name) ? args[++i] : true;
  }
  return parsed;
}

function usageError(message: string): number {
  console.error(`speech-drafter: ${message}`);
  console.error(helpText());
  return 2;
}

function helpText(): string {
  const lines = ['Usage: speech-drafter COMMAND [ARGS]', '', 'Commands:'];
  for (const command of Object.values(commands)) lines.push(`  ${command.usage.padEnd(34)} ${command.summary}`);
  return lines.join('\n');
}

function main(argv: readonly string[]): number {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(helpText());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) return usageError(`unknown command "${name}"`);
  try {
    return command.run(rest);
  } catch (error) {
    console.error(`speech-drafter ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
