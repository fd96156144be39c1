"""On PostgreSQL a query that a connection runs again is prepared: parsed and planned once.

A page runs the same few dozen queries on every request; with parameters sent apart from
the SQL, PostgreSQL keeps each query's plan for the connection (kept open between requests
in production) instead of parsing and planning it anew (`DATABASE_PREPARED_STATEMENTS`).
"""

import json
import os
import subprocess
import sys

from django.conf import settings
from django.db import connection

from kansrijk.families.models import Family
from kansrijk.testing.families import make_family

ON_POSTGRESQL = connection.vendor == "postgresql"


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


def test_a_query_run_again_is_prepared_on_postgresql_with_the_values_sent_apart(cast):
    families = [make_family(cast) for _ in range(4)]
    for family in families:
        found = Family.objects.filter(pk=family.pk, reference=family.reference).first()
        assert found == family
    if not ON_POSTGRESQL:
        assert "server_side_binding" not in settings.DATABASES["default"].get("OPTIONS", {})
        return
    family_queries = [
        statement
        for statement in _prepared_statements()
        if 'FROM "families_family"' in statement and '"reference" = $' in statement
    ]
    assert len(family_queries) == 1, family_queries
    # The values are parameters, not in the SQL: one statement serves every family.
    assert not any(family.reference in family_queries[0] for family in families)


def _database_options(**variables: str) -> dict:
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DATABASE_URL", "KANSRIJK_DATABASE_URL", "DATABASE_PREPARED_STATEMENTS"}
    }
    environment.update(variables)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json; from kansrijk.settings import base; "
            "print(json.dumps(base.DATABASES['default'].get('OPTIONS')))",
        ],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_prepared_statements_are_on_for_postgresql_unless_turned_off_for_a_pooler():
    server = "postgres://kansrijk@db.example.nl:5432/kansrijk"
    default = _database_options(DATABASE_URL=server)
    assert default["server_side_binding"] is True
    assert default["prepare_threshold"] == 2
    off = _database_options(DATABASE_URL=server, DATABASE_PREPARED_STATEMENTS="0")
    assert "server_side_binding" not in off
    assert "prepare_threshold" not in off
    sqlite = _database_options(DATABASE_URL="sqlite:////tmp/kansrijk-settings-check.sqlite3")
    assert "server_side_binding" not in sqlite
