"""Korea AI Monitor: the command line and the settings that wire collectors, warehouse and models."""
