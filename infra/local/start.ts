import { resolve } from 'node:path';
import { systemClock } from '../../functions/adapters/clock.ts';
import { checkCalendarCoverage } from '../../functions/domain/working-days.ts';
import { PolicySettingsError, policyFromEnvironment } from '../../functions/shared/policy-config.ts';
import { devModeWarning, parseDevMode } from './dev-mode.ts';
import { defaultFixturesPath } from './fixtures-loader.ts';
import { startLocalStack } from './stack.ts';

/** A city file that does not fit is the person's to mend: said in its own words, without a stack trace. */
function startupPolicy() {
  try {
    return policyFromEnvironment();
  } catch (err) {
    if (!(err instanceof PolicySettingsError)) throw err;
    console.error(`refusing to start: ${err.message}`);
    process.exit(1);
  }
}

const devMode = parseDevMode(process.env.DEV_MODE);
const warning = devModeWarning(process.env.DEV_MODE);
if (warning) console.error(warning);

// Every promise is counted in working days: without today's year of the official calendar, refuse to start
// (CalendarYearMissingError names the notice to enter). On AWS (not built yet) the same call belongs where each
// Lambda container builds its runtime (functions/shared/runtime.ts), so a refused cold start shows as Lambda
// errors with the notice's name in the log. The warning (next year missing within the case's promise) is logged.
const calendar = checkCalendarCoverage(systemClock(process.env.CLOCK_TODAY).today(), startupPolicy().sla.promisedWorkingDays.case);
if (calendar.warning) console.error(`warning: ${calendar.warning}`);

const port = Number(process.env.PORT ?? 3000);
/** `npm start`: the product on its embedded default. Settings: PORT, DATA_DIR, DEPARTMENT_FIXTURES, CLOCK_TODAY, DEV_MODE. */
const stack = await startLocalStack({
  dataDir: resolve(process.env.DATA_DIR ?? '.data'),
  port,
  host: process.env.HOST ?? '127.0.0.1',
  fixturesPath: defaultFixturesPath(),
  clockToday: process.env.CLOCK_TODAY,
  departmentLatencyMs: process.env.DEPARTMENT_LATENCY_MS ? Number(process.env.DEPARTMENT_LATENCY_MS) : 0,
  devMode,
}).catch((err: unknown) => {
  // The one failure a person starting the product can mend at once is said plainly; anything else keeps its trace.
  if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
  console.error(`port ${port} is already in use: stop what listens there, or start on another port (PORT=3001 npm start)`);
  process.exit(1);
});

console.log(`RetireOne 退休一件事 is listening on ${stack.baseUrl}`);
console.log(`  citizen pages   ${stack.baseUrl}/`);
console.log(`  OpenAPI         ${stack.baseUrl}/v1/openapi.json`);
console.log(`  health          ${stack.baseUrl}/health`);
console.log(`  sign-in (OIDC)  ${stack.oidc.issuer}/.well-known/openid-configuration`);
// Made up at this start and kept nowhere else: printed once, so they are never committed.
for (const a of stack.oidc.generatedStaff) console.log(`  demo staff      ${a.staffId} (${a.role}) password ${a.password}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    stack.stop().finally(() => process.exit(0));
  });
}
