"""SQLite storage: one store per concern, Today's read model, typed models, migrations, backups."""
