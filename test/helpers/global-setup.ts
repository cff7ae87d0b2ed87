/** Bundles the CLI once per test run into a private directory, so CLI tests run the real bin. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
// @ts-expect-error the build script is plain JavaScript
import { bundle } from '../../scripts/build.mjs';

const outdir = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', `wasm-doctor-test-${process.pid}`);

export default async function setup(project: TestProject) {
  await bundle(outdir);
  project.provide('cliPath', join(outdir, 'cli.cjs'));
  return () => rmSync(outdir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    cliPath: string;
  }
}
