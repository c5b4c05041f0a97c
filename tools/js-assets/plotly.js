// plotly.js with the trace types the dashboard draws (scatter is in core) and the Korean locale.
// Keep in step with dashboard/figures.py: a browser test fails on a trace type that is not registered.
var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/choropleth'),
    require('plotly.js/lib/locales/ko'),
]);

module.exports = Plotly;
