"""Adapters to the operating system: paths, locks, logging, secrets, opening links."""
