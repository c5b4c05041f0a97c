"""One module per page, each declaring ``PAGE = Page(...)`` (``dashboard.registry`` finds them): its
name and place in the navigation, its pillar, its ``layout(lang, query)`` and its callbacks."""
