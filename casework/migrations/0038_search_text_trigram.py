"""PostgreSQL: a trigram index on each case's search text, for the searches of three characters or more whose
every bigram is common but whose whole is rare (a company's full name): ``search_index.indexed_search``."""

from django.db import migrations

INDEX = "casework_searchtext_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "casework_searchtext" USING gin ("text" gin_trgm_ops)'
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    dependencies = [("casework", "0037_statistics_projection_placeholder")]

    operations = [migrations.RunPython(create, drop)]
