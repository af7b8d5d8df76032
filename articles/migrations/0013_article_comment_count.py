from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_correction_note_in_assamese"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="comment_count",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="comments"),
        ),
    ]
