import { createRequire as __wdCreateRequire } from 'node:module'; const require = __wdCreateRequire(import.meta.url);
var s=l=>l.replace(/[^\r\n]/g," ");function c(l,e,t,n,i){let o=e.slice(t,n);if(i==="fold"&&(o=o.replace(/[\r\n]/g," ")),i==="block-literal"||i==="block-folded"){let r=o.indexOf(`
`);o=r<0?s(o):s(o.slice(0,r))+o.slice(r)}return i==="block-folded"&&(o=f(o)),{file:l,text:o,base:t}}function f(l){let e=l.split(`
`);return e.map((t,n)=>n<e.length-1?t+(n>0&&t.trim()!==""&&(e[n+1]??"").trim()!==""?" ":`
`):t).join("")}function d(l){let e=l.split(""),t;for(let n=0;n<e.length;n++){let i=e[n];if(i===`
`){t=void 0;continue}if(t){i===t?t=void 0:i==="\\"&&t==='"'&&n++;continue}if(i==="\\"){n++;continue}if(i==='"'||i==="'"){t=i;continue}if(i==="#"&&(n===0||/[\s;&|(]/.test(e[n-1]??" "))){for(;n<e.length&&e[n]!==`
`&&e[n]!=="\r";n++)e[n]=" ";n--}}return e.join("")}export{c as a,d as b};
