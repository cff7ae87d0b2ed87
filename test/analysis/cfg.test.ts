import { describe, expect, test } from 'vitest';
import { targetKeyApplies } from '../../src/analysis/cfg.ts';

describe('targetKeyApplies', () => {
  test('WASI triples have no vendor field', () => {
    expect(targetKeyApplies('cfg(target_os = "wasi")', 'wasm32-wasip2')).toBe(true);
    expect(targetKeyApplies('cfg(target_env = "p2")', 'wasm32-wasip2')).toBe(true);
    expect(targetKeyApplies('cfg(target_vendor = "unknown")', 'wasm32-wasip1')).toBe(true);
    expect(targetKeyApplies('cfg(all(target_os = "wasi", target_env = "p1"))', 'wasm32-wasip1-threads')).toBe(true);
    expect(targetKeyApplies('cfg(target_os = "wasi")', 'wasm32-wasi')).toBe(true);
    expect(targetKeyApplies('cfg(target_os = "wasi")', 'wasm32-unknown-unknown')).toBe(false);
  });
});
