"""The hash of a withdrawn report's code, for the day its signed report form could be sent again."""

from __future__ import annotations

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_report_admins_hash")]  # noqa: RUF012

    operations = [  # noqa: RUF012
        migrations.CreateModel(
            name="WithdrawnCode",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code_hash", models.CharField(max_length=64, unique=True)),
                ("until", models.DateTimeField(db_index=True)),
            ],
        ),
    ]
