"""The published attachment (govrubric render -o 细则.docx / 细则.pdf): each file opened with its own library
(python-docx; poppler's pdftoppm and pdftotext for the PDF) and its layout checked: 附件N, the fonts set for
Chinese text (w:eastAsia), the 〔…〕 line, the columns the rubric records, merged cells for parents, the
header row repeated, A4 landscape or portrait, a PAGE field in the footer, and the standards as written."""
from __future__ import annotations

import struct
import subprocess
import zlib
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from docx.shared import Mm
from hypothesis import given, settings

import govrubric
from govrubric.attachment import BODY_FONT, LABEL_FONT, TITLE_FONT, docx_bytes, layout
from govrubric.cli import main
from govrubric.render import build_table

from strategies import valid_rubric_texts

ROOT = Path(__file__).resolve().parent.parent
YILIANG = ROOT / "rubrics" / "yiliang-2023.rubric"
GONGSHU = ROOT / "rubrics" / "gongshu-2021.rubric"


def rendered(tmp_path, rubric: Path = YILIANG, *options: str) -> docx.document.Document:
    out = tmp_path / "细则.docx"
    result = CliRunner().invoke(main, ["render", str(rubric), "-o", str(out), *options])
    assert result.exit_code == 0, result.output
    return docx.Document(str(out))


def east_asian(run) -> str | None:
    fonts = run._element.rPr.rFonts
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def text_of(cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs)


@pytest.fixture(scope="module")
def yiliang(tmp_path_factory):
    return rendered(tmp_path_factory.mktemp("yiliang"))


def test_the_heading_is_an_attachments(yiliang):
    label, title, note = yiliang.paragraphs[:3]
    assert label.text == "附件1" and east_asian(label.runs[0]) == LABEL_FONT
    assert title.text == "宜良县打造“便捷高效的政务环境”(互联网+政务服务)2023年工作考评细则"
    assert east_asian(title.runs[0]) == TITLE_FONT == "方正小标宋简体" and title.runs[0].font.size.pt == 22
    assert title.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    # the source's subtitle, kept from the rubric's 说明
    assert note.text == "〔乡镇(街道)、各有关单位,考评方式:非实地〕"
    body = yiliang.tables[0].cell(3, 4).paragraphs[0].runs[0]
    assert east_asian(body) == BODY_FONT == "仿宋_GB2312"
    normal = yiliang.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == BODY_FONT


def test_a4_landscape_with_page_numbers(yiliang):
    section = yiliang.sections[0]
    assert section.orientation == docx.enum.section.WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    footer = section.footer.paragraphs[0]
    instructions = [node.text for node in footer._element.iter(qn("w:instrText"))]
    assert instructions == [" PAGE "]
    assert [node.get(qn("w:fldCharType")) for node in footer._element.iter(qn("w:fldChar"))] == \
        ["begin", "separate", "end"]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")


def test_portrait_when_asked(tmp_path):
    document = rendered(tmp_path, YILIANG, "--portrait", "--attachment", "3")
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert document.paragraphs[0].text == "附件3"
    width = sum(column.width for column in document.tables[0].columns)
    assert abs(width - Mm(210 - 40)) < Mm(1)  # the table fills the page between the margins


def test_the_columns_the_rubric_records_and_a_repeated_header(yiliang):
    table = yiliang.tables[0]
    header = table.rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page
    # 宜良 has three levels: 一、 and 1. are parents in 考评项目; (1) with its 要求 is 具体目标和绩效要求
    headings = [text_of(cell) for cell in header.cells]
    assert headings == ["考评项目", "考评项目", "具体目标和绩效要求", "分值", "评分标准", "查验方法"]
    assert header.cells[0]._tc is header.cells[1]._tc  # 考评项目 across both level columns


def test_parents_are_merged_cells(yiliang):
    table = yiliang.tables[0]
    first = text_of(table.cell(1, 0))
    assert first == "一、全面落实政务服务标准化,提升事项覆盖度和指南准确度,持续精简优化审批服务(13分)"
    # 一 has six rows: 1.(1)–(4), 2.(1)–(2), 3. — one cell down all of them, and 1. down its four
    assert all(table.cell(row, 0)._tc is table.cell(1, 0)._tc for row in range(1, 8))
    assert table.cell(8, 0)._tc is not table.cell(1, 0)._tc
    assert text_of(table.cell(1, 1)) == "1.深入推进政务服务事项标准化。(6分)"
    assert all(table.cell(row, 1)._tc is table.cell(1, 1)._tc for row in range(1, 5))
    # 一.3 has no sub-items: its own cell spans the level column it has no parent for
    assert text_of(table.cell(7, 1)).startswith("3.持续优化12345政务服务便民热线工作。")
    assert table.cell(7, 1)._tc is table.cell(7, 2)._tc
    assert text_of(table.cell(7, 3)) == "3分"
    assert text_of(table.cell(7, 4)) == "由县政府办考核打分。"


