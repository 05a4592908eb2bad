"""The workbench end to end: `govrubric serve` really started, a real headless Chromium (Debian's package,
driven by Playwright) typing, clicking, uploading and downloading as a staffer does; every number is
compared with what the command line says for the same files."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import openpyxl
import pytest

from govrubric.service import open_file
from workbench_support import ROOT, chromium, running_server, settled, workspace_with_shipped

YILIANG = "yiliang-2023.rubric"
FACTS = ROOT / "rubrics" / "yiliang-2023.facts.json"
WAIT = 60_000  # ms: generous, the suite shares two cores with others


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govrubric", *args], capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return workspace_with_shipped(tmp_path_factory.mktemp("workspace"))


@pytest.fixture(scope="module")
def server(workspace):
    with running_server(workspace) as (base, _printed):
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium() as found:
        yield found


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda err: errors.append(str(err)))
    opened.set_default_timeout(WAIT)
    yield opened
    context.close()
    assert errors == []


def open_rubric(page, server, name: str, query: str = "") -> None:
    page.goto(f"{server}/{query}#file={name}")
    page.locator(".cm-content").wait_for()
    page.locator("#current-file", has_text=name).wait_for()
    settled(page)


def editor_text(page) -> str:
    return page.evaluate("() => window.govrubricEditor.state.doc.toString()")


def put_cursor(page, utf16: int) -> None:
    page.evaluate("(p) => { const v = window.govrubricEditor; v.focus();"
                  " v.dispatch({selection: {anchor: p}, scrollIntoView: true}); }", utf16)


def panel_codes(page) -> list[tuple[str, int]]:
    items = page.locator("#problem-list li.problem")
    return [(items.nth(i).get_attribute("data-code"), int(items.nth(i).get_attribute("data-line") or 0))
            for i in range(items.count())]


def test_typing_a_mistake_shows_the_diagnostic_at_its_line_and_fixing_it_clears_it(page, server, workspace):
    open_rubric(page, server, YILIANG)
    lint = json.loads(cli("lint", "--format", "json", str(workspace / YILIANG)).stdout)
    expected = [(e["code"], e["line"]) for e in lint if not e["silenced"]]
    assert panel_codes(page) == expected  # the panel lists what `govrubric lint` finds, in the same order

    doc = open_file(str(workspace / YILIANG))
    clause = "「明进暗不进问题数」每发现1起"
    offset = doc.text.index(clause) + len("「明进暗不进")
    line = doc.at(offset).line
    put_cursor(page, doc.at(offset).utf16)
    page.keyboard.type("错")  # 「明进暗不进错问题数」 is declared nowhere
    mistake = page.locator(f'#problem-list li[data-code="GR201"][data-line="{line}"]')
    mistake.wait_for()
    assert "未声明的事实「明进暗不进错问题数」" in mistake.inner_text()
    assert page.locator(".cm-lintRange-error").count() >= 1  # underlined in the editor too

    page.keyboard.press("Backspace")
    mistake.wait_for(state="detached")
    settled(page)
    assert panel_codes(page) == expected


def test_hover_on_a_fact_shows_its_declaration_and_format_gives_fmts_text(page, server, workspace):
    open_rubric(page, server, "yinchuan-fenting.rubric")
    doc = open_file(str(workspace / "yinchuan-fenting.rubric"))
    name = "被媒体曝光次数"
    use = doc.index.uses_of(name)[0]
    put_cursor(page, doc.at(use.start).utf16)
    box = page.evaluate("(p) => window.govrubricEditor.coordsAtPos(p)", doc.at(use.start + 2).utf16)
    page.mouse.move(box["left"] + 2, (box["top"] + box["bottom"]) / 2)
    tooltip = page.locator(".gr-hover")
    tooltip.wait_for()
    declared_line = doc.at(doc.index.declared[name].span.start).line
    assert f"事实「{name}」" in tooltip.inner_text()
    assert f"声明:第{declared_line}行" in tooltip.inner_text()

    page.click("#format")
    expected = doc.formatted().text
    for _ in range(300):
        if editor_text(page) == expected:
            break
        page.wait_for_timeout(100)
    assert editor_text(page) == expected


def test_uploading_the_shipped_facts_ranks_the_units_as_the_cli_does(page, server, workspace, tmp_path):
    open_rubric(page, server, YILIANG)
    page.click('#tabs button[data-tab="facts"]')
    page.set_input_files("#facts-file", str(FACTS))
    page.click("#score")
    page.locator("#ranking-table").wait_for()
    scored = json.loads(cli("score", str(workspace / YILIANG), "--facts", str(FACTS), "--format", "json").stdout)
    totals = {entry["unit"]: entry["total"] for entry in scored}
    rows = page.locator("#ranking-table tbody tr")
    shown = {rows.nth(i).get_attribute("data-unit"): rows.nth(i).locator("td.total").inner_text()
             for i in range(rows.count())}
    assert shown == totals
    # one ranking for all units, then one per category (宜良: 乡镇街道, 县级部门)
    assert page.locator("#ranking-tabs button").all_inner_texts() == ["全部单位", "乡镇街道", "县级部门"]

    first = rows.nth(0)
    unit = first.get_attribute("data-unit")
    first.click()
    page.locator("#explanation h3", has_text=unit).wait_for()
    link = page.locator("#explanation a.line-link").first
    line = int(link.get_attribute("data-line"))
    link.click()
    assert page.locator("#view-edit").get_attribute("class") == "view active"
    cursor_line = page.evaluate("() => { const v = window.govrubricEditor;"
                                " return v.state.doc.lineAt(v.state.selection.main.head).number; }")
    assert cursor_line == line

    page.click('#tabs button[data-tab="results"]')
    with page.expect_download() as download:
        page.click('#report-links a[data-format=".xlsx"]')
    report = tmp_path / "report.xlsx"
    download.value.save_as(report)
    sheet = openpyxl.load_workbook(report)["汇总"]
    header = [cell.value for cell in sheet[2]]
    total_column = header.index("考评得分")
    from_report = {row[1]: row[total_column] for row in sheet.iter_rows(min_row=3, values_only=True) if row[1]}
    assert {unit: str(value) for unit, value in from_report.items()} == totals

    with page.expect_download() as download:
        page.click('#report-links a[data-format=".md"]')
    markdown = tmp_path / "report.md"
    download.value.save_as(markdown)
    assert markdown.read_text(encoding="utf-8").startswith("# 宜良县")


def test_every_facts_problem_is_listed_as_the_cli_lists_it(page, server, workspace, tmp_path):
    open_rubric(page, server, "yinchuan-fenting.rubric")
    page.click('#tabs button[data-tab="facts"]')
    with page.expect_download() as download:
        page.click('button.template[data-format="csv"]')
    template = tmp_path / "填报.csv"
    download.value.save_as(template)
    header = next(csv.reader(io.StringIO(template.read_text(encoding="utf-8-sig"))))
    assert header[:2] == ["单位", "单位类别"]
    bad = tmp_path / "数据.csv"
    rows = [header, ["甲局", "分厅部门"] + ["不知道"] * (len(header) - 2), ["乙局", "别的部门"] + ["0"] * (len(header) - 2)]
    with open(bad, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    page.set_input_files("#facts-file", str(bad))
    page.click("#score")
    table = page.locator("#facts-problems tbody tr")
    table.first.wait_for()
    shown = [tuple(table.nth(i).locator("td").all_inner_texts()[:3]) for i in range(table.count())]
    result = cli("score", str(workspace / "yinchuan-fenting.rubric"), "--facts", str(bad))
    assert result.returncode == 2
    expected = [match.groups() for match in re.finditer(r"^(.*?): 错误 (GR\d+) (.*)$", result.stderr, re.M)]
    assert shown == [(where.replace(str(bad), "数据.csv"), code, message) for where, code, message in expected]
    assert len(shown) > len(header) - 2  # every fact of 甲局 and the category of 乙局, all at once
    assert "未计分" in page.locator("#score-state").inner_text()


def test_saving_is_atomic_and_refuses_to_overwrite_a_file_changed_elsewhere(page, server, workspace):
    path = workspace / "yinchuan-fenting.rubric"
    open_rubric(page, server, path.name)
    page.evaluate("() => { const v = window.govrubricEditor;"
                  " v.dispatch({changes: {from: v.state.doc.length, insert: '# 甲的修改\\n'}}); }")
    page.locator("#file-state", has_text="未保存").wait_for()
    page.click("#save")
    page.locator("#file-state", has_text="已保存").wait_for()
    assert path.read_text(encoding="utf-8").endswith("# 甲的修改\n")

    path.write_text(path.read_text(encoding="utf-8") + "# 乙在别处的修改\n", encoding="utf-8")
    page.evaluate("() => { const v = window.govrubricEditor;"
                  " v.dispatch({changes: {from: v.state.doc.length, insert: '# 甲的第二次修改\\n'}}); }")
    messages: list[str] = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    page.click("#save")
    for _ in range(300):
        if messages:
            break
        page.wait_for_timeout(100)
    assert messages and "没有保存" in messages[0]
    on_disk = path.read_text(encoding="utf-8")
    assert on_disk.endswith("# 乙在别处的修改\n") and "甲的第二次修改" not in on_disk


def test_preview_diff_with_backtest_and_the_english_interface(page, server, workspace, tmp_path):
    open_rubric(page, server, YILIANG)
    page.click('#tabs button[data-tab="preview"]')
    frame = page.frame_locator("#preview-frame")
    frame.locator("table").first.wait_for()
    assert "宜良县" in frame.locator("body").inner_text()

    # a deduction changed in the editor (not saved), compared with the file and back-tested on its facts
    doc = open_file(str(workspace / YILIANG))
    clause = "「明进暗不进问题数」每发现1起“明进暗不进”问题扣0.2分"
    at = doc.text.index(clause) + clause.index("0.2")
    page.evaluate("(p) => window.govrubricEditor.dispatch({changes: {from: p, to: p + 3, insert: '0.5'}})", doc.at(at).utf16)
    page.click('#tabs button[data-tab="diff"]')
    page.select_option("#diff-old", YILIANG)
    page.set_input_files("#diff-facts", str(FACTS))
    page.click("#diff-run")
    page.locator("#diff-text", has_text="0.2").wait_for()
    changed = tmp_path / "new.rubric"
    changed.write_text(editor_text(page), encoding="utf-8")
    expected = json.loads(cli("diff", str(workspace / YILIANG), str(changed), "--facts", str(FACTS),
                              "--format", "json").stdout)["backtest"]["units"]
    moved = sorted(u["unit"] for u in expected if u["change"] not in ("0", None))
    # 北古城镇 reported 2 such problems: 1 − 2×0.2 = 0.6 before, 1 − 2×0.5 = 0 after; units with 5 or 6 lose the
    # whole 1 point (扣完1分为止) under both versions, and 0 loses nothing
    assert moved == ["北古城镇"]
    page.locator("#backtest").wait_for()
    shown = sorted(page.locator("#backtest tbody tr td:first-child").all_inner_texts())
    assert shown == moved

    page.goto(f"{server}/?lang=en#file={YILIANG}")
    page.locator("#tabs button", has_text="Edit").wait_for()
    assert page.locator("#tabs button").all_inner_texts()[:2] == ["Edit", "Facts & scoring"]
    page.goto(f"{server}/?lang=zh")
