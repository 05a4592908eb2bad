"""`govrubric lsp`: the Language Server Protocol over stdio (pygls), on the language service.

Every answer is the service's (govrubric.service), so an editor shows what `govrubric check` / `lint` /
`fmt` and the workbench show. After each change the server publishes check's diagnostics at once and
lint's after it (lint takes longer: docs/performance.md), each time for the newest version only.
Positions are converted by service.positions: LSP counts UTF-16 code units.
"""
from __future__ import annotations

import asyncio
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from . import __version__
from .service import Document, Problem, from_text
from .service.navigation import known_names
from .source import source_text

SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
            "hint": lsp.DiagnosticSeverity.Information}
LINT_DELAY = 0.05  # s: a burst of keystrokes is linted once, after its last change


class RubricServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("govrubric", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.documents: dict[str, Document] = {}  # uri → the newest version analysed
        self.known: dict[str, tuple[list[str], list[str]]] = {}  # uri → fact names, titles of a version that parsed
        self.lint_tasks: dict[str, asyncio.Task] = {}

    def document(self, uri: str) -> Document:
        text = self.workspace.get_text_document(uri).source
        current = self.documents.get(uri)
        if current is None or current.text != source_text(text):  # line ends read as check reads them
            current = from_text(text, _path(uri))
            self.documents[uri] = current
            if current.loaded.tree is not None:
                self.known[uri] = known_names(current)
        return current


server = RubricServer()


def _path(uri: str) -> str:
    from urllib.parse import unquote, urlparse

    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else uri


def _range(doc: Document, span) -> lsp.Range:
    found = doc.positions.lsp_range(span)
    return lsp.Range(lsp.Position(**found["start"]), lsp.Position(**found["end"]))


def to_lsp(doc: Document, uri: str, problem: Problem) -> lsp.Diagnostic:
    related = [lsp.DiagnosticRelatedInformation(lsp.Location(uri, _range(doc, span)), words)
               for span, words in problem.diagnostic.related]
    return lsp.Diagnostic(range=_range(doc, problem.span), message=problem.full_message(),
                          severity=SEVERITY.get(problem.severity, lsp.DiagnosticSeverity.Information),
                          code=problem.code, source="govrubric", related_information=related or None,
                          data={"item": problem.diagnostic.item})


def publish(ls: RubricServer, uri: str, doc: Document, problems: list[Problem], version: int | None) -> None:
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
        uri=uri, diagnostics=[to_lsp(doc, uri, p) for p in problems if p.diagnostic.source is not None],
        version=version))


async def analyse(ls: RubricServer, uri: str) -> None:
    """Check now and publish; then lint the same version in a worker thread and publish again, unless a
    newer version came in meanwhile."""
    doc = ls.document(uri)
    version = ls.workspace.get_text_document(uri).version
    publish(ls, uri, doc, doc.check_problems(), version)
    previous = ls.lint_tasks.pop(uri, None)
    if previous is not None:
        previous.cancel()
    if doc.ok:
        ls.lint_tasks[uri] = asyncio.ensure_future(_lint_later(ls, uri, doc, version))


async def _lint_later(ls: RubricServer, uri: str, doc: Document, version: int | None) -> None:
    await asyncio.sleep(LINT_DELAY)
    problems = await asyncio.get_running_loop().run_in_executor(None, doc.problems)
    if ls.documents.get(uri) is doc:
        publish(ls, uri, doc, problems, version)


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
async def did_open(ls: RubricServer, params: lsp.DidOpenTextDocumentParams) -> None:
    await analyse(ls, params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: RubricServer, params: lsp.DidChangeTextDocumentParams) -> None:
    await analyse(ls, params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: RubricServer, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.documents.pop(uri, None)
    task = ls.lint_tasks.pop(uri, None)
    if task is not None:
        task.cancel()
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


def _offset(doc: Document, position: lsp.Position) -> int:
    return doc.positions.from_lsp(position.line, position.character)


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: RubricServer, params: lsp.HoverParams) -> lsp.Hover | None:
    doc = ls.document(params.text_document.uri)
    found = doc.hover(_offset(doc, params.position))
    if found is None:
        return None
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=found.markdown()),
                     range=_range(doc, found.span))


@server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
def definition(ls: RubricServer, params: lsp.DefinitionParams) -> lsp.Location | None:
    doc = ls.document(params.text_document.uri)
    span = doc.definition(_offset(doc, params.position))
    return None if span is None else lsp.Location(params.text_document.uri, _range(doc, span))


@server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
def references(ls: RubricServer, params: lsp.ReferenceParams) -> list[lsp.Location]:
    doc = ls.document(params.text_document.uri)
    spans = doc.references(_offset(doc, params.position), params.context.include_declaration)
    return [lsp.Location(params.text_document.uri, _range(doc, span)) for span in spans]


@server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=["「", "【"]))
def completion(ls: RubricServer, params: lsp.CompletionParams) -> lsp.CompletionList:
    uri = params.text_document.uri
    doc = ls.document(uri)
    names, titles = ls.known.get(uri, ([], []))
    kinds = {"fact": lsp.CompletionItemKind.Variable, "category": lsp.CompletionItemKind.EnumMember,
             "title": lsp.CompletionItemKind.Text}
    items = [lsp.CompletionItem(label=c.label, kind=kinds.get(c.kind), detail=c.detail,
                                text_edit=lsp.TextEdit(_range(doc, c.replace), c.label + c.close))
             for c in doc.completions(_offset(doc, params.position), names, titles)]
    return lsp.CompletionList(is_incomplete=False, items=items)


def _symbol(doc: Document, symbol) -> lsp.DocumentSymbol:
    kind = lsp.SymbolKind.Namespace if symbol.kind == "item" else lsp.SymbolKind.Variable
    return lsp.DocumentSymbol(name=symbol.name, kind=kind, detail=symbol.detail or None,
                              range=_range(doc, symbol.span), selection_range=_range(doc, symbol.selection),
                              children=[_symbol(doc, child) for child in symbol.children])


@server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbol(ls: RubricServer, params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol]:
    doc = ls.document(params.text_document.uri)
    return [_symbol(doc, symbol) for symbol in doc.symbols()]


@server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
def formatting(ls: RubricServer, params: lsp.DocumentFormattingParams) -> list[lsp.TextEdit] | None:
    doc = ls.document(params.text_document.uri)
    edits = doc.format_edits()
    if edits is None:
        ls.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Warning,
                                                     "细则有语法错误,无法格式化 / the rubric cannot be formatted"))
        return None
    return [lsp.TextEdit(_range(doc, edit.span), edit.new_text) for edit in edits]


@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
def code_action(ls: RubricServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    uri = params.text_document.uri
    doc = ls.document(uri)
    start, end = _offset(doc, params.range.start), _offset(doc, params.range.end)
    actions = []
    for problem in doc.lint_problems():
        if problem.span.start > end or problem.span.end < start:
            continue
        for fix in doc.fixes(problem):
            edits = [lsp.TextEdit(_range(doc, edit.span), edit.new_text) for edit in fix.edits]
            actions.append(lsp.CodeAction(title=fix.title, kind=lsp.CodeActionKind.QuickFix,
                                          diagnostics=[to_lsp(doc, uri, problem)],
                                          edit=lsp.WorkspaceEdit(changes={uri: edits})))
    return actions


def main(**_: Any) -> None:
    server.start_io()
