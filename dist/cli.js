#!/usr/bin/env node
import { createRequire as __wdCreateRequire } from 'node:module'; const require = __wdCreateRequire(import.meta.url);
import{b as s}from"./chunks/chunk-VPQTZVIY.js";import"./chunks/chunk-QQI6JJOP.js";var r=process.argv.slice(2);r.length===1&&(r[0]==="--version"||r[0]==="-V")?process.stdout.write(`${s}
`):await(await import("./chunks/cli-2GV3ZVWP.js")).run(r);
