// Report commands (issue 7): period statistics, breakdowns and exports. Merged into COMMANDS.
import type { Command } from '../command-kit.ts';

export const REPORT_COMMANDS = {} satisfies Record<string, Command>;
