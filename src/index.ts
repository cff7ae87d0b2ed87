/** The programmatic API: no printing, plain data (design.md §2.1). */
export { doctor, type DoctorOptions } from './engine/run.ts';
export type { Report, Summary } from './engine/report.ts';
export type { Diagnostic, Fix, Label, Severity, Span } from './diagnostic/types.ts';
export { allRules } from './engine/registry.ts';
export { explain, listRules, ruleTable } from './commands/explain.ts';
export { planFixes } from './fix/plan.ts';
export { writeChanges as applyFixes } from './fix/write.ts';
export { FORMATS } from './format/index.ts';
export { matchesCargoReq, parseCargoReq, InvalidCargoReqError } from './semver/cargo-req.ts';
