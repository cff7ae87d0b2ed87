/**
 * wasm-doctor's own diagnostics: problems reading the project, the config or a rule. The engine
 * reports them through the same path as rule findings; each has its doc next to this file.
 */
import type { RuleMeta } from '../../src/api.ts';

const core = (id: RuleMeta['id'], summary: string, defaultSeverity: RuleMeta['defaultSeverity']): RuleMeta => ({ id, summary, defaultSeverity, fix: 'none', needs: [] });

/** Sorted by id. */
export const CORE_RULES: readonly RuleMeta[] = [
  core('core/invalid-config', 'wasm-doctor.toml is not valid: bad TOML, unknown key, unknown rule or bad severity', 'error'),
  core('core/invalid-toml', 'a TOML file (Cargo.toml, Cargo.lock, Trunk.toml, Cargo config, rust-toolchain.toml) does not parse', 'error'),
  core('core/invalid-yaml', 'a GitHub Actions workflow does not parse as YAML', 'error'),
  core('core/lockfile-unsupported', 'Cargo.lock has a format version wasm-doctor does not know', 'warning'),
  core('core/rule-crashed', 'a wasm-doctor rule failed with an internal error', 'error'),
  core('core/suppression-without-reason', 'an inline `# wasm-doctor: allow(...)` comment gives no `reason="..."`', 'warning'),
  core('core/unreadable-file', 'a project file cannot be read: missing link target, directory, binary, not UTF-8, or no permission', 'error'),
  core('core/unused-suppression', 'an inline `# wasm-doctor: allow(...)` comment silences nothing, or names no known rule', 'warning'),
  core('core/workspace-member-missing', 'a workspace `members` entry names a directory without a Cargo.toml', 'error'),
];
