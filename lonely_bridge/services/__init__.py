"""Use cases: what people can do, written against small ports."""
