"""`govrubric diff`: item-by-item changes between two versions, and a back-test on last year's facts.

OLD and NEW are one rubric in two versions, changed by hand: 一.1 worth 3 points instead of 2;
一.2【指南准确】 removed, so 一.3【网上办理】 becomes 一.2 (and its threshold rises from 90% to 95%);
二.2【差评整改】 moved under 一 as 一.3; 二.1 deducts 1 point instead of 2; 二.2【帮办代办】 added.
The expected diff and every back-test number below are worked out by hand.
"""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import govrubric
from govrubric.cli import main
from govrubric.diff import compare, match_nodes
from govrubric.fmt import format_file

ROOT = Path(__file__).resolve().parent.parent
YILIANG = ROOT / "rubrics" / "yiliang-2023.rubric"

OLD = """细则「示例细则」
年度 2023
单位类别:「部门」、「街道」
总分:「考评得分」= 第一项至第三项得分

一、【事项管理】(6分)
  1.【公布清单】(2分)
    事实「按时公布」:是否
    「按时公布」得2分,否则不得分。
  2.【指南准确】(2分)
    事实「指南错误次数」:次数
    「指南错误次数」每发现1次扣0.5分,扣完2分为止。
  3.【网上办理】(2分)
    事实「网办率」:百分比
    「网办率」达到90%得2分,80%—90%(不含)得1分,低于80%不得分。

二、【窗口服务】(4分)
  1.【窗口设置】(2分)
    事实「设置综合窗口」:是否
    未「设置综合窗口」的,扣2分。
  2.【差评整改】(2分)
    事实「差评未整改件数」:件数
    「差评未整改件数」每1件扣1分。

三、【加分】(累计不超过3分)
  事实「获国家级表彰」:是否
  「获国家级表彰」加3分。
"""

NEW = """细则「示例细则」
年度 2024
单位类别:「部门」、「街道」
总分:「考评得分」= 第一项至第三项得分

一、【事项管理】(7分)
  1.【公布清单】(3分)
    事实「按时公布」:是否
    「按时公布」得3分,否则不得分。
  2.【网上办理】(2分)
    事实「网办率」:百分比
    「网办率」达到95%得2分,80%—95%(不含)得1分,低于80%不得分。
  3.【差评整改】(2分)
    事实「差评未整改件数」:件数
    「差评未整改件数」每1件扣1分。

二、【窗口服务】(3分)
  1.【窗口设置】(2分)
    事实「设置综合窗口」:是否
    未「设置综合窗口」的,扣1分。
  2.【帮办代办】(1分)
    事实「设置帮办窗口」:是否
    「设置帮办窗口」得1分。

三、【加分】(累计不超过3分)
  事实「获国家级表彰」:是否
  「获国家级表彰」加3分。
"""

FACTS = [
    {"单位": "甲局", "单位类别": "部门", "按时公布": "是", "指南错误次数": 1, "网办率": "92%", "设置综合窗口": "否",
     "差评未整改件数": 1, "获国家级表彰": "否"},
    {"单位": "乙街道", "单位类别": "街道", "按时公布": "否", "指南错误次数": 0, "网办率": "96%", "设置综合窗口": "是",
     "差评未整改件数": 3, "获国家级表彰": "是"},
]


@pytest.fixture
def files(tmp_path):
    paths = {}
    for name, text in (("old.rubric", OLD), ("new.rubric", NEW)):
        paths[name] = tmp_path / name
        paths[name].write_text(text, encoding="utf-8")
    paths["facts"] = tmp_path / "2023.json"
    paths["facts"].write_text(json.dumps(FACTS, ensure_ascii=False), encoding="utf-8")
    return paths


def expected_diff(old: str, new: str) -> str:
    return f"""细则对比 / rubric diff:{old} → {new}
年度:2023 → 2024
新增事实:「设置帮办窗口」
删除事实:「指南错误次数」

一【事项管理】
  分值:6分 → 7分
  可能得分:0—6分 → 0—7分

一.1【公布清单】
  分值:2分 → 3分
  条款改动:
    原:「按时公布」得2分,否则不得分
    新:「按时公布」得3分,否则不得分
  可能得分:0—2分 → 0—3分

一.2【网上办理】
  编号:一.3 → 一.2(按标题对上)
  条款改动:
    原:「网办率」达到90%得2分,80%—90%(不含)得1分,低于80%不得分
    新:「网办率」达到95%得2分,80%—95%(不含)得1分,低于80%不得分

一.3【差评整改】
  编号:二.2 → 一.3(按标题对上)

二【窗口服务】
  分值:4分 → 3分
  可能得分:0—4分 → 1—3分

二.1【窗口设置】
  条款改动:
    原:未「设置综合窗口」的,扣2分
    新:未「设置综合窗口」的,扣1分
  可能得分:0—2分 → 1—2分

新增 二.2【帮办代办】
  条款:「设置帮办窗口」得1分
  可能得分:0—1分

删除 一.2【指南准确】
  条款:「指南错误次数」每发现1次扣0.5分,扣完2分为止
  原可能得分:0—2分
"""


