"""`govrubric render`: the published table, every standard worded from what is scored."""
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given

import govrubric
from govrubric.cli import main
from govrubric.render import COLUMNS, build_table, html_page, markdown, render_bytes, xlsx

from helpers import HEAVY
from strategies import valid_rubric_texts

ROOT = Path(__file__).resolve().parent.parent
YILIANG = ROOT / "rubrics" / "yiliang-2023.rubric"
HEAD = "细则「样表」\n单位类别:「部门」、「街道」\n"

EVERY_RULE = HEAD + """
一、【甲】(10分)
  考核对象:「各部门」
  查验方法:「抽查」、「数据统计」
  事实「全程网办率」:百分比
  事实「整改完成率」:百分比
  事实「指南不一致次数」:次数
  事实「接通率」:百分比
  事实「名次」:名次
  事实「清单不一致次数」:次数
  事实「报道」:清单「中央级」、「省部级」
  事实「影响」:视情
  事实「折算分」:分值 0—3分
  事实「公布」:是否
  事实「承诺数」:数量
  事实「企业数」:数量
  「全程网办率」达93%得1分,90%—92%之间,得0.5分,低于90%不得分。
  「整改完成率」100%得1分,95%—100%(不含)得0.5分,95%(不含)以下不得分。
  1.「指南不一致次数」每抽查发现1次扣0.1分,扣完1分为止。
  (2)「接通率」不足90%的,每低1个百分点扣0.1分。
  「名次」前三位,依次加0.5分、1分、1.5分。
  「名次」第3名之后,扣1分。
  「清单不一致次数」第一次扣1分;再次此项不得分。
  「报道」为「中央级」、「省部级」的,分别加2分、1分,最高不超过2分。
  「影响」的,视情扣1—3分。
  未「公布」的,按「折算分」下浮1分计分。
  「承诺数」/「企业数」≥1得1分,≥0.5得0.5分。
  累计加减分最高为5分。
二、【乙】(2分)
  事实「问题数」:起数
  每发现1起扣0.1分,扣完1分为止。
三、【丙】
  ○(1分)
    适用:「街道」
    事实「低于」:是否
    「低于」的,该项不得分。
"""


def table_of(text: str):
    loaded = govrubric.loads(text, "t.rubric")
    assert loaded.ok, [d.render() for d in loaded.check()]
    return build_table(loaded.model, loaded.tree)


def test_every_rule_form_is_worded_from_its_meaning():
    rows = table_of(EVERY_RULE).rows
    assert rows[0].standard == (
        "全程网办率达到93%得1分,90%—92%得0.5分,低于90%不得分",
        # 「95%(不含)以下」 is < 95%: the published words say so plainly
        "整改完成率为100%得1分,95%—100%(不含)得0.5分,低于95%不得分",
        "1.按指南不一致次数,每抽查发现1次扣0.1分,扣完1分为止",
        "(2)接通率低于90%的,每低1个百分点扣0.1分",
        "名次前3名,依次加0.5分、1分、1.5分",
        "名次第4名及以后扣1分",  # 第3名之后 excludes the 3rd
        "按清单不一致次数,第一次扣1分;第二次及以后该项不得分",
        "报道为中央级、省部级的,分别加2分、1分,加满2分为止",
        "影响的,视情扣1—3分",
        "未公布的,按折算分下浮1分计分",
        "承诺数/企业数达到1得1分,达到0.5得0.5分",
        "本项累计加减分最高为5分",
    )
    assert rows[0].who == ("考核对象:各部门", "查验方法:抽查、数据统计")
    # a clause written without its subject is published without it, as in the example
    assert rows[1].standard == ("每发现1起扣0.1分,扣完1分为止",)
    assert [(r.number, r.title, r.points, r.parent) for r in rows] == [
        ("一", "甲", "10分", False), ("二", "乙", "2分", False), ("三", "丙", "", True), ("", "", "1分", False)]
    assert rows[3].who == ("适用:街道",)


def test_the_standard_follows_the_reading_not_the_source_words():
    # 「60%以下」 includes 60% (《民法典》), and 边界 can say otherwise: the table shows what is scored
    text = HEAD + "一、【甲】(1分)\n事实「率」:百分比\n「率」60%以下不得分,否则得1分。\n"
    assert table_of(text).rows[0].standard == ("率不超过60%不得分,其余得1分",)
    changed = text.replace(HEAD, HEAD + "边界:以下不含本数\n")
    assert table_of(changed).rows[0].standard == ("率低于60%不得分,其余得1分",)


def test_yiliang_table():
    loaded = govrubric.load(str(YILIANG))
    table = build_table(loaded.model, loaded.tree)
    assert len(table.rows) == sum(1 for _ in loaded.model.nodes())
    row = next(r for r in table.rows if r.title == "深化推进“一网通办”。")
    assert row.standard == ("全程网办率达到93%得1分,90%—92%得0.5分,低于90%不得分",
                            "许可零跑腿比例达到96%得1分,92%—95%得0.5分,低于92%不得分")
    assert row.points == "1分" and row.who == ("查验方法:数据统计、日常掌握情况",)
    nine = next(r for r in table.rows if r.number == "九")
    assert nine.points == "累计不超过5分" and nine.parent
    assert table.total == ("考评得分 = 第一项至第八项得分 + 第九项得分 − 第十项扣分",
                           "考评得分超过100分的,按100分确定,低于100分的,按考评得分确定")


