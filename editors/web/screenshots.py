"""Screenshots of the workbench's main views for docs/workbench.md, taken in headless Chromium from a real
`govrubric serve` on a copy of the shipped rubrics:

    python3 editors/web/screenshots.py          # writes docs/images/workbench-*.png
"""
from __future__ import annotations

import csv
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from govrubric.service import open_file  # noqa: E402
from workbench_support import chromium, running_server, settled, workspace_with_shipped  # noqa: E402

OUT = ROOT / "docs" / "images"
FACTS = ROOT / "rubrics" / "yiliang-2023.facts.json"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        workspace = workspace_with_shipped(Path(folder) / "细则")
        with running_server(workspace) as (base, _), chromium() as browser:
            page = browser.new_page(viewport={"width": 1360, "height": 820})
            page.set_default_timeout(60_000)
            page.goto(f"{base}/#file=yiliang-2023.rubric")
            page.locator(".cm-content").wait_for()
            settled(page)
            doc = open_file(str(workspace / "yiliang-2023.rubric"))
            clause = "「明进暗不进问题数」每发现1起"
            at = doc.text.index(clause) + len("「明进暗不进")
            page.evaluate("(p) => { const v = window.govrubricEditor; v.focus();"
                          " v.dispatch({selection: {anchor: p}, effects: []}); }", doc.at(at).utf16)
            page.evaluate("(p) => window.govrubricEditor.dispatch({selection: {anchor: p}, scrollIntoView: true})",
                          doc.at(at).utf16)
            page.keyboard.type("错")
            page.locator('#problem-list li[data-code="GR201"]').wait_for()
            name = "明进暗不进问题数"
            use = doc.index.declared[name].span.start + 3
            page.wait_for_timeout(300)
            box = page.evaluate("(p) => window.govrubricEditor.coordsAtPos(p)", doc.at(use).utf16)
            if box:
                page.mouse.move(box["left"] + 2, (box["top"] + box["bottom"]) / 2)
                page.locator(".gr-hover").wait_for()
            page.screenshot(path=str(OUT / "workbench-editor.png"))
            page.keyboard.press("Backspace")
            settled(page)

            page.click('#tabs button[data-tab="facts"]')
            bad = Path(folder) / "数据.csv"
            header = ["单位", "单位类别", "事项承接率", "指南不一致次数"]
            with open(bad, "w", encoding="utf-8", newline="") as handle:
                csv.writer(handle).writerows([header, ["县发改局", "县级部门", "九十", "2.5"], ["北古城镇", "镇", "95%", ""]])
            page.set_input_files("#facts-file", str(bad))
            page.click("#score")
            page.locator("#facts-problems tbody tr").first.wait_for()
            page.screenshot(path=str(OUT / "workbench-facts-problems.png"))

            page.set_input_files("#facts-file", str(FACTS))
            page.click("#score")
            page.locator("#ranking-table").wait_for()
            page.locator("#ranking-table tbody tr").nth(0).click()
            page.locator("#explanation h3").wait_for()
            page.screenshot(path=str(OUT / "workbench-results.png"))

            page.click('#tabs button[data-tab="preview"]')
            page.frame_locator("#preview-frame").locator("table").first.wait_for()
            page.screenshot(path=str(OUT / "workbench-preview.png"))

            page.click('#tabs button[data-tab="edit"]')
            clause = "「明进暗不进问题数」每发现1起“明进暗不进”问题扣0.2分"
            at = doc.text.index(clause) + clause.index("0.2")
            page.evaluate("(p) => window.govrubricEditor.dispatch({changes: {from: p, to: p + 3, insert: '0.5'}})",
                          doc.at(at).utf16)
            page.click('#tabs button[data-tab="diff"]')
            page.select_option("#diff-old", "yiliang-2023.rubric")
            page.set_input_files("#diff-facts", str(FACTS))
            page.click("#diff-run")
            page.locator("#backtest").wait_for()
            page.screenshot(path=str(OUT / "workbench-diff.png"))
    print(f"screenshots written to {OUT}")


if __name__ == "__main__":
    main()
