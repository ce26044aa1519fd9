// The `catalogue-search` command: a table of subcommands, each in its own file. Commands
// that touch the catalogue are clients of a running server; `segment` runs locally.
// Add a subcommand (serve, demo, ...) by adding it to COMMANDS.
import type { Command, Io } from './command';
import { CliError, UsageError } from './errors';
import { calibrateFromFeedbackCommand } from './calibrate-from-feedback-command';
import { evaluateCommand } from './evaluate-command';
import { feedbackExportCommand } from './feedback-export-command';
import { importCommand } from './import-command';
import { matchCommand } from './match-command';
import { segmentCommand } from './segment-command';

export const COMMANDS: Record<string, Command> = {
  import: importCommand,
  match: matchCommand,
  evaluate: evaluateCommand,
  'calibrate-from-feedback': calibrateFromFeedbackCommand,
  'feedback-export': feedbackExportCommand,
  segment: segmentCommand,
};

export function overview(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const list = Object.entries(COMMANDS)
    .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
    .join('\n');
  return `Usage: catalogue-search <command> [options]

Commands:
${list}

Run \`catalogue-search <command> --help\` for a command's options.
Exit codes: 0 ok, 1 failures, 2 usage.
`;
}

/** Runs one command line; resolves to the exit code. */
export async function run(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(overview());
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr.write(`catalogue-search: unknown command "${name}"\n\n${overview()}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`catalogue-search ${name}: ${error.message}\n\n${command.help}\n`);
      return error.exitCode;
    }
    if (error instanceof CliError) {
      io.stderr.write(`catalogue-search ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(`catalogue-search ${name}: unexpected error: ${(error as Error).stack ?? error}\n`);
    return 1;
  }
}
