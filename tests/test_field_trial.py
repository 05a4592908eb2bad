"""Second-round field trial: published rubrics from fields the project had not seen, encoded from docs/ alone
(tests/field_trial/<slug>/: source.md, the encoding, sample facts, goldens.md with the arithmetic).

The totals and grades below are typed from each goldens.md, where they were worked out by hand from the
published words before the program was run; they are not the program's output."""
import json
from decimal import Decimal
from pathlib import Path

import pytest

import govrubric

TRIAL = Path(__file__).resolve().parent / "field_trial"

# slug -> {unit: (total, grade or None)}, from tests/field_trial/<slug>/goldens.md
HAND_WORKED = {
    "wencheng-2020": {"甲乡": ("24.5", None), "乙乡": ("4", None), "丙乡": ("22", None)},
    "county-safety-2018": {"甲县": ("6.5", None), "乙县": ("12", None), "丙区": ("6", None)},
    "liuchi-2016": {"甲村": ("22", None), "乙村": ("0", None), "丙社区": ("0", None), "丁村": ("60", None)},
    "xuancheng-grain-2020": {"甲县": ("7", None), "乙县": ("1", None), "丙县": ("5.3", None), "丁区": ("0.2", None)},
    "ruoqiang-2014": {"县甲局": ("9", None), "县乙局": ("0", None), "县丙局": ("12", None)},
    "guangde-health-2016": {"甲镇卫生院": ("7", None), "乙镇卫生院": ("5", None), "丙乡卫生院": ("0", None)},
    "discipline-2015": {"甲县委": ("44", None), "乙区委": ("-4", None), "丙县委": ("14", None)},
    "qingtian-env-2017": {"甲镇": ("92", None), "乙镇": ("95", "不合格"), "丙街道": ("70.5", "不合格")},
    "ningguo-govservice-2023": {"甲镇": ("5", None), "乙镇": ("0", None), "丙街道": ("0", None), "丁乡": ("3", None)},
    "water-2017": {"甲县": ("20", None), "乙县": ("4", None), "丙区": ("16", None)},
    "credit-demo-city": {"甲市": ("85.5", None), "乙市": ("90", "否决"), "丙市": ("88", "否决")},
    "edu-safety": {"甲市教育局": ("18", None), "乙市教育局": ("26", None), "丙市教育局": ("5", None)},
}


def load(slug):
    return govrubric.load(str(TRIAL / slug / f"{slug}.rubric"))


def units(slug):
    with open(TRIAL / slug / f"{slug}.facts.json", encoding="utf-8") as handle:
        return json.load(handle, parse_float=Decimal)


def test_every_trial_directory_has_hand_worked_goldens():
    assert sorted(p.name for p in TRIAL.iterdir() if p.is_dir()) == sorted(HAND_WORKED)


@pytest.mark.parametrize("slug", sorted(HAND_WORKED))
def test_encoding_checks_clean(slug):
    assert load(slug).check() == []


@pytest.mark.parametrize("slug", sorted(HAND_WORKED))
def test_totals_and_grades_match_the_hand_worked_goldens(slug):
    rubric = load(slug)
    rows = units(slug)
    expected = HAND_WORKED[slug]
    assert sorted(row["单位"] for row in rows) == sorted(expected)
    got = {row["单位"]: (result.total, result.grade) for row, result in zip(rows, rubric.score_cohort(rows))}
    want = {unit: (Decimal(total), grade) for unit, (total, grade) in expected.items()}
    assert got == want
