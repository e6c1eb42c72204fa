"""Alembic migration environment for the Lonely Bridge database."""
