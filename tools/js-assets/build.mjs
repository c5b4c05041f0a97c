// Build the dashboard's vendored scripts into dashboard/assets/: `npm ci && npm run build` here.
//
// - plotly-kaim.min.js: plotly.js with only the trace types the dashboard draws. The full
//   plotly.min.js takes ~1.9 s to evaluate in headless Chromium on a 2-core machine before the first
//   chart can draw; this takes ~0.3 s. dcc.Graph uses window.Plotly when the page already has it.
// - regenerator-runtime.min.js: what Dash's bundles need from the @babel/polyfill that Dash puts on
//   every page (core-js 2 for old browsers, ~250 ms of script); dashboard/app.py leaves that out.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const version = (name) => JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')).version;
const common = {
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2016',
    legalComments: 'none',
    logLevel: 'info',
};
const notice = (what, licence) => `/* ${what} (${licence}). Built by tools/js-assets; do not edit. */`;

await build({
    ...common,
    entryPoints: ['plotly.js'],
    outfile: '../../dashboard/assets/plotly-kaim.min.js',
    globalName: 'Plotly',
    define: { global: 'window', 'define.amd': 'false' },
    loader: { '.css': 'empty' }, // maplibre's stylesheet, for map traces this bundle leaves out
    banner: { js: notice(`plotly.js v${version('plotly.js')}, partial bundle: scatter, bar, choropleth, locale ko`,
                         'MIT licence, Copyright 2012-2026 Plotly, Inc.') },
});

await build({
    ...common,
    entryPoints: ['regenerator-runtime.js'],
    outfile: '../../dashboard/assets/regenerator-runtime.min.js',
    banner: { js: notice(`regenerator-runtime v${version('regenerator-runtime')}`,
                         'MIT licence, Copyright (c) 2014-present, Facebook, Inc.') },
});
