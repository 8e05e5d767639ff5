"""Each adaptation and lesson version takes its page's language, and the same
translation key in both languages (from the page's translation key and its
category or kind), so wagtail-localize pairs the Chinese and English ones."""

import uuid

from django.db import migrations

NAMESPACE = uuid.UUID("7d3f1a0e-3b8f-4f0e-9a51-5c2b8e6d4a10")


def fill(apps, schema_editor):
    for model_name, field in (("CourseAdaptation", "category"), ("LessonVersion", "kind")):
        model = apps.get_model("courses", model_name)
        for row in model.objects.select_related("page").iterator():
            row.locale_id = row.page.locale_id
            row.translation_key = uuid.uuid5(
                NAMESPACE, f"{row.page.translation_key}:{getattr(row, field)}"
            )
            row.save(update_fields=["locale", "translation_key"])


class Migration(migrations.Migration):
    dependencies = [("courses", "0006_translatable_inlines_bootstrap")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
