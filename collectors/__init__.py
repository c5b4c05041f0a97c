"""Collectors: one module per public source under ``collectors/sources``, and the machinery to run them."""
