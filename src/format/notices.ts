/** Facts about the run itself that the text report states, so a silent result is never mistaken for a clean one. */
import type { Report } from '../engine/report.ts';

/** One line per tool probe that timed out: the findings that need its version are missing. */
export function probeTimeouts(report: Report): string[] {
  return report.tools.flatMap((t) => (!t.ok && t.reason === 'timeout' ? [`\`${t.command}\` timed out (${t.detail}): checks that need ${t.tool} did not see it; raise \`--timeout\``] : []));
}
