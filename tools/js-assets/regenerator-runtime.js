// The one part of @babel/polyfill that Dash's bundles need: they call a global regeneratorRuntime.
require('regenerator-runtime/runtime');
