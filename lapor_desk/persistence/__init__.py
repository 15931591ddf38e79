"""Engines, schema migrations, backups and the queries that take a Session."""
