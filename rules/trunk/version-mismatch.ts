import { activeTrunkConfigs, cargoReqAdmits, hasVersion, code, commandFix, compareVersions, defineRule, parseVersion, primary, shellJoin, tryParseCargoReq } from '../../src/api.ts';
import type { VersionedResult } from '../../src/api.ts';

/** trunk enforces `trunk-version` from this release on; older trunks ignore the key (facts.md §6). */
const ENFORCED_SINCE = '0.19.0-alpha.2';

/** The full version `trunk --version` printed, pre-release included (the probe keeps only `X.Y.Z`). */
function fullVersion(trunk: VersionedResult): string {
  const printed = /\b(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)/.exec(trunk.raw)?.[1];
  return printed !== undefined && parseVersion(printed) ? printed : trunk.version;
}

/** trunk's own check (`src/version/enforce.rs`): `*` accepts every version, pre-releases included; else Cargo semantics. */
function satisfies(requirement: string, version: string): boolean | undefined {
  const parsed = tryParseCargoReq(requirement);
  if (!parsed.ok) return undefined;
  return parsed.req.comparators.length === 0 || cargoReqAdmits(requirement, version);
}

/** `cargo install --version` takes a bare `X.Y.Z` as exact and rejects `X.Y`; trunk reads both as `^`. */
const installSpec = (requirement: string): string => {
  const req = requirement.trim();
  return /^\d/.test(req) ? `^${req}` : req;
};

export default defineRule({
  id: 'trunk/version-mismatch',
  summary: 'the installed trunk does not satisfy Trunk.toml `trunk-version`',
  defaultSeverity: 'error',
  fix: 'always',
  needs: ['tool:trunk'],
  check({ workspace, tools, report }) {
    const trunk = tools.get('trunk');
    if (!hasVersion(trunk)) return;
    const version = fullVersion(trunk);
    for (const config of activeTrunkConfigs(workspace)) {
      const required = config.trunkVersion;
      if (!required || satisfies(required.value, version) !== false) continue;
      const install = ['cargo', 'install', '--locked', 'trunk', '--version', installSpec(required.value)];
      const enforced = compareVersions(version, ENFORCED_SINCE) >= 0;
      report({
        message: `trunk ${code(version)} does not satisfy ${code(`trunk-version = "${required.value}"`)}`,
        labels: [primary(required.span, 'trunk version required here')],
        notes: [
          `\`${trunk.command}\` reported \`${trunk.raw.trim()}\``,
          enforced
            ? `trunk stops before building: "Project requires a trunk version of '${required.value}', the current trunk version is: '${version}'"`
            : `trunk ${version} predates \`trunk-version\` (checked from 0.19), so it ignores the requirement and builds with a release the project does not support`,
        ],
        help: [`install a trunk that satisfies it: \`${shellJoin(install)}\``, 'or change `trunk-version` to a requirement this trunk satisfies'],
        fix: commandFix('install a matching trunk', install),
      });
    }
  },
});
