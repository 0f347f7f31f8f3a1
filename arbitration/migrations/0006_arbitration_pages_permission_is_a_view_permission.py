"""The permission that opens the arbitration menu and list is a view permission (``view_arbitration_pages``,
was ``open_arbitration_pages``): a read-only role holds view permissions only (``casework.models.users``), and
the auditor reads arbitration cases. The existing permission row is renamed, so every grant of it stays."""

from django.db import migrations

OLD, NEW = "open_arbitration_pages", "view_arbitration_pages"


def rename(apps, schema_editor, old=OLD, new=NEW):
    Permission = apps.get_model("auth", "Permission")
    rows = Permission.objects.filter(
        content_type__app_label="arbitration", content_type__model="arbitrationcase"
    )
    if rows.filter(codename=new).exists():
        rows.filter(codename=old).delete()
    else:
        rows.filter(codename=old).update(codename=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, old=NEW, new=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("arbitration", "0005_list_urgency_and_search_indexes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="arbitrationcase",
            options={
                "permissions": [("view_arbitration_pages", "进入仲裁案件页面")],
                "verbose_name": "仲裁案件",
                "verbose_name_plural": "仲裁案件",
            },
        ),
        migrations.RunPython(rename, rename_back),
    ]
