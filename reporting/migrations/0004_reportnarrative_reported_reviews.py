from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reporting', '0003_quarterlyreport_lease_until'),
        ('reviews', '0004_reason_limits'),
    ]

    operations = [
        migrations.AddField(
            model_name='reportnarrative',
            name='reported_reviews',
            field=models.ManyToManyField(blank=True, help_text='Each review chosen gets its own section of the report: its strengths and areas for development, and its recommendations with their progress.', related_name='report_narratives', to='reviews.review', verbose_name='Reviews whose findings go in the report'),
        ),
    ]
