"""Source modules: one per public source; the module name is the collector id and ``source_id``."""
