// `--help` / `-h` for every command and sub-command: a usage line, what it does, and an
// example an operator can copy. Help goes to stdout with exit 0; a usage error (exit 2) says
// the same usage line on stderr.
import type { CommandIo } from './io';

export interface SubcommandHelp {
  /** `motcua keys list [--json]` */
  usage: string;
  /** One sentence, in Vietnamese, for operators. */
  summary: string;
  example: string;
  /** Further lines: options, what the output means. */
  notes?: readonly string[];
}

export interface CommandHelp {
  /** One line for `motcua --help`. */
  summary: string;
  /** Without sub-commands: the command's own usage and example. */
  usage?: string;
  example?: string;
  notes?: readonly string[];
  subcommands?: Readonly<Record<string, SubcommandHelp>>;
}

/** True when the arguments ask for help (before any `--` that ends the options). */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

/** The usage lines of a command (all its sub-commands), for usage errors. */
export function usageLines(help: CommandHelp): string {
  const lines = help.subcommands ? Object.values(help.subcommands).map((s) => s.usage) : [help.usage ?? ''];
  return lines.map((l, i) => `${i === 0 ? 'usage: ' : '       '}${l}`).join('\n');
}

/** Help for a command, or for one of its sub-commands when `sub` names one. */
export function helpText(help: CommandHelp, sub?: string): string {
  const one = sub !== undefined ? help.subcommands?.[sub] : undefined;
  if (one) return section(one.usage, one.summary, [one.example], one.notes);
  if (!help.subcommands) return section(help.usage ?? '', help.summary, help.example ? [help.example] : [], help.notes);
  const lines = [`${help.summary}`, '', 'Cách dùng (usage):'];
  for (const s of Object.values(help.subcommands)) lines.push(`  ${s.usage}`, `      ${s.summary}`);
  lines.push('', 'Ví dụ:');
  for (const s of Object.values(help.subcommands)) lines.push(`  ${s.example}`);
  if (help.notes?.length) lines.push('', ...help.notes);
  const name = Object.values(help.subcommands)[0]?.usage.split(' ').slice(0, 2).join(' ');
  lines.push('', `Chi tiết từng lệnh con: ${name} <lệnh con> --help`);
  return `${lines.join('\n')}\n`;
}

function section(usage: string, summary: string, examples: readonly string[], notes: readonly string[] | undefined): string {
  const lines = [`Cách dùng (usage): ${usage}`, '', summary];
  if (notes?.length) lines.push('', ...notes);
  if (examples.length) lines.push('', `Ví dụ: ${examples[0]}`, ...examples.slice(1).map((e) => `       ${e}`));
  return `${lines.join('\n')}\n`;
}

/**
 * Answers `--help` / `-h` when asked: the sub-command's help when the first argument names
 * one, else the command's. Returns true when help was printed (the command then exits 0).
 */
export function answerHelp(io: CommandIo, help: CommandHelp): boolean {
  if (!wantsHelp(io.argv)) return false;
  const first = io.argv[0];
  io.stdout.write(helpText(help, first && help.subcommands?.[first] ? first : undefined));
  return true;
}
