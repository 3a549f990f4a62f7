# ruff: noqa: E501
"""Write ``src/secplan/catalog/lists/pii_world_names.toml``: given names and surnames of many
countries and scripts, for offline person-name detection.

The names come from the per-locale person providers of the Faker package (MIT licence), which
collect common given names and surnames per country from public statistics. Names written in
Cyrillic or Greek are transliterated to Latin letters (the ICAO 9303 / ELOT 743 letter tables,
simplified), since text in other languages writes them that way. Faker is needed only to run
this script, never at run time:

    python -m pip install --target /path/outside/repo faker
    PYTHONPATH=/path/outside/repo python scripts/build_world_names.py

Names that are common words in the name lists' own stop lists (``not_names``,
``ambiguous_names`` in ``pii_words.toml``) are left out, and so are names of one letter.
"""

from __future__ import annotations

import argparse
import importlib
import os
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LISTS = ROOT / "src" / "secplan" / "catalog" / "lists"
OUT = LISTS / "pii_world_names.toml"

#: Locales written in Latin letters, by region (the order is the order of the output).
LATIN = [
    "de_DE", "de_AT", "de_CH", "fr_FR", "fr_BE", "fr_CH", "fr_CA", "es_ES", "es_MX", "es_AR",
    "es_CO", "es_CL", "pt_PT", "pt_BR", "it_IT", "nl_NL", "nl_BE", "en_GB", "en_IE", "en_IN",
    "en_NG", "en_PK", "en_KE", "pl_PL", "cs_CZ", "sk_SK", "hu_HU", "ro_RO", "hr_HR", "sl_SI",
    "lt_LT", "lv_LV", "et_EE", "fi_FI", "sv_SE", "no_NO", "da_DK", "is_IS", "tr_TR", "az_AZ",
    "id_ID", "vi_VN", "ga_IE", "yo_NG", "ig_NG", "ha_NG", "sw", "zu_ZA", "tw_GH",
]  # fmt: skip
#: Locales whose names are in another script, transliterated below.
CYRILLIC = ["ru_RU", "uk_UA", "bg_BG"]
GREEK = ["el_GR"]
#: Locales that carry romanized lists beside the native ones.
ROMANIZED = ["ja_JP", "zh_CN", "zh_TW"]

_CYR = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяієїґ",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "-",
            "y",
            "-",
            "e",
            "yu",
            "ya",
            "i",
            "ye",
            "yi",
            "g",
        ],
        strict=True,
    )
)
_GRK = dict(
    zip(
        "αάβγδεέζηήθιίϊΐκλμνξοόπρσςτυύϋΰφχψωώ",
        [
            "a",
            "a",
            "v",
            "g",
            "d",
            "e",
            "e",
            "z",
            "i",
            "i",
            "th",
            "i",
            "i",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "x",
            "o",
            "o",
            "p",
            "r",
            "s",
            "s",
            "t",
            "y",
            "y",
            "y",
            "y",
            "f",
            "ch",
            "ps",
            "o",
            "o",
        ],
        strict=True,
    )
)
_GRK_PAIRS = {"ου": "ou", "ού": "ou", "αι": "ai", "ει": "ei", "οι": "oi", "μπ": "b", "ντ": "d"}

