from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("boards", "0007_attendance_from_lists")]

    operations = [
        migrations.RemoveField(model_name="meeting", name="apologies"),
        migrations.RemoveField(model_name="meeting", name="attendees"),
    ]
