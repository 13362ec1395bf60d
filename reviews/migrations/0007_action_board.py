"""Actions belong to a board directly. Existing actions take their board from their
recommendation's review; 0008 then makes it required (apart, so that PostgreSQL has no
pending foreign key checks from the update when the column changes)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_board(apps, schema_editor):
    Action = apps.get_model("reviews", "Action")
    Review = apps.get_model("reviews", "Review")
    board = Review.objects.filter(recommendations=OuterRef("recommendation_id")).values(
        "board_id"
    )[:1]
    Action.objects.filter(board__isnull=True).update(board_id=Subquery(board))


class Migration(migrations.Migration):
    dependencies = [
        ("boards", "0009_minutes"),
        ("reviews", "0006_partner_progress"),
    ]

    operations = [
        migrations.AddField(
            model_name="action",
            name="board",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="actions",
                to="boards.board",
            ),
        ),
        migrations.RunPython(fill_board, migrations.RunPython.noop),
    ]
