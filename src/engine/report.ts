import type { Diagnostic } from '../diagnostic/types.ts';
import type { ProbeResult } from '../probe/types.ts';
import type { BuildPrediction } from '../analysis/predict.ts';
import type { SourceMap } from '../syntax/source.ts';
import type { Suppressed } from './suppress.ts';

export interface Summary {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  /** diagnostics carrying an edit fix that `--fix` applies */
  readonly fixable: number;
  /** findings silenced by inline `allow(...)` comments */
  readonly suppressed: number;
}

/** Plain data every formatter renders (design.md §2.3). */
export interface Report {
  readonly tool: { readonly name: string; readonly version: string };
  /** absolute directory file paths are relative to */
  readonly root: string;
  readonly sources: SourceMap;
  /** probe results, sorted by tool id; empty under `--no-probe` */
  readonly tools: readonly ProbeResult[];
  readonly diagnostics: readonly Diagnostic[];
  /** findings silenced by inline `allow(...)` comments, sorted (JSON shows them with `--show-suppressed`) */
  readonly suppressed?: readonly Suppressed[];
  readonly summary: Summary;
  /** directories of the Cargo projects checked, relative to `root` (`.` for the root itself) */
  readonly projects?: readonly string[];
  /** a rule threw: the run is an internal failure (exit 2) */
  readonly crashed: boolean;
  /** which wasm-bindgen each build path runs (`--explain-builds`; text output only) */
  readonly builds?: readonly BuildPrediction[];
}

export function summarize(diags: readonly Diagnostic[], suppressed = 0): Summary {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixable = 0;
  for (const d of diags) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
    else infos++;
    if (d.fix?.kind === 'edit' && d.fix.applicability === 'safe') fixable++;
  }
  return { errors, warnings, infos, fixable, suppressed };
}
