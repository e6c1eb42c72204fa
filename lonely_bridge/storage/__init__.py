"""SQLite storage: typed models, repositories, migrations and backups."""