# 甲局, old: 一.1 2 + 一.2 (2 − 0.5) + 一.3 (92% ≥ 90%) 2 = 5.5; 二.1 2 − 2 = 0, 二.2 2 − 1 = 1; 三 0 → 6.5.
#       new: 一.1 3 + 一.2 (80% ≤ 92% < 95%) 1 + 一.3 (2 − 1) 1 = 5; 二.1 2 − 1 = 1, 二.2 未填 0; 三 0 → 6.
# 乙街道, old: 一.1 0 + 一.2 2 + 一.3 (96%) 2 = 4; 二.1 2, 二.2 (2 − 3 → 0) 0; 三 3 → 9.
#         new: 一.1 0 + 一.2 (96% ≥ 95%) 2 + 一.3 0 = 2; 二.1 2, 二.2 0; 三 3 → 7.
EXPECTED_BACKTEST = """
回测 / back-test:{facts} 中的单位按两版细则计分
  注:新细则的事实「设置帮办窗口」在数据中没有,按「未填」计(条件不成立,次数为0)
  甲局:6.5 → 6(−0.5)
    一.1【公布清单】:2 → 3(+1)
    一.2【网上办理】:2 → 1(−1)
    二.1【窗口设置】:0 → 1(+1)
    删除 一.2【指南准确】:1.5 → 无(−1.5)
  乙街道:9 → 7(−2)
    删除 一.2【指南准确】:2 → 无(−2)
"""


def test_diff_text(files):
    old, new = str(files["old.rubric"]), str(files["new.rubric"])
    result = CliRunner().invoke(main, ["diff", old, new])
    assert result.exit_code == 0, result.output
    assert result.stdout == expected_diff(old, new)


def test_diff_with_backtest(files):
    old, new, facts = str(files["old.rubric"]), str(files["new.rubric"]), str(files["facts"])
    result = CliRunner().invoke(main, ["diff", old, new, "--facts", facts])
    assert result.exit_code == 0, result.output
    assert result.stdout == expected_diff(old, new) + EXPECTED_BACKTEST.format(facts=facts)


def test_diff_json(files):
    old, new, facts = str(files["old.rubric"]), str(files["new.rubric"]), str(files["facts"])
    result = CliRunner().invoke(main, ["diff", old, new, "--facts", facts, "--format", "json"])
    data = json.loads(result.stdout)
    assert data["facts"] == {"added": ["设置帮办窗口"], "removed": ["指南错误次数"], "changed": []}
    summary = [(i["status"], i["old_path"], i["new_path"], i["matched_by"], i["moved"]) for i in data["items"]]
    assert summary == [("changed", "一", "一", "编号和标题", False), ("changed", "一.1", "一.1", "编号和标题", False),
                       ("changed", "一.3", "一.2", "标题", True), ("changed", "二.2", "一.3", "标题", True),
                       ("changed", "二", "二", "编号和标题", False), ("changed", "二.1", "二.1", "编号和标题", False),
                       ("added", None, "二.2", None, False), ("removed", "一.2", None, None, False)]
    one = data["items"][1]
    assert one["changes"] == [{"what": "分值", "old": "2分", "new": "3分"}]
    assert one["clauses"] == [{"status": "changed", "old": "「按时公布」得2分,否则不得分",
                               "new": "「按时公布」得3分,否则不得分", "old_meaning": "按时公布的,得2分,否则不得分",
                               "new_meaning": "按时公布的,得3分,否则不得分"}]
    assert (one["old_range"], one["new_range"]) == (["0", "2"], ["0", "3"])
    units = {u["unit"]: (u["old_total"], u["new_total"], u["change"]) for u in data["backtest"]["units"]}
    assert units == {"甲局": ("6.5", "6", "-0.5"), "乙街道": ("9", "7", "-2")}
    assert data["backtest"]["unfilled"] == {"old": [], "new": ["设置帮办窗口"]}


