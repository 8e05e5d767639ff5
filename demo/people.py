"""Demo people and places for `manage.py seed_demo`: the training bases (this
is the one place that creates them, for the demo and the load generator alike),
the federation's staff and the named trainees. Idempotent: running it again
finds what exists and changes nothing."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.models import (
    AccessNeeds,
    DisplayPreferences,
    StaffRole,
    TrainingBase,
    User,
)
from accounts.services import access_needs_record

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - published demo logins only
DEMO_DOMAIN = "demo.example.org"

# (Chinese name, English name, district zh, district en, street address)
BASES = [
    (
        "（演示）渝中区残疾人职业技能培训基地",
        "(Demo) Yuzhong Vocational Skills Base",
        "渝中区",
        "Yuzhong District",
        "渝中区解放碑民族路 18 号",
    ),
    (
        "（演示）江北区电商直播培训基地",
        "(Demo) Jiangbei Livestream E-commerce Base",
        "江北区",
        "Jiangbei District",
        "江北区观音桥建新北路 66 号",
    ),
    (
        "（演示）南岸区短视频创作培训基地",
        "(Demo) Nan'an Short-Video Production Base",
        "南岸区",
        "Nan'an District",
        "南岸区南坪西路 32 号",
    ),
    (
        "（演示）九龙坡区网站维护培训基地",
        "(Demo) Jiulongpo Website Maintenance Base",
        "九龙坡区",
        "Jiulongpo District",
        "九龙坡区杨家坪正街 9 号",
    ),
    (
        "（演示）沙坪坝区产品质检培训基地",
        "(Demo) Shapingba Product Inspection Base",
        "沙坪坝区",
        "Shapingba District",
        "沙坪坝区三峡广场 101 号",
    ),
    (
        "（演示）大渡口区客户服务培训基地",
        "(Demo) Dadukou Customer Service Base",
        "大渡口区",
        "Dadukou District",
        "大渡口区春晖路 21 号",
    ),
    (
        "（演示）北碚区手工艺职业培训基地",
        "(Demo) Beibei Handicraft Training Base",
        "北碚区",
        "Beibei District",
        "北碚区天生路 48 号",
    ),
    (
        "（演示）渝北区残疾人创业孵化基地",
        "(Demo) Yubei Entrepreneur Incubation Base",
        "渝北区",
        "Yubei District",
        "渝北区龙溪街道金山路 5 号",
    ),
    (
        "（演示）巴南区农村电商培训基地",
        "(Demo) Banan Rural E-commerce Base",
        "巴南区",
        "Banan District",
        "巴南区鱼洞街道龙海大道 12 号",
    ),
    (
        "（演示）万州区职业技能培训基地",
        "(Demo) Wanzhou Vocational Skills Base",
        "万州区",
        "Wanzhou District",
        "万州区高笋塘北山大道 7 号",
    ),
    (
        "（演示）涪陵区数字技能培训基地",
        "(Demo) Fuling Digital Skills Base",
        "涪陵区",
        "Fuling District",
        "涪陵区兴华中路 30 号",
    ),
    (
        "（演示）黔江区民族手工艺培训基地",
        "(Demo) Qianjiang Ethnic Crafts Base",
        "黔江区",
        "Qianjiang District",
        "黔江区城西街道新华大道 15 号",
    ),
    (
        "（演示）长寿区盲人按摩培训基地",
        "(Demo) Changshou Massage Therapy Base",
        "长寿区",
        "Changshou District",
        "长寿区凤城街道桃花大道 3 号",
    ),
    (
        "（演示）江津区电子商务培训基地",
        "(Demo) Jiangjin E-commerce Base",
        "江津区",
        "Jiangjin District",
        "江津区几江街道鼎山大道 20 号",
    ),
    (
        "（演示）合川区职业康复培训基地",
        "(Demo) Hechuan Vocational Rehabilitation Base",
        "合川区",
        "Hechuan District",
        "合川区合阳城街道南津街 11 号",
    ),
    (
        "（演示）永川区智能制造质检培训基地",
        "(Demo) Yongchuan Smart-Manufacturing Inspection Base",
        "永川区",
        "Yongchuan District",
        "永川区中山路街道人民大道 8 号",
    ),
    (
        "（演示）綦江区农产品直播培训基地",
        "(Demo) Qijiang Farm-Produce Livestream Base",
        "綦江区",
        "Qijiang District",
        "綦江区古南街道沿河路 26 号",
    ),
]

# Each base's street address in English, by its Chinese address.
ADDRESSES_EN = {
    "渝中区解放碑民族路 18 号": "18 Minzu Road, Jiefangbei, Yuzhong District",
    "江北区观音桥建新北路 66 号": "66 Jianxin North Road, Guanyinqiao, Jiangbei District",
    "南岸区南坪西路 32 号": "32 Nanping West Road, Nan'an District",
    "九龙坡区杨家坪正街 9 号": "9 Yangjiaping Main Street, Jiulongpo District",
    "沙坪坝区三峡广场 101 号": "101 Three Gorges Square, Shapingba District",
    "大渡口区春晖路 21 号": "21 Chunhui Road, Dadukou District",
    "北碚区天生路 48 号": "48 Tiansheng Road, Beibei District",
    "渝北区龙溪街道金山路 5 号": "5 Jinshan Road, Longxi Subdistrict, Yubei District",
    "巴南区鱼洞街道龙海大道 12 号": "12 Longhai Avenue, Yudong Subdistrict, Banan District",
    "万州区高笋塘北山大道 7 号": "7 Beishan Avenue, Gaosuntang, Wanzhou District",
    "涪陵区兴华中路 30 号": "30 Xinghua Middle Road, Fuling District",
    "黔江区城西街道新华大道 15 号": "15 Xinhua Avenue, Chengxi Subdistrict, Qianjiang District",
    "长寿区凤城街道桃花大道 3 号": "3 Taohua Avenue, Fengcheng Subdistrict, Changshou District",
    "江津区几江街道鼎山大道 20 号": "20 Dingshan Avenue, Jijiang Subdistrict, Jiangjin District",
    "合川区合阳城街道南津街 11 号": "11 Nanjin Street, Heyangcheng Subdistrict, Hechuan District",
    "永川区中山路街道人民大道 8 号": "8 Renmin Avenue, Zhongshanlu Subdistrict, Yongchuan District",
    "綦江区古南街道沿河路 26 号": "26 Yanhe Road, Gunan Subdistrict, Qijiang District",
}

# (name, login, categories, functional needs, display preferences)
TRAINEES = [
    (
        "张伟",
        "trainee01",
        ["visual"],
        ["screen_reader", "keyboard_only"],
        {"theme": "dark"},
    ),
    (
        "王芳",
        "trainee02",
        ["hearing"],
        ["captions", "sign_language"],
        {"captions_on": True},
    ),
    (
        "李娜",
        "trainee03",
        ["intellectual"],
        ["easy_read", "assistance"],
        {"easy_read_first": True, "text_size": 150},
    ),
    ("刘洋", "trainee04", ["physical"], ["keyboard_only", "extra_time"], {}),
    (
        "陈静",
        "trainee05",
        ["visual"],
        ["magnifier"],
        {"text_size": 200, "theme": "yellow"},
    ),
    ("杨磊", "trainee06", ["speech"], [], {}),
    (
        "赵敏",
        "trainee07",
        ["psychosocial"],
        ["extra_time"],
        {"reduced_motion": True, "theme": "cream"},
    ),
    (
        "黄强",
        "trainee08",
        ["multiple", "visual", "hearing"],
        ["screen_reader", "captions", "extra_time"],
        {"text_size": 125},
    ),
    ("周婷", "trainee09", ["hearing"], ["sign_language"], {}),
    (
        "吴涛",
        "trainee10",
        ["physical"],
        ["keyboard_only"],
        {"legible_font": True, "wide_spacing": True},
    ),
    ("徐丽", "trainee11", ["intellectual"], ["easy_read"], {"underline_links": True}),
    ("孙浩", "trainee12", [], [], {}),  # has not shared any needs
]


# The trainees printed with the logins, and what each shows on My learning
# (demo/schedule.py puts them there).
SHOWN = {
    "trainee01": "a paused quiz",
    "trainee02": "lessons in progress",
    "trainee03": "a certificate",
    "trainee04": "an offered place",
    "trainee05": "on a waiting list",
}


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    name: str


def demo_email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


def training_base(
    *,
    number: int,
    name: str,
    name_en: str,
    district: str,
    district_en: str,
    address: str,
    address_en: str = "",
) -> TrainingBase:
    """The base called `name`, created with the demo's contact details and
    venue facilities when missing, in both languages (the English address
    from ADDRESSES_EN unless given). `number` counts from 1 and varies the
    facilities from base to base, as real venues do."""
    english = {
        "name_en": name_en,
        "district_en": district_en,
        "address_en": address_en or ADDRESSES_EN.get(address, ""),
        "transport_notes_en": f"Light rail or bus to {district_en}; the stop has a step-free lift. Drop-off and parking at the door.",
    }
    base, created = TrainingBase.objects.get_or_create(
        name=name,
        defaults={
            **english,
            "district": district,
            "address": address,
            "contact_phone": f"023-6000-{number:04d}",
            "contact_email": demo_email(f"base{number:02d}"),
            # Every base is step-free; the rest varies.
            "step_free_access": True,
            "accessible_toilet": number % 4 != 0,
            "hearing_loop": number % 3 == 0,
            "sign_language_interpreter": number % 2 == 1,
            "transport_notes": f"轻轨或公交到{district}，站点有无障碍电梯；基地门口可以停车和接送。",
        },
    )
    # A base seeded before it had English fields gets them; what someone
    # wrote is kept.
    missing = [
        field for field, value in english.items() if value and not getattr(base, field)
    ]
    if not created and missing:
        for field in missing:
            setattr(base, field, english[field])
        base.save(update_fields=missing)
    return base


def demo_base(number: int) -> TrainingBase:
    """The `number`th base of BASES (counting from 1), created when missing."""
    name, name_en, district, district_en, address = BASES[number - 1]
    return training_base(
        number=number,
        name=name,
        name_en=name_en,
        district=district,
        district_en=district_en,
        address=address,
    )


def _user(*, local: str, name: str, is_superuser: bool = False) -> User:
    user, created = User.objects.get_or_create(
        email=demo_email(local),
        defaults={"name": name, "is_superuser": is_superuser, "is_staff": is_superuser},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


@transaction.atomic
def seed_people() -> list[DemoLogin]:
    """17 bases, a federation admin and auditor, a manager and an instructor
    per base, and trainees. Returns the demo logins to print."""
    logins: list[DemoLogin] = []
    bases = [demo_base(number) for number in range(1, len(BASES) + 1)]

    admin = _user(local="admin", name="联合会管理员", is_superuser=True)
    StaffRole.objects.get_or_create(
        user=admin, role=StaffRole.Role.FEDERATION_ADMIN, base=None
    )
    logins.append(DemoLogin("federation admin", admin.email, admin.name))

    auditor = _user(local="auditor", name="审计员 林", is_superuser=False)
    StaffRole.objects.get_or_create(
        user=auditor, role=StaffRole.Role.AUDITOR, base=None
    )
    logins.append(DemoLogin("federation auditor", auditor.email, auditor.name))

    for index, base in enumerate(bases, 1):
        instructor = _user(local=f"instructor{index:02d}", name=f"教员 {base.district}")
        StaffRole.objects.get_or_create(
            user=instructor, role=StaffRole.Role.INSTRUCTOR, base=base
        )
        manager = _user(local=f"manager{index:02d}", name=f"基地负责人 {base.district}")
        StaffRole.objects.get_or_create(
            user=manager, role=StaffRole.Role.MANAGER, base=base
        )
        if index == 1:
            logins.append(
                DemoLogin(f"base manager ({base.name_en})", manager.email, manager.name)
            )
            logins.append(
                DemoLogin(
                    f"base instructor ({base.name_en})",
                    instructor.email,
                    instructor.name,
                )
            )

    for index, (name, local, categories, needs, display) in enumerate(TRAINEES):
        trainee = _user(local=local, name=f"{name}（演示）")
        if trainee.home_base_id is None:
            trainee.home_base = bases[index % len(bases)]
            trainee.save(update_fields=["home_base"])
        if (categories or needs) and not AccessNeeds.objects.filter(
            user=trainee
        ).exists():
            access_needs_record(
                user=trainee, categories=categories, needs=needs, notes="", consent=True
            )
        if display:
            DisplayPreferences.objects.get_or_create(user=trainee, defaults=display)
        if local in SHOWN:
            what = (
                ", ".join(key.replace("_", " ") for key in [*categories, *needs])
                or "no needs shared"
            )
            logins.append(
                DemoLogin(
                    f"trainee ({what}; {SHOWN[local]})", trainee.email, trainee.name
                )
            )
    return logins
