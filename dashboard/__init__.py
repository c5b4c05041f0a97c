"""The Plotly Dash app that shows Korea against its peers; see the dashboard issue."""
