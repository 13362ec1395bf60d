"""Who attended and who sent apologies, moved from the meeting's two lists to one attendance
row per person. Someone on both lists is counted present, as quorum counted them. A
meeting with attendance on a day gone by was held."""

import datetime as dt

from django.db import migrations


def forwards(apps, schema_editor):
    Meeting = apps.get_model("boards", "Meeting")
    Attendance = apps.get_model("boards", "Attendance")
    rows = []
    for meeting in Meeting.objects.prefetch_related("attendees", "apologies"):
        present = {p.pk for p in meeting.attendees.all()}
        rows += [Attendance(meeting=meeting, person_id=pk, kind="present") for pk in present]
        rows += [
            Attendance(meeting=meeting, person_id=p.pk, kind="apologies")
            for p in meeting.apologies.all()
            if p.pk not in present
        ]
    Attendance.objects.bulk_create(rows, batch_size=1000)
    Meeting.objects.filter(
        pk__in={row.meeting_id for row in rows}, date__lte=dt.date.today()
    ).update(status="held")


def backwards(apps, schema_editor):
    Meeting = apps.get_model("boards", "Meeting")
    Attendance = apps.get_model("boards", "Attendance")
    for row in Attendance.objects.select_related("meeting"):
        # The lists know no absences or substitutes: a substitute counts as present.
        if row.kind in ("present", "substitute"):
            row.meeting.attendees.add(row.person_id)
        elif row.kind == "apologies":
            row.meeting.apologies.add(row.person_id)
    Attendance.objects.all().delete()
    Meeting.objects.update(status="planned")


class Migration(migrations.Migration):
    dependencies = [("boards", "0006_meetings")]

    operations = [migrations.RunPython(forwards, backwards)]
