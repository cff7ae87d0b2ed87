#!/usr/bin/env node
import { createRequire as __wdCreateRequire } from 'node:module'; const require = __wdCreateRequire(import.meta.url);
import{d as a,e as b,f as c}from"./chunk-AAH3UQXP.js";import"./chunk-JZPNYPWH.js";import"./chunk-VPQTZVIY.js";import"./chunk-ADABOLGR.js";import"./chunk-6BRQEUNH.js";import"./chunk-XF2LXMT7.js";import"./chunk-QQI6JJOP.js";export{b as checkOptionsFrom,a as main,c as run};
