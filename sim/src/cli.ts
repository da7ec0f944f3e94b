// `pnpm simulate`: fills a hub's data dir with simulated past days (docs/simulator.md).
import { parseOptions, USAGE, UsageError } from './options.ts';
import { closingLines, DAY_HEADER, dayLine, speedOf, totalsOf } from './summary.ts';

async function main(argv: string[]): Promise<number> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`luot simulate: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  // The hub is loaded only once the options are good: a typo is answered at once.
  const { simulate } = await import('./simulate.ts');
  const { SetupError } = await import('./setup.ts');
  const { DatabaseFromFutureError } = await import('@luot/hub');
  if (!options.json) process.stdout.write(`${DAY_HEADER}\n`);
  try {
    const result = await simulate({
      ...options,
      onDay: options.json ? undefined : (day) => process.stdout.write(`${dayLine(day)}\n`),
    });
    if (options.json) {
      const { days, ...rest } = result;
      const summary = {
        ...rest,
        days: days.map(({ date, weekday, expected, stats, counts }) => ({
          date,
          weekday,
          expected: Math.round(expected),
          issued: stats.issued,
          served: stats.served,
          noShow: stats.noShow,
          cancelled: stats.cancelled,
          expired: stats.expired,
          avgWaitSeconds: stats.avgWaitSeconds,
          p90WaitSeconds: stats.p90WaitSeconds,
          avgServiceSeconds: stats.avgServiceSeconds,
          ratings: stats.ratings,
          counts,
        })),
        totals: totalsOf(days),
        speed: speedOf(result),
      };
      process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    } else {
      process.stdout.write(`${closingLines(result)}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof SetupError || error instanceof DatabaseFromFutureError) {
      process.stderr.write(`luot simulate: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(
      `luot simulate: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
