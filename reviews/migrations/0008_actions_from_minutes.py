"""Every action has a board, and comes from exactly one source: a review's recommendation
or the minute of a meeting that decided it."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("boards", "0009_minutes"),
        ("reviews", "0007_action_board"),
    ]

    operations = [
        migrations.AlterField(
            model_name="action",
            name="board",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="actions",
                to="boards.board",
            ),
        ),
        migrations.AlterField(
            model_name="action",
            name="recommendation",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="actions",
                to="reviews.recommendation",
            ),
        ),
        migrations.AddField(
            model_name="action",
            name="minute",
            field=models.ForeignKey(
                blank=True,
                help_text="The minute of the meeting that decided this action.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="actions",
                to="boards.minute",
            ),
        ),
        migrations.AddConstraint(
            model_name="action",
            constraint=models.CheckConstraint(
                condition=models.Q(("minute__isnull", True), ("recommendation__isnull", False))
                | models.Q(("minute__isnull", False), ("recommendation__isnull", True)),
                name="action_one_source",
            ),
        ),
    ]
