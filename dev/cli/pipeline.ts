/**
 * `npm run pipeline` prints the fleet's pipeline health through the operator API: one line per
 * tenant, worst first, its accounts needing attention, and the app-wide quotas every tenant shares.
 */

import { operatorClient, runCli } from './operator-client';
import { type Fleet, formatFleet } from './pipeline-table';

runCli(async () => {
  const fleet = await operatorClient().get<Fleet>('/ops/pipeline-health');
  for (const line of formatFleet(fleet)) console.log(line);
});