#: Common names that the providers lack, written out from public lists of the most common
#: names per country (national statistics offices, as summarised by Wikipedia's "most common
#: given names" and "most common surnames" lists): Polish, Arabic (as transliterated into
#: English, French and German text), Chinese (pinyin), Korean (revised romanization and its
#: usual spellings) and Japanese given names.
EXTRA_GIVEN = """
malgorzata małgorzata agnieszka krystyna barbara ewa elżbieta zofia teresa joanna magdalena
monika danuta jadwiga aleksandra halina irena beata marta dorota wiesława grażyna jolanta
iwona urszula renata bożena sylwia karolina justyna stanisław krzysztof andrzej józef
tomasz marcin marek grzegorz piotr paweł zbigniew jerzy tadeusz ryszard kazimierz wojciech
mirosław dariusz henryk zdzisław łukasz przemysław bartosz wiesław
mohammed muhammad mohamed mohammad mohamad mehmed ahmed ahmad ali omar umar youssef yusuf
yousef ibrahim hassan hasan hussein husein hussain khalid khaled mustafa mostafa abdullah
abdallah mahmoud mahmud tariq tarek karim kareem samir nasser walid waleed hamza bilal
rashid saeed said sayed faisal jamal anwar adel amir amr ayman hesham hisham osama usama
fatima fatma aisha aicha ayesha layla leila laila mariam maryam noor nour zainab zeinab
amina salma yasmin yasmine huda rania hana samira khadija nadia sara sarah lina dina rana
reem rim farah hiba asma iman imane malak nada mona noura
wei ying jing li min hui yan xin lei jun tao hao yu fang xiu lan ming hua qiang yong jie
ping gang hong chao bin bo chen feng hai jian jin kai lin long na ning peng qing rui shan
tian ting wen xia xiao xue yang yi yun zhen zhi zhong xiaoming xiaoyan xiaohong jianhua
jianguo lihua meiling weiwei yifan zihan haoran yuxuan zhiwei
minjun min-jun seojun seo-jun jihoon ji-hoon jiwoo ji-woo seoyeon seo-yeon jiyeon ji-yeon
minseo hyejin hye-jin sooyoung soo-young jisoo ji-soo eunji eun-ji jiwon ji-won hyunwoo
sungmin sung-min dongwook jaehyun jae-hyun youngho young-ho minji min-ji yuna sujin su-jin
haruto yuto sota yuki hiroshi takashi kenji akira hiroki daiki yui hina aoi sakura yuna
haruka yoko keiko yumi akiko naoko tomoko mai emi
rahul ananya priya amit arjun rohan aditya vikram sanjay deepak anil sunil ravi pooja neha
divya kavya aishwarya lakshmi meera anjali shreya ishaan vivaan aarav sneha nisha rajesh
suresh ramesh mahesh ganesh venkatesh srinivas krishna arun varun karan nikhil siddharth
benedetta ludovica beatrice ginevra vittoria matilde aurora gaia alessia martina giorgia
yekaterina yelena yevgeny yevgeniya yulia yuliya yury
"""
EXTRA_SURNAMES = """
nowak kowalski kowalska wiśniewski wiśniewska wójcik kowalczyk kamiński kamińska lewandowski
lewandowska zieliński zielińska szymański szymańska woźniak dąbrowski dąbrowska kozłowski
kozłowska jankowski jankowska mazur kwiatkowski kwiatkowska krawczyk piotrowski piotrowska
grabowski grabowska nowakowski nowakowska pawłowski pawłowska michalski michalska wróbel
brzęczyszczykiewicz
al-sayed el-sayed haddad khalil mansour nasser saleh aziz rahman hamdan farouk sayed hussein
abdullah ibrahim hassan mahmoud mustafa khoury najjar masri hakim karam bakr darwish qureshi
sheikh shaikh saleh salem suleiman yousef jaber amin aziz
wang zhang liu chen yang huang zhao zhou wu xu sun zhu ma hu guo lin he gao luo zheng liang
xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng
wei su lu ding ren shen yao lu jiang cui zhong tan lu fan wang liao shi jin jia xia fu fang
zou xiong bai meng qin qiu hou jiang yin xue yan duan lei long li
kim lee park choi jung jeong kang cho yoon jang lim han oh seo shin kwon hwang ahn song
yoo hong jeon ko moon yang son bae baek heo nam noh ha kwak sung cha joo woo min ryu
sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato yoshida yamada
sasaki yamaguchi matsumoto inoue kimura hayashi shimizu yamazaki mori abe ikeda hashimoto
nguyen nguyễn tran trần le lê pham phạm hoang hoàng huynh huỳnh phan vu vũ vo võ dang đặng
bui bùi do đỗ ho hồ ngo ngô duong dương ly lý
"""

#: Given-name and surname attributes of the providers, by what they hold.
_GIVEN = (
    "first_names",
    "first_names_female",
    "first_names_male",
    "first_names_unisex",
    "first_romanized_names",
    "first_romanized_names_female",
    "first_romanized_names_male",
)
_SURNAMES = (
    "last_names",
    "last_names_female",
    "last_names_male",
    "male_last_names",
    "unisex_last_names",
    "last_romanized_names",
    "middle_names",
)
_ROMAN_ONLY = {"first_romanized_names", "last_romanized_names"}


