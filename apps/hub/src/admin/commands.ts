// Administration commands (issue 7): fields, counters, users, devices, centre, audit log.
// Merged into COMMANDS.
import type { Command } from '../command-kit.ts';

export const ADMIN_COMMANDS = {} satisfies Record<string, Command>;
