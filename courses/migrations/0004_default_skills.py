"""The federation's default list of skills, so that every installation starts
with it. Federation admins change the list in the admin afterwards."""

from django.db import migrations

DEFAULT_SKILLS = [
    ("livestream-selling", "直播带货", "Livestream selling", "livestream_ecommerce"),
    ("short-video-editing", "短视频剪辑", "Short-video editing", "short_video"),
    ("product-photography", "商品拍摄", "Product photography", "short_video"),
    ("online-shop-operation", "网店运营", "Online shop operation", "online_marketing"),
    (
        "product-selection",
        "选品与定价",
        "Product selection and pricing",
        "online_marketing",
    ),
    ("website-maintenance", "网站维护", "Website maintenance", "web_maintenance"),
    ("data-entry", "数据录入与核对", "Data entry and checking", "web_maintenance"),
    (
        "office-software",
        "办公软件",
        "Office documents and spreadsheets",
        "web_maintenance",
    ),
    ("product-inspection", "产品质检", "Product inspection", "product_inspection"),
    (
        "text-chat-customer-service",
        "文字客服",
        "Customer service by text chat",
        "customer_service",
    ),
    ("front-desk-service", "前台接待", "Front desk service", "customer_service"),
    ("business-start-up", "创业基础", "Business start-up basics", "business_startup"),
    ("bookkeeping-basics", "记账基础", "Bookkeeping basics", "business_startup"),
]


def add_default_skills(apps, schema_editor):
    Skill = apps.get_model("courses", "Skill")
    for code, name, name_en, area in DEFAULT_SKILLS:
        Skill.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "skill_area": area}
        )


class Migration(migrations.Migration):
    dependencies = [("courses", "0003_skill_coursepage_skills")]

    operations = [
        migrations.RunPython(add_default_skills, migrations.RunPython.noop),
    ]
