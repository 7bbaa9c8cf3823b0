import type { Verdict } from './verdict.mjs';

export interface VitestGateOptions {
  /** Extra vitest arguments (filters, --project, --config, --root); the gate's flags come after them. */
  vitestArgs?: readonly string[];
  /** The vitest project names that must each run at least one test. */
  expectedProjects: readonly string[];
  /** Labels of checks that failed before vitest ran; they count as failures. */
  failedChecks?: readonly string[];
  /** Where vitest.json and vitest-gate.json are written (relative to cwd); default test-results. */
  resultsDir?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** 'inherit' shows vitest's output; 'pipe' collects it in `output`. */
  stdio?: 'inherit' | 'pipe';
}

/** Runs vitest with --allowOnly=false and the gate's reporters, then judges the run. */
export function runVitestGate(options: VitestGateOptions): Promise<Verdict & { output: string }>;
