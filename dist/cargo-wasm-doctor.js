#!/usr/bin/env node
import { createRequire as __wdCreateRequire } from 'node:module'; const require = __wdCreateRequire(import.meta.url);
var a=process.argv.slice(2);await(await import("./chunks/cli-2GV3ZVWP.js")).run(a[0]==="wasm-doctor"?a.slice(1):a);
