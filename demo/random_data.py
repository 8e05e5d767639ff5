"""Seeded random choices shared by the demo seed and the load generator, so
both draw names and needs the same way."""

import random

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏斌飞宇浩凯辉婷雪琳晨欣怡佳倩颖蕾慧"
NEEDS_BY_CATEGORY = {
    "visual": ["screen_reader", "magnifier", "keyboard_only"],
    "hearing": ["captions", "sign_language"],
    "speech": [],
    "physical": ["keyboard_only", "extra_time"],
    "intellectual": ["easy_read", "assistance", "extra_time"],
    "psychosocial": ["extra_time"],
}


def weighted(rng: random.Random, weights: dict):
    """One key of `weights`, chosen in proportion to its value."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def person_name(rng: random.Random) -> str:
    """A surname and one or two given characters, as most Chinese names are."""
    name = f"{rng.choice(SURNAMES)}{rng.choice(GIVEN)}"
    if rng.random() < 0.6:
        name += rng.choice(GIVEN)
    return name