def _translit(word: str, table: dict[str, str], pairs: dict[str, str] | None = None) -> str:
    w = word.lower()
    for a, b in (pairs or {}).items():
        w = w.replace(a, b)
    return "".join(table.get(c, c) for c in w).replace("-", "")


def _values(provider: type, attr: str) -> list[str]:
    v = getattr(provider, attr, ())
    if isinstance(v, dict):
        return list(v.keys())
    return list(v) if isinstance(v, (list, tuple)) else []


def _collect(locale: str, attrs: tuple[str, ...], kind: str) -> list[str]:
    try:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    except ModuleNotFoundError:
        return []
    out: list[str] = []
    for attr in attrs:
        if locale in ROMANIZED and attr not in _ROMAN_ONLY:
            continue
        for name in _values(provider, attr):
            for part in name.replace("-", " ").split():
                if locale in CYRILLIC:
                    part = _translit(part, _CYR)
                    if part.endswith("iy"):  # Dmitriy: also Dmitry and Dmitri
                        out += [part[:-2] + "y", part[:-1]]
                    elif part.endswith("ey"):  # Sergey: also Sergei
                        out.append(part[:-1] + "i")
                elif locale in GREEK:
                    part = _translit(part, _GRK, _GRK_PAIRS)
                out.append(part.lower())
                if (
                    kind == "surname"
                    and locale == "pl_PL"
                    and part.lower().endswith(("ski", "cki", "dzki"))
                ):
                    out.append(part.lower()[:-1] + "a")  # Kowalski -> Kowalska
    return out


def _ok(name: str, stop: set[str]) -> bool:
    return len(name) > 1 and name.isalpha() and name not in stop


def _toml_words(names: list[str]) -> str:
    """The names as lines of words for a multi-line string (read with ``str.split``, which
    is many times faster than parsing a TOML array of strings this long)."""
    lines, line = [], ""
    for n in names:
        if line and len(line) + len(n) + 1 > 100:
            lines.append(line)
            line = ""
        line = f"{line} {n}" if line else n
    lines.append(line)
    return "\n".join(lines)


def build() -> str:
    words = tomllib.loads((LISTS / "pii_words.toml").read_text(encoding="utf-8"))
    stop = {w.lower() for k in ("not_names", "ambiguous_names") for w in words[k]["words"]}
    given: dict[str, None] = {}
    surnames: dict[str, None] = {}
    for locale in LATIN + CYRILLIC + GREEK + ROMANIZED:
        for n in _collect(locale, _GIVEN, "given"):
            if _ok(n, stop):
                given.setdefault(n)
        for n in _collect(locale, _SURNAMES, "surname"):
            if _ok(n, stop):
                surnames.setdefault(n)
    for n in EXTRA_GIVEN.split():
        if _ok(n.replace("-", ""), stop):
            given.setdefault(n)
    for n in EXTRA_SURNAMES.split():
        if _ok(n.replace("-", ""), stop):
            surnames.setdefault(n)
    import faker

    return f"""# Given names and surnames of many countries and scripts, for offline person-name detection.
#
# Generated by scripts/build_world_names.py; do not edit by hand. Names in Cyrillic and Greek
# are transliterated to Latin letters. Lower-case, grouped by locale in the order the script
# lists them (not by frequency). They add to the US Census lists (pii_given_names.toml,
# pii_surnames.toml): a name known here is evidence, not proof, like any name there.
schema_version = 1
reason = "People in text written in many languages have names from many countries; a capitalised word that is a common given name or surname somewhere is likely part of a person's name."

[source]
title = "Faker person providers ({len(LATIN + CYRILLIC + GREEK + ROMANIZED)} locales)"
publisher = "the Faker project (joke2k/faker), from national statistics and public name lists"
url = "https://github.com/joke2k/faker/tree/master/faker/providers/person"
licence = "MIT"
obtained = "Faker {faker.VERSION}, read by scripts/build_world_names.py"

# The names are words separated by white space.
[names]
given = '''
{_toml_words(list(given))}
'''
surnames = '''
{_toml_words(list(surnames))}
'''
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    text = build()
    fd, tmp = tempfile.mkstemp(dir=args.out.parent, prefix=".names-")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    Path(tmp).chmod(0o644)
    Path(tmp).replace(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
