"""A scratch PostgreSQL database for one benchmark run: made on the given server, dropped afterwards."""

from __future__ import annotations

import os


def create(server_url: str, prefix: str) -> str:
    """Make a fresh database on the server of ``server_url`` (a URL of any database there); return its URL."""
    import psycopg

    name = f"{prefix}_{os.getpid()}"
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + "/" + name


def drop(server_url: str, database_url: str) -> None:
    """Drop the scratch database ``database_url`` (closing what still holds it)."""
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database_url.rsplit("/", 1)[1]}" WITH (FORCE)')
