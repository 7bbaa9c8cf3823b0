import type { InsightsQuery, Level } from './insights/params';
import type { NodeKind } from './router';

/** An async insights job (AdReportRun). */
export interface ReportRun {
  id: string;
  accountId: string;
  /** The queried object: the account itself or a campaign/ad set/ad. */
  node: { kind: 'account' | NodeKind; id: string };
  nodeLevel: Level;
  query: InsightsQuery;
  createdAtMs: number;
  polls: number;
  /** Set from a fault at creation: the job ends in "Job Failed". */
  willFail: boolean;
  completedAtMs?: number;
}

export type AsyncStatus = 'Job Not Started' | 'Job Started' | 'Job Running' | 'Job Completed' | 'Job Failed';

const STAGES: { status: AsyncStatus; percent: number }[] = [
  { status: 'Job Not Started', percent: 0 },
  { status: 'Job Started', percent: 0 },
  { status: 'Job Running', percent: 30 },
  { status: 'Job Running', percent: 60 },
  { status: 'Job Running', percent: 90 },
  { status: 'Job Completed', percent: 100 },
];
/** A failing job gives up where a real one would be mid-run. */
const FAIL_AT_STAGE = 3;
/** Fake-clock time per step when nobody polls. */
export const STAGE_MS = 10_000;
/** Steps a job takes by default: one per stage after the first. */
export const DEFAULT_REPORT_RUN_STEPS = STAGES.length - 1;

/**
 * A job takes one step per status poll and one per STAGE_MS of fake time; with the default number
 * of steps that is one stage per step, with more steps the stages spread out over them.
 */
export function jobStage(run: ReportRun, nowMs: number, steps = DEFAULT_REPORT_RUN_STEPS): { status: AsyncStatus; percent: number } {
  const taken = run.polls + Math.floor(Math.max(0, nowMs - run.createdAtMs) / STAGE_MS);
  const stage = Math.min(STAGES.length - 1, Math.floor((taken * DEFAULT_REPORT_RUN_STEPS) / Math.max(1, steps)));
  if (run.willFail && stage >= FAIL_AT_STAGE) return { status: 'Job Failed', percent: STAGES[FAIL_AT_STAGE]!.percent };
  return STAGES[stage]!;
}

export function createReportRunStore() {
  const runs = new Map<string, ReportRun>();
  let counter = 0;
  return {
    create(fields: Omit<ReportRun, 'id' | 'polls'>): ReportRun {
      counter += 1;
      const run: ReportRun = { ...fields, id: String(6_042_987_654_300_000 + counter), polls: 0 };
      runs.set(run.id, run);
      return run;
    },
    get: (id: string) => runs.get(id),
    /** Records a status poll and returns the stage it observed (completion time fixed the first time it is seen). */
    poll(run: ReportRun, nowMs: number, steps?: number) {
      const stage = jobStage(run, nowMs, steps);
      run.polls += 1;
      if (stage.status === 'Job Completed' && run.completedAtMs === undefined) run.completedAtMs = nowMs;
      return stage;
    },
  };
}

export type ReportRunStore = ReturnType<typeof createReportRunStore>;
