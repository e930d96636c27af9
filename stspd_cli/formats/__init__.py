"""Output formats, each in a registry: adding a format adds one function, not a new command."""