def test_layout_is_not_a_change(tmp_path):
    formatted = tmp_path / "formatted.rubric"
    formatted.write_text(format_file(str(YILIANG)).text, encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", str(YILIANG), str(formatted)])
    assert result.stdout.endswith("两版细则的计分内容相同 / no change in what is scored\n")


def test_one_changed_threshold_in_a_shipped_rubric(tmp_path):
    text = YILIANG.read_text(encoding="utf-8")
    changed = tmp_path / "yiliang-2024.rubric"
    changed.write_text(text.replace("「全程网办率」达93%得1分", "「全程网办率」达95%得1分"), encoding="utf-8")
    diff = compare(govrubric.load(str(YILIANG)), govrubric.load(str(changed)))
    (item,) = diff.items
    assert (item.new_path, item.title, item.changes, item.range_changed) == ("三.2", "深化推进“一网通办”。", (), False)
    (clause,) = item.clauses
    assert clause.old.startswith("「全程网办率」达93%得1分") and clause.new.startswith("「全程网办率」达95%得1分")


def test_untitled_items_match_by_numbering_under_matched_parents():
    items = "一、【甲】(2分)\n  ○(1分)\n    事实「a」:是否\n    「a」得1分。\n  ○(1分)\n    事实「b」:是否\n    「b」得1分。\n"
    old = govrubric.loads("细则「t」\n" + items, "old")
    # a new first item: 甲 becomes 二, its untitled parts 二.○1 and 二.○2
    new = govrubric.loads("细则「t」\n一、【新】(1分)\n  事实「c」:是否\n  「c」得1分。\n"
                          + items.replace("一、", "二、").replace("「b」得1分", "「b」得0.5分"), "new")
    pairs, removed, added = match_nodes(old.model, new.model)
    assert [(a.path, b.path, how) for a, b, how in pairs] == [
        ("一", "二", "标题"), ("一.○1", "二.○1", "编号"), ("一.○2", "二.○2", "编号")]
    assert not removed and [n.path for n in added] == ["一"]
    items = compare(old, new).items
    assert [(i.status, i.new_path, i.moved) for i in items] == [
        ("added", "一", False), ("changed", "二", True), ("changed", "二.○2", False)]
    assert items[2].clauses[0].status == "changed"


def test_rubric_with_errors_or_unreadable_facts(files, tmp_path):
    broken = tmp_path / "broken.rubric"
    broken.write_text("一、【甲】(1分)\n「未声明」得1分\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["diff", str(files["old.rubric"]), str(broken)])
    assert result.exit_code == 1 and "GR201" in result.output and "不能比较" in result.output
    result = runner.invoke(main, ["diff", str(files["old.rubric"]), str(files["new.rubric"]),
                                  "--facts", str(tmp_path / "none.json")])
    assert result.exit_code == 2 and "GR406" in result.output


def test_backtest_written_as_a_table_one_row_per_unit(files, tmp_path):
    import openpyxl

    old, new, facts = str(files["old.rubric"]), str(files["new.rubric"]), str(files["facts"])
    out = tmp_path / "回测.xlsx"
    result = CliRunner().invoke(main, ["diff", old, new, "--facts", facts, "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["回测", "说明"]
    sheet = book["回测"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1] == ("单位", "原总分", "新总分", "变化", "原名次", "新名次", "名次变化", "变化的指标")
    # totals worked out above EXPECTED_BACKTEST: 甲局 6.5 → 6, 乙街道 9 → 7; 乙街道 first under both versions
    assert rows[2][:7] == ("甲局", 6.5, 6, -0.5, 2, 2, 0)
    assert rows[3][:7] == ("乙街道", 9, 7, -2, 1, 1, 0)
    assert rows[2][7] == ("一.1【公布清单】:2 → 3(+1);一.2【网上办理】:2 → 1(−1);二.1【窗口设置】:0 → 1(+1);"
                          "删除 一.2【指南准确】:1.5 → 无(−1.5)")
    assert rows[3][7] == "删除 一.2【指南准确】:2 → 无(−2)"
    assert sheet["B3"].number_format == "0.0" and sheet["G3"].number_format == "+0;-0;0"  # 0.5: one decimal
    assert sheet.freeze_panes == "B3" and sheet.print_title_rows == "$1:$2"
    assert (sheet.page_setup.paperSize, sheet.page_setup.orientation) == (9, "landscape")  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToHeight == 0  # one page wide
    notes = [row for row in book["说明"].iter_rows(values_only=True)]
    assert notes == [("新细则", "事实「设置帮办窗口」在数据中没有,按「未填」计(条件不成立,次数为0)")]
    csv = tmp_path / "回测.csv"
    assert CliRunner().invoke(main, ["diff", old, new, "--facts", facts, "-o", str(csv)]).exit_code == 0
    lines = csv.read_text(encoding="utf-8-sig").splitlines()
    assert lines[1] == "甲局,6.5,6,-0.5,2,2,0,一.1【公布清单】:2 → 3(+1);一.2【网上办理】:2 → 1(−1);二.1【窗口设置】:0 → 1(+1);删除 一.2【指南准确】:1.5 → 无(−1.5)"
    # -o needs the facts, and never overwrites an input
    result = CliRunner().invoke(main, ["diff", old, new, "-o", str(out)])
    assert result.exit_code == 1 and "--facts" in result.output
    result = CliRunner().invoke(main, ["diff", old, new, "--facts", facts, "-o", facts])
    assert result.exit_code == 1 and "GR501" in result.output


def test_a_rank_change_is_signed_up_the_table(tmp_path):
    """乙 overtakes 甲 when the new version doubles 一's points: ranks 2 → 1 (+1) and 1 → 2 (−1)."""
    import openpyxl

    old_text = "细则「r」\n一、【甲】(1分)\n  事实「a」:是否\n  「a」得1分。\n二、【乙】(2分)\n  事实「b」:是否\n  「b」得2分。\n"
    new_text = old_text.replace("(1分)", "(3分)").replace("「a」得1分", "「a」得3分")
    (tmp_path / "o.rubric").write_text(old_text, encoding="utf-8")
    (tmp_path / "n.rubric").write_text(new_text, encoding="utf-8")
    (tmp_path / "f.csv").write_text("单位,a,b\n甲,否,是\n乙,是,否\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", str(tmp_path / "o.rubric"), str(tmp_path / "n.rubric"), "--facts",
                                       str(tmp_path / "f.csv"), "-o", str(tmp_path / "回测.xlsx")])
    assert result.exit_code == 0, result.output
    rows = list(openpyxl.load_workbook(tmp_path / "回测.xlsx")["回测"].iter_rows(min_row=3, values_only=True))
    # 甲: old 0 + 2 = 2 (first), new 0 + 2 = 2 (second); 乙: old 1 + 0 = 1 (second), new 3 + 0 = 3 (first)
    assert [row[:7] for row in rows] == [("甲", 2, 2, 0, 1, 2, -1), ("乙", 1, 3, 2, 2, 1, 1)]
    assert rows[1][7] == "一【甲】:1 → 3(+2)"


def test_an_item_whose_title_and_clauses_both_changed_is_removed_and_added():
    old = govrubric.loads("细则「t」\n一、【事项】(2分)\n  1.【差评整改】(1分)\n    事实「差评」:件数\n"
                          "    「差评」每1件扣1分。\n  2.【公布】(1分)\n    事实「公布」:是否\n    「公布」得1分。\n", "old")
    # 一.1 is now another item under the same number (new title, new clause); 一.2 is only retitled
    new = govrubric.loads("细则「t」\n一、【事项】(2分)\n  1.【帮办代办】(1分)\n    事实「帮办」:是否\n"
                          "    「帮办」得1分。\n  2.【按时公布】(1分)\n    事实「公布」:是否\n    「公布」得1分。\n", "new")
    pairs, removed, added = match_nodes(old.model, new.model)
    assert [(a.path, b.path, how) for a, b, how in pairs] == [("一", "一", "编号和标题"), ("一.2", "一.2", "编号")]
    assert [(n.path, n.title) for n in removed] == [("一.1", "差评整改")]
    assert [(n.path, n.title) for n in added] == [("一.1", "帮办代办")]
    items = compare(old, new).items
    assert [(i.status, i.old_path, i.new_path) for i in items] == [  # in the new order, removed last
        ("added", None, "一.1"), ("changed", "一.2", "一.2"), ("removed", "一.1", None)]
    assert [c.what for c in items[1].changes] == ["标题"]
