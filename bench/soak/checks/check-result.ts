/** One check of the soak: whether it held, a line saying what was found, and each thing found wrong. */
export interface CheckResult {
  name: string;
  passed: boolean;
  summary: string;
  problems: string[];
}

/** A check from its problems: passed where there are none. */
export function checkResult(name: string, summary: string, problems: string[]): CheckResult {
  return { name, passed: problems.length === 0, summary, problems };
}