def test_markdown():
    text = markdown(table_of(HEAD + "一、【甲|乙】(1分)\n事实「率」:百分比\n「率」达到90%得1分。\n"))
    assert "| 序号 | 指标 | 评分标准 | 分值 | 考核对象/查验方法 |" in text
    assert "| 一 | 甲\\|乙 | 率达到90%得1分 | 1分 |  |" in text


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[dict] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.append(dict(attrs))


def test_html_is_one_page_that_prints_on_a4():
    page = html_page(table_of(EVERY_RULE.replace("【甲】", "【甲<b>&</b>】")))
    assert "@page { size: A4 landscape" in page
    assert "thead { display: table-header-group; }" in page  # the header row repeats on each page
    assert "break-inside: avoid" in page  # no row split across pages
    assert not re.search(r"<(link|script|img)\b|https?://|src=", page)  # nothing fetched from elsewhere
    assert "甲&lt;b&gt;&amp;&lt;/b&gt;" in page
    cells = _Cells()
    cells.feed(page)
    assert cells.tags.count("th") == len(COLUMNS) and cells.tags.count("table") == 1
    assert cells.tags.count("tr") == 1 + 4  # header and one row per item
    assert {"colspan": "2"} in cells.attrs  # 三 has no standard of its own: its title spans two columns


def test_xlsx_sheet():
    from openpyxl import load_workbook

    data = xlsx(table_of(EVERY_RULE))
    assert data == xlsx(table_of(EVERY_RULE))  # the same rubric, the same bytes
    sheet = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[2]] == list(COLUMNS)
    assert sheet["A3"].value == "一" and sheet["D3"].value == "10分"
    assert sheet["C3"].value.splitlines()[0] == "全程网办率达到93%得1分,90%—92%得0.5分,低于90%不得分"
    assert sheet["C3"].alignment.wrap_text
    assert "B5:C5" in {str(r) for r in sheet.merged_cells.ranges}  # 三, a parent without own standard
    assert sheet["B5"].font.bold
    assert sheet.print_title_rows == "$2:$2"
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["A"].width


def test_cli_render(tmp_path):
    runner = CliRunner()
    for suffix in (".xlsx", ".html", ".md"):
        out = tmp_path / f"表{suffix}"
        result = runner.invoke(main, ["render", str(YILIANG), "-o", str(out)])
        assert result.exit_code == 0, result.output
        loaded = govrubric.load(str(YILIANG))
        # the default wording is the author's: the same as render_bytes given the source text
        assert out.read_bytes() == render_bytes(str(out), loaded.model, loaded.tree, loaded.source.text)
    bad = runner.invoke(main, ["render", str(YILIANG), "-o", str(tmp_path / "表.doc")])
    assert bad.exit_code == 1 and "GR502" in bad.output
    broken = tmp_path / "坏.rubric"
    broken.write_text("一、【甲】(1分)\n「未声明」得1分\n", encoding="utf-8")
    failed = runner.invoke(main, ["render", str(broken), "-o", str(tmp_path / "x.md")])
    assert failed.exit_code == 1 and "GR201" in failed.output and not (tmp_path / "x.md").exists()
    same = tmp_path / "同名.md"
    same.write_text(YILIANG.read_text(encoding="utf-8"), encoding="utf-8")
    refused = runner.invoke(main, ["render", str(same), "-o", str(same)])
    assert refused.exit_code == 1 and "GR501" in refused.output


@HEAVY
@given(valid_rubric_texts())
def test_every_generated_rubric_renders(text):
    loaded = govrubric.loads(text, "g.rubric")
    table = build_table(loaded.model, loaded.tree)
    nodes = list(loaded.model.nodes())
    assert len(table.rows) == len(nodes)
    for row, node in zip(table.rows, nodes):
        assert len([s for s in row.standard if s]) >= len(node.rules)
    markdown(table)
    written = build_table(loaded.model, loaded.tree, text)  # as written: every clause's own words
    assert [bool(row.standard) for row in written.rows] == [bool(node.rules) or bool(row.standard)
                                                           for row, node in zip(written.rows, nodes)]
    assert all(row.standard for row, node in zip(written.rows, nodes) if node.rules)


@pytest.mark.parametrize("path", sorted((ROOT / "rubrics").glob("*.rubric")), ids=lambda p: p.name)
def test_every_shipped_rubric_renders(path, tmp_path):
    loaded = govrubric.load(str(path))
    table = build_table(loaded.model, loaded.tree)
    assert len(table.rows) == sum(1 for _ in loaded.model.nodes())
    ruled = [row for row, node in zip(table.rows, loaded.model.nodes()) if node.rules]
    assert all(row.standard for row in ruled)
    for suffix in (".md", ".html", ".xlsx"):
        assert render_bytes(str(tmp_path / f"t{suffix}"), loaded.model, loaded.tree)
