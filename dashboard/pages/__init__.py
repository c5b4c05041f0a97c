"""One module per page: ``layout(lang, query)`` builds it, ``register(app)`` adds its callbacks."""
