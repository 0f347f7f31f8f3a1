"""The publication time of a drawn inspection's outcome; the cases opened on findings become the kernel's
``CaseLink`` rows (kind ``finding``) — every one so far was a complaint (``casework.Complaint``)."""

from django.db import migrations, models


def findings_to_links(apps, schema_editor):
    FindingCase = apps.get_model("proactive", "FindingCase")
    CaseLink = apps.get_model("casework", "CaseLink")
    ContentType = apps.get_model("contenttypes", "ContentType")
    rows = list(FindingCase.objects.select_related("inspection"))
    if not rows:
        return
    inspection, _ = ContentType.objects.get_or_create(app_label="proactive", model="inspection")
    complaint, _ = ContentType.objects.get_or_create(app_label="casework", model="complaint")
    CaseLink.objects.bulk_create(
        CaseLink(
            kind="finding",
            from_type=inspection,
            from_id=f.inspection_id,
            from_number=f.inspection.number,
            to_type=complaint,
            to_id=f.case_id,
            to_number=f.case_number,
            created_by=f.inspection.created_by,
        )
        for f in rows
        if f.case_type == "complaint"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("proactive", "0002_seed_checklist_and_rules"),
        ("casework", "0028_caselink_kind_finding"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="inspection",
            name="outcome_published_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="检查结果公示时间"),
        ),
        migrations.RunPython(findings_to_links, migrations.RunPython.noop),
        migrations.DeleteModel(name="FindingCase"),
    ]