def test_the_standards_are_as_the_author_wrote_them(yiliang, tmp_path):
    table = yiliang.tables[0]
    # 一.1.(2): the `# 原文:` quotes, numbered as the source numbers them
    assert text_of(table.cell(2, 4)) == ("1.行政许可事项办事指南未更新,线上线下行政许可事项办事指南内容不一致的,"
                                         "每抽查发现1次扣0.1分。\n2.没有动态调整权责清单,权责清单与政务服务事项没有"
                                         "一一对应的,每抽查发现1次扣0.1分。")
    assert text_of(table.cell(2, 2)).startswith("(2)推进事项标准化、规范化管理。严格执行《云南省政务服务事项")
    assert text_of(table.cell(2, 5)) == "抽查、日常掌握情况"
    total = table.rows[-1].cells[0]
    assert total._tc is table.rows[-1].cells[-1]._tc
    assert text_of(total) == ("考评得分=第一项至第八项重点任务考核得分+激励加分-扣分。\n"
                              "最终考评得分:考评得分超过100分的,按100分确定;考评得分不足100分的,按考评得分确定。")
    # the model's wording, on request, to check the meaning reads right
    worded = rendered(tmp_path, YILIANG, "--wording", "模型").tables[0]
    assert text_of(worded.cell(2, 4)) == ("1.按指南不一致次数,每抽查发现1次扣0.1分\n"
                                          "2.按权责清单不对应次数,每抽查发现1次扣0.1分")


def test_a_clause_without_a_quote_is_its_own_words(tmp_path):
    rubric = tmp_path / "r.rubric"
    rubric.write_text("细则「样表」\n"
                      "一、【甲】(2分)\n"
                      "  事实「次数」:次数\n"
                      "  # 原文:每发现1次扣0.5分,扣完为止。\n"
                      "  「次数」每发现1次扣0.5分,\n"
                      "  扣完为止。\n"
                      "二、【乙】(1分)\n"
                      "  考核对象:「各部门」\n"
                      "  事实「公布」:是否\n"
                      "  「公布」的,得1分;否则不得分。\n", encoding="utf-8")
    table = rendered(tmp_path, rubric).tables[0]
    assert [text_of(cell) for cell in table.rows[0].cells] == ["考评项目", "分值", "评分标准", "考核对象"]
    # the quote covers the limit written on the next line; 乙 has no quote: its clause, names unbracketed
    assert [text_of(table.cell(row, 2)) for row in (1, 2)] == ["每发现1次扣0.5分,扣完为止。", "公布的,得1分;否则不得分。"]
    assert [text_of(table.cell(row, 3)) for row in (1, 2)] == ["", "各部门"]


def test_untitled_paragraphs_are_rows_of_their_item(tmp_path):
    table = rendered(tmp_path, GONGSHU).tables[0]
    # 拱墅: 一、 / 1. / 【事项基础】 are the three 考评项目 columns; each ○ paragraph is a row with its 要求
    assert [text_of(c) for c in table.rows[0].cells][:5] == ["考评项目"] * 3 + ["具体目标和绩效要求", "分值"]
    assert text_of(table.cell(1, 2)) == "事项基础(6分)"
    assert table.cell(1, 2)._tc is table.cell(2, 2)._tc
    assert text_of(table.cell(1, 3)).startswith("按照《关于印发<杭州市公民个人和企业全生命周期“一件事”目录>的通知》")
    assert text_of(table.cell(1, 4)) == "3分"
    assert text_of(table.cell(1, 5)).splitlines()[0] == "目录事项有一项未形成体系的扣0.5分;"


@settings(max_examples=15, deadline=None)
@given(valid_rubric_texts(cohorts=False))
def test_every_generated_rubric_makes_an_attachment(text):
    loaded = govrubric.loads(text, "g.rubric")
    table = build_table(loaded.model, loaded.tree, text)
    plan = layout(table)
    document = docx.Document(__import__("io").BytesIO(docx_bytes(table)))
    grid = document.tables[0]
    assert len(grid.rows) == 1 + len(plan.lines) + 1
    # every item scored on its own is a row, with its standard as written
    scored = [row for row in table.rows if row.standard]
    assert [line.row for line in plan.lines if line.row.standard] == scored


# ------------------------------------------------------------------ PDF
def png_size_and_ink(data: bytes) -> tuple[int, int, float]:
    """Width, height and the share of dark samples of an 8-bit greyscale or RGB PNG, decoded with the standard
    library: the rows unfiltered as the PNG specification says."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert depth == 8 and colour in (0, 2)
    step = 1 if colour == 0 else 3  # bytes a pixel
    chunks, at = [], 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        if kind == b"IDAT":
            chunks.append(data[at + 8:at + 8 + length])
        at += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    stride = width * step
    previous, dark = bytearray(stride), 0
    for row in range(height):
        kind, line = raw[row * (stride + 1)], bytearray(raw[row * (stride + 1) + 1:(row + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - step] if x >= step else 0
            up, corner = previous[x], previous[x - step] if x >= step else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                guess = left + up - corner
                nearest = min((abs(guess - left), 0, left), (abs(guess - up), 1, up), (abs(guess - corner), 2, corner))
                line[x] = (line[x] + nearest[2]) & 255
        dark += sum(1 for value in line if value < 128)
        previous = line
    return width, height, dark / (stride * height)


def test_the_pdf_is_the_same_layout_rendered(tmp_path):
    out = tmp_path / "细则.pdf"
    result = CliRunner().invoke(main, ["render", str(YILIANG), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")],
                   check=True, timeout=120)
    width, height, ink = png_size_and_ink((tmp_path / "page-01.png").read_bytes())
    assert abs(width / height - 297 / 210) < 0.02  # A4 landscape
    assert 0.005 < ink < 0.3  # text and rules on a white page: neither blank nor black
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(out), "-"], check=True,
                          capture_output=True, timeout=120).stdout.decode("utf-8")
    compact = "".join(text.split())  # pdftotext spaces Latin from Chinese
    assert "附件1" in compact and "2023年工作考评细则" in compact and "评分标准" in compact and "—1—" in compact
