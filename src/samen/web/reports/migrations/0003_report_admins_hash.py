"""The hash of the code a group's admins answer a relayed report with (the bot's group route)."""

from __future__ import annotations

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_accesslog_append_only")]  # noqa: RUF012

    operations = [  # noqa: RUF012
        migrations.AddField(
            model_name="report",
            name="admins_hash",
            field=models.CharField(blank=True, default=None, max_length=64, null=True, unique=True),
        ),
    ]
