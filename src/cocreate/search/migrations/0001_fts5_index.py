"""The SQLite FTS5 search index (a virtual table), filled from what already exists. On PostgreSQL nothing is
created: search runs on the database's own full-text functions."""

from django.db import migrations

# Frozen copies of cocreate.search.index's definitions (a migration must not change when the code does).
CREATE_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "kind UNINDEXED, object_id UNINDEXED, title, body, tokenize = 'porter unicode61 remove_diacritics 2')"
)
KINDS = {"campaign": 1, "idea": 2, "comment": 3}
INSERT = "INSERT INTO search_fts (rowid, kind, object_id, title, body) VALUES (%s, %s, %s, %s, %s)"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(CREATE_SQL)
    Campaign = apps.get_model("campaigns", "Campaign")
    Idea = apps.get_model("ideas", "Idea")
    Comment = apps.get_model("engagement", "Comment")
    rows = [
        (pk * 4 + KINDS["campaign"], "campaign", pk, title, f"{goal}\n{brief}")
        for pk, title, goal, brief in Campaign.objects.values_list("pk", "title", "goal", "brief")
    ]
    rows += [
        (pk * 4 + KINDS["idea"], "idea", pk, title, body)
        for pk, title, body in Idea.objects.values_list("pk", "title", "body")
    ]
    rows += [
        (pk * 4 + KINDS["comment"], "comment", pk, "", body)
        for pk, body in Comment.objects.filter(deleted_at__isnull=True).values_list("pk", "body")
    ]
    with schema_editor.connection.cursor() as cursor:
        cursor.executemany(INSERT, rows)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute("DROP TABLE IF EXISTS search_fts")


class Migration(migrations.Migration):
    initial = True
    dependencies = [
        ("campaigns", "0002_methods_and_needs_info"),
        ("ideas", "0003_merges_and_moderation"),
        ("engagement", "0002_merges_and_moderation"),
    ]
    operations = [migrations.RunPython(create_index, drop_index)]
