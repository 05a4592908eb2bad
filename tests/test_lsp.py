"""`govrubric lsp` driven as an editor drives it: the server really started over stdio, spoken to by pygls's
language client with LSP messages; the answers compared with the command line's."""
from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

from govrubric.service import from_text, open_file

ROOT = Path(__file__).resolve().parent.parent
YILIANG = ROOT / "rubrics" / "yiliang-2023.rubric"
WAIT = 120  # s, generous: the suite shares two cores


class Editor:
    """A language client with the diagnostics the server published, by uri."""

    def __init__(self) -> None:
        self.client = LanguageClient("govrubric-tests", "1")
        self.published: dict[str, list[lsp.PublishDiagnosticsParams]] = {}
        self.versions: dict[str, int] = {}

        @self.client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def received(params: lsp.PublishDiagnosticsParams) -> None:
            self.published.setdefault(params.uri, []).append(params)

    async def start(self) -> None:
        await self.client.start_io(sys.executable, "-m", "govrubric", "lsp", cwd=str(ROOT))
        await self.client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities(),
                                                                root_uri=ROOT.as_uri()))
        self.client.initialized(lsp.InitializedParams())

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()

    def open(self, path: Path, text: str | None = None) -> str:
        uri = path.as_uri()
        self.versions[uri] = 1
        self.client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(
            uri=uri, language_id="govrubric", version=1, text=text if text is not None else path.read_text("utf-8"))))
        return uri

    def change(self, uri: str, start: tuple[int, int], end: tuple[int, int], text: str) -> None:
        self.versions[uri] += 1
        self.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            [lsp.TextDocumentContentChangePartial(range=lsp.Range(lsp.Position(*start), lsp.Position(*end)), text=text)]))

    async def diagnostics(self, uri: str, until) -> list[lsp.Diagnostic]:
        """The newest diagnostics of the newest version once `until(diagnostics)` holds."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            found = [p for p in self.published.get(uri, []) if p.version == self.versions[uri]]
            if found and until(found[-1].diagnostics):
                return found[-1].diagnostics
            await asyncio.sleep(0.05)
        raise AssertionError(f"no such diagnostics: {self.published.get(uri, [])[-1:]}")


def session(test) -> None:
    async def run() -> None:
        editor = Editor()
        await editor.start()
        try:
            await test(editor)
        finally:
            await editor.stop()

    asyncio.run(run())


def lint_json(path: Path) -> list[dict]:
    result = subprocess.run([sys.executable, "-m", "govrubric", "lint", "--format", "json", str(path)],
                            capture_output=True, text=True, cwd=ROOT)
    return [entry for entry in json.loads(result.stdout) if not entry["silenced"]]


def test_diagnostics_hover_navigation_completion_outline_and_formatting_on_yiliang():
    expected = [(e["code"], e["line"] - 1, e["col"] - 1) for e in lint_json(YILIANG)]
    doc = open_file(str(YILIANG))

    async def test(editor: Editor) -> None:
        uri = editor.open(YILIANG)
        found = await editor.diagnostics(uri, lambda d: len(d) == len(expected))
        assert [(d.code, d.range.start.line, d.range.start.character) for d in found] == expected
        assert all(d.source == "govrubric" for d in found)

        # a mistake typed into a clause: the fact name no longer names a declared fact
        clause = "「明进暗不进问题数」每发现1起"
        at = doc.at(doc.text.index(clause) + len("「明进暗不进"))
        editor.change(uri, (at.lsp_line, at.lsp_character), (at.lsp_line, at.lsp_character), "错")
        broken = await editor.diagnostics(uri, lambda d: any(x.code == "GR201" for x in d))
        [mistake] = [d for d in broken if d.code == "GR201"]
        start = doc.at(doc.text.index(clause))
        assert (mistake.range.start.line, mistake.range.start.character) == (start.lsp_line, start.lsp_character)
        assert mistake.range.end.character == start.lsp_character + len("「明进暗不进错问题数」")
        assert mistake.severity == lsp.DiagnosticSeverity.Error
        assert "未声明的事实「明进暗不进错问题数」" in mistake.message and "帮助:" in mistake.message
        editor.change(uri, (at.lsp_line, at.lsp_character), (at.lsp_line, at.lsp_character + 1), "")
        fixed = await editor.diagnostics(uri, lambda d: len(d) == len(expected))
        assert [(d.code, d.range.start.line) for d in fixed] == [(c, line) for c, line, _ in expected]

        name = "明进暗不进问题数"
        use = doc.index.uses_of(name)[0]
        where = doc.at(use.start + 2)
        position = lsp.Position(where.lsp_line, where.lsp_character)
        ident = lsp.TextDocumentIdentifier(uri)
        shown = await editor.client.text_document_hover_async(lsp.HoverParams(text_document=ident, position=position))
        declared = doc.index.declared[name].span
        assert f"事实「{name}」" in shown.contents.value
        assert f"声明:第{doc.at(declared.start).line}行" in shown.contents.value
        target = await editor.client.text_document_definition_async(lsp.DefinitionParams(text_document=ident, position=position))
        assert target.range.start == lsp.Position(doc.at(declared.start).lsp_line, doc.at(declared.start).lsp_character)
        used = await editor.client.text_document_references_async(lsp.ReferenceParams(
            text_document=ident, position=position, context=lsp.ReferenceContext(include_declaration=True)))
        assert len(used) == 1 + len(doc.index.uses_of(name))

        # typing 「明进 on a new line under the clause offers the fact
        end = doc.at(doc.text.index("\n", doc.text.index(clause)))
        editor.change(uri, (end.lsp_line, end.lsp_character), (end.lsp_line, end.lsp_character), "\n  「明进")
        offered = await editor.client.text_document_completion_async(lsp.CompletionParams(
            text_document=ident, position=lsp.Position(end.lsp_line + 1, len("  「明进"))))
        assert [item.label for item in offered.items] == [name]
        assert offered.items[0].text_edit.new_text == name + "」"
        editor.change(uri, (end.lsp_line, end.lsp_character), (end.lsp_line + 1, len("  「明进")), "")

        outline = await editor.client.text_document_document_symbol_async(lsp.DocumentSymbolParams(text_document=ident))
        assert [s.name for s in outline if s.kind == lsp.SymbolKind.Namespace] == [s.name for s in doc.symbols()
                                                                                 if s.kind == "item"]
        edits = await editor.client.text_document_formatting_async(lsp.DocumentFormattingParams(
            text_document=ident, options=lsp.FormattingOptions(tab_size=2, insert_spaces=True)))
        assert apply(doc.text, edits) == doc.formatted().text

    session(test)


def apply(text: str, edits: list[lsp.TextEdit]) -> str:
    """LSP edits (on the text before any of them) applied, last first."""
    doc = from_text(text, "x.rubric")
    spans = [(doc.positions.from_lsp(e.range.start.line, e.range.start.character),
              doc.positions.from_lsp(e.range.end.line, e.range.end.character), e.new_text) for e in edits]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def test_an_overlap_points_at_the_earlier_tier_and_positions_count_utf16(tmp_path):
    # 𠮷 (outside the BMP) before the mistake: two UTF-16 units, one character
    text = ("细则「测试」\n一、【两率𠮷】(5分)\n  计分方式:从满分扣减\n  事实「省排名」:名次\n"
            "  「省排名」前30名(含)的,得满分;否则「省排名」30名至60名的,扣2分;否则「省排名」61名以后的,扣3分。\n"
            "二、【𠮷】(1分)\n  「未知𠮷」得1分。\n")
    path = tmp_path / "t.rubric"

    async def test(editor: Editor) -> None:
        uri = editor.open(path, text)
        [unknown] = await editor.diagnostics(uri, lambda d: len(d) == 1)
        assert unknown.code == "GR201"
        assert (unknown.range.start.line, unknown.range.start.character) == (6, 2)
        assert unknown.range.end.character == 2 + len("「未知") + 2 + 1  # 𠮷 counts two units, 」 one
        editor.change(uri, (6, 0), (7, 0), "")
        found = await editor.diagnostics(uri, lambda d: any(x.code == "GL302" for x in d))
        [overlap] = [d for d in found if d.code == "GL302"]
        [earlier] = overlap.related_information
        assert earlier.message == "前一档" and earlier.location.uri == uri
        line = text.splitlines()[4]
        assert earlier.location.range.start.line == overlap.range.start.line == 4
        assert "前30名(含)" in line[earlier.location.range.start.character:earlier.location.range.end.character]

    session(test)


def test_code_actions_state_a_reading_and_silence(tmp_path):
    # GL001: an item with only deductions is scored from full points by default (计分方式:从满分扣减)
    reading = "细则「测试」\n一、【办件】(5分)\n  事实「投诉次数」:次数\n  「投诉次数」每发生1次扣1分,扣完为止。\n"
    path = tmp_path / "r.rubric"
    cases = ((reading, path, "GL001", "写明「计分方式:从满分扣减」"),)  # (GL602's 可空 fix went with GL602)

    async def test(editor: Editor) -> None:
        for text, target, code, words in cases:
            uri = editor.open(target, text)
            found = await editor.diagnostics(uri, lambda d: any(x.code == code for x in d))
            finding = next(d for d in found if d.code == code)
            item = finding.data["item"]
            actions = await editor.client.text_document_code_action_async(lsp.CodeActionParams(
                text_document=lsp.TextDocumentIdentifier(uri), range=finding.range,
                context=lsp.CodeActionContext(diagnostics=[finding])))
            mine = [a for a in actions if a.diagnostics[0].code == code and a.diagnostics[0].range == finding.range]
            fix = next(a for a in mine if words in a.title)
            silence = next(a for a in mine if f"忽略 {code}" in a.title)
            before = [p.diagnostic.message for p in from_text(text, str(target)).lint_problems()
                      if p.code == code and p.diagnostic.item == item]
            fixed = from_text(apply(text, fix.edit.changes[uri]), str(target))
            assert fixed.ok  # the fix keeps the rubric valid and removes the finding
            after = [p.diagnostic.message for p in fixed.lint_problems() if p.code == code and p.diagnostic.item == item]
            assert after != before and len(after) <= len(before)
            quiet = from_text(apply(text, silence.edit.changes[uri]), str(target))
            assert [p.reason for p in quiet.lint_problems(silenced=True) if p.code == code and p.diagnostic.item == item
                    and p.silenced] == ["请在此写明为什么可以忽略"] * len(before)
        assert "  计分方式:从满分扣减\n" in apply(reading, next(
            a for a in await editor.client.text_document_code_action_async(lsp.CodeActionParams(
                text_document=lsp.TextDocumentIdentifier(path.as_uri()),
                range=lsp.Range(lsp.Position(1, 0), lsp.Position(3, 0)), context=lsp.CodeActionContext(diagnostics=[]))) if "写明" in a.title).edit.changes[path.as_uri()])

    session(test)
