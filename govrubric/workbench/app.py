"""The workbench's web application: one page (templates/index.html, static/workbench.js) and a JSON API.

Every answer comes from the language service (govrubric.service), the same calls the command line
makes; the handlers only translate between HTTP and it. Work that takes CPU runs in a worker thread so
the server keeps answering. Rubric text is only ever parsed and interpreted, never compiled or run.
"""
from __future__ import annotations

import json
import secrets
import threading
from collections import OrderedDict
from pathlib import Path
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import __version__
from . import i18n
from .security import Guard
from .workspace import Workspace, WorkspaceError, shipped

HERE = Path(__file__).resolve().parent
MAX_UPLOAD = 20 * 1024 * 1024  # a facts workbook of a few thousand units is well under 5 MB
MAX_TEXT = 2 * 1024 * 1024
KEPT_RESULTS = 32  # scorings kept for report downloads, the oldest dropped first
TEMPLATE_FORMATS = {"xlsx": ".xlsx", "csv": ".csv", "json": ".json"}


class Problem(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class Results:
    """Scorings kept by id so that their reports can be downloaded, a bounded number of them."""

    def __init__(self) -> None:
        self.kept: OrderedDict[str, tuple] = OrderedDict()
        self.lock = threading.Lock()

    def keep(self, entry: tuple) -> str:
        key = secrets.token_urlsafe(12)
        with self.lock:
            self.kept[key] = entry
            while len(self.kept) > KEPT_RESULTS:
                self.kept.popitem(last=False)
        return key

    def get(self, key: str) -> tuple:
        with self.lock:
            if key not in self.kept:
                raise Problem("这次计分的结果已不在服务器上,请重新计分 / these results are gone; score again", 404)
            return self.kept[key]


def create_app(workspace: str, *, access_token: str | None = None, loopback_only: bool = True,
               csrf_token: str | None = None):
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    space = Workspace(workspace)
    csrf = csrf_token or secrets.token_urlsafe(24)
    results = Results()
    pages = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(["html"]))

    async def index(request: Request) -> Response:
        lang = i18n.language(request.query_params.get("lang") or request.cookies.get("govrubric_lang"))
        page = pages.get_template("index.html").render(
            lang=lang, t=i18n.translator(lang), strings=json.dumps(i18n.client_strings(lang), ensure_ascii=False),
            csrf=csrf, version=__version__, workspace=str(space.root))
        response = HTMLResponse(page)
        if request.query_params.get("lang"):
            response.set_cookie("govrubric_lang", lang, samesite="strict", path="/")
        return response

    # ------------------------------------------------------------------ files
    async def list_files(request: Request) -> Response:
        files = await run_in_threadpool(space.files)
        return JSONResponse({"files": files, "shipped": list(shipped()), "workspace": str(space.root)})

    async def read_file(request: Request) -> Response:
        found = space.read(request.query_params.get("path", ""))
        return JSONResponse({"path": request.query_params["path"], "text": found.text, "version": found.version})

    async def save_file(request: Request) -> Response:
        body = await _json(request)
        version = space.save(_str(body, "path"), _text(body), body.get("version"))
        return JSONResponse({"version": version})

    async def new_file(request: Request) -> Response:
        from ..starter import STARTER

        body = await _json(request)
        source = body.get("from") or "new"
        if source == "new":
            text = STARTER
        elif source in shipped():
            text = shipped()[source].read_text(encoding="utf-8-sig")
        else:
            raise Problem("没有这份细则 / no such shipped rubric", 404)
        path = _str(body, "path")
        version = space.create(path, text)
        return JSONResponse({"path": path, "text": text, "version": version})

    # ------------------------------------------------------------------ the language service
    async def check(request: Request) -> Response:
        body = await _json(request)
        return JSONResponse(await run_in_threadpool(_checked, _text(body), _path(body)))

    async def lint(request: Request) -> Response:
        body = await _json(request)
        return JSONResponse(await run_in_threadpool(_linted, _text(body), _path(body)))

    async def format_(request: Request) -> Response:
        body = await _json(request)
        return JSONResponse(await run_in_threadpool(_formatted, _text(body), _path(body)))

    async def hover(request: Request) -> Response:
        body = await _json(request)
        return JSONResponse(await run_in_threadpool(_hover, _text(body), _path(body), _int(body, "pos")))

    async def definition(request: Request) -> Response:
        body = await _json(request)
        return JSONResponse(await run_in_threadpool(_definition, _text(body), _path(body), _int(body, "pos")))

    async def complete(request: Request) -> Response:
        body = await _json(request)
        names = [n for n in body.get("names", []) if isinstance(n, str)][:5000]
        titles = [n for n in body.get("titles", []) if isinstance(n, str)][:5000]
        return JSONResponse(await run_in_threadpool(_complete, _text(body), _path(body), _int(body, "pos"),
                                                    names, titles))

    async def preview(request: Request) -> Response:
        body = await _json(request)
        return JSONResponse(await run_in_threadpool(_preview, _text(body), _path(body)))

    # ------------------------------------------------------------------ facts and scoring
    async def template(request: Request) -> Response:
        body = await _json(request)
        suffix = TEMPLATE_FORMATS.get(body.get("format", "xlsx"))
        if suffix is None:
            raise Problem("填报表的格式应是 xlsx、csv 或 json / format must be xlsx, csv or json")
        data, name = await run_in_threadpool(_template, _text(body), _path(body), suffix)
        return _download(data, name)

    async def score(request: Request) -> Response:
        form = await request.form(max_files=1, max_fields=8, max_part_size=MAX_TEXT)
        upload = form.get("facts")
        if upload is None or isinstance(upload, str):
            raise Problem("请选择一个事实数据文件(.xlsx、.csv 或 .json)/ choose a facts file")
        data = await upload.read()
        text, path = _form_text(form, "text"), _form_path(form)
        found = await run_in_threadpool(_score, text, path, data, upload.filename or "facts",
                                        form.get("keep_going") == "1", results)
        return JSONResponse(found)

    async def report(request: Request) -> Response:
        from ..model import ranks_within_categories
        from ..reports import FORMATS, RANK_BY_CATEGORY, report_bytes

        model, scoring, title = results.get(request.path_params["key"])
        suffix = "." + request.query_params.get("format", "xlsx").lstrip(".")
        if suffix not in FORMATS:
            raise Problem("不支持这种报告格式 / unknown report format")
        rank_by = RANK_BY_CATEGORY if ranks_within_categories(model) else None  # as the rubric says (排名)
        data = await run_in_threadpool(report_bytes, "报告" + suffix, scoring.scored(model, rank_by=rank_by))
        return _download(data, f"{title}-计分报告{suffix}")

    async def explanation(request: Request) -> Response:
        _model, scoring, _title = results.get(request.path_params["key"])
        unit = request.query_params.get("unit", "")
        found = next((r for r in scoring.results if r.unit == unit), None)
        if found is None:
            raise Problem(f"没有单位「{unit}」/ no such unit", 404)
        return JSONResponse(found.to_json())

    async def diff(request: Request) -> Response:
        form = await request.form(max_files=1, max_fields=8, max_part_size=MAX_TEXT)
        upload = form.get("facts")
        facts = None
        if upload is not None and not isinstance(upload, str) and upload.filename:
            facts = (await upload.read(), upload.filename)
        old = space.read(_form_str(form, "old_path"))
        found = await run_in_threadpool(_diff, old.text, _form_str(form, "old_path"), _form_text(form, "text"),
                                        _form_path(form), facts)
        return JSONResponse(found)

    async def failed(request: Request, exc: Exception) -> Response:
        extra = getattr(exc, "extra", {})
        return JSONResponse({"error": str(exc), **extra}, getattr(exc, "status", 400))

    async def no_icon(request: Request) -> Response:
        return Response(status_code=204)

    routes = [
        Route("/", index),
        Route("/favicon.ico", no_icon),
        Route("/api/files", list_files),
        Route("/api/file", read_file, methods=["GET"]),
        Route("/api/file", save_file, methods=["POST"]),
        Route("/api/new", new_file, methods=["POST"]),
        Route("/api/check", check, methods=["POST"]),
        Route("/api/lint", lint, methods=["POST"]),
        Route("/api/format", format_, methods=["POST"]),
        Route("/api/hover", hover, methods=["POST"]),
        Route("/api/definition", definition, methods=["POST"]),
        Route("/api/complete", complete, methods=["POST"]),
        Route("/api/preview", preview, methods=["POST"]),
        Route("/api/template", template, methods=["POST"]),
        Route("/api/score", score, methods=["POST"]),
        Route("/api/report/{key}", report),
        Route("/api/explanation/{key}", explanation),
        Route("/api/diff", diff, methods=["POST"]),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={WorkspaceError: failed, Problem: failed})
    return Guard(app, access_token=access_token, csrf_token=csrf, loopback_only=loopback_only,
                 max_body=MAX_UPLOAD)


# ------------------------------------------------------------------ request pieces
async def _json(request: Request) -> dict:
    try:
        body = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        raise Problem("请求不是有效的 JSON / invalid JSON") from None
    if not isinstance(body, dict):
        raise Problem("请求不是有效的 JSON 对象 / invalid JSON")
    return body


def _str(body: dict, key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str):
        raise Problem(f"缺少「{key}」/ missing {key}")
    return value


def _text(body: dict) -> str:
    text = _str(body, "text")
    if len(text) > MAX_TEXT:
        raise Problem("细则太大 / rubric too large", 413)
    return text


def _path(body: dict) -> str:
    path = body.get("path")
    return path if isinstance(path, str) and path else "未命名.rubric"


def _int(body: dict, key: str) -> int:
    value = body.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise Problem(f"「{key}」应是不小于0的整数 / {key} must be a non-negative integer")
    return value


def _form_str(form, key: str) -> str:
    value = form.get(key)
    if not isinstance(value, str) or not value:
        raise Problem(f"缺少「{key}」/ missing {key}")
    return value


def _form_text(form, key: str) -> str:
    value = form.get(key)
    if not isinstance(value, str):
        raise Problem(f"缺少「{key}」/ missing {key}")
    return value


def _form_path(form) -> str:
    value = form.get("path")
    return value if isinstance(value, str) and value else "未命名.rubric"


def _download(data: bytes, name: str) -> Response:
    media = {".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".csv": "text/csv",
             ".json": "application/json", ".md": "text/markdown", ".html": "text/html"}
    suffix = name[name.rfind("."):]
    ascii_name = "govrubric" + suffix
    return Response(data, media_type=media.get(suffix, "application/octet-stream"), headers={
        "content-disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"})


# ------------------------------------------------------------------ the work (in worker threads)
def _doc(text: str, path: str):
    from ..service import document

    return document(text, path)


def _problems_json(doc, problems) -> list[dict]:
    return [problem.to_json(doc.positions) for problem in problems]


def _checked(text: str, path: str) -> dict:
    from ..service.navigation import known_names

    doc = _doc(text, path)
    names, titles = known_names(doc)
    return {"ok": doc.ok, "diagnostics": _problems_json(doc, doc.check_problems()), "names": names,
            "titles": titles, "symbols": [s.to_json(doc.positions) for s in doc.symbols()]}


def _linted(text: str, path: str) -> dict:
    doc = _doc(text, path)
    return {"ok": doc.ok, "diagnostics": _problems_json(doc, doc.problems())}


def _formatted(text: str, path: str) -> dict:
    doc = _doc(text, path)
    result = doc.formatted()
    if result.text is None:
        return {"text": None, "problems": [p.short() for p in result.problems]}
    edits = doc.format_edits() or []
    positions = doc.positions
    return {"text": result.text, "changed": result.changed,
            "edits": [{"from": positions.utf16(e.span.start), "to": positions.utf16(e.span.end), "insert": e.new_text}
                      for e in edits]}


def _hover(text: str, path: str, pos: int) -> dict:
    doc = _doc(text, path)
    found = doc.hover(doc.positions.from_utf16(pos))
    return {"hover": None if found is None else found.to_json(doc.positions)}


def _definition(text: str, path: str, pos: int) -> dict:
    doc = _doc(text, path)
    span = doc.definition(doc.positions.from_utf16(pos))
    return {"range": None if span is None else doc.positions.range_json(span)}


def _complete(text: str, path: str, pos: int, names: list[str], titles: list[str]) -> dict:
    doc = _doc(text, path)
    found = doc.completions(doc.positions.from_utf16(pos), names, titles)
    return {"items": [c.to_json(doc.positions) for c in found]}


def _preview(text: str, path: str) -> dict:
    from ..render import build_table, html_page

    doc = _doc(text, path)
    if not doc.ok:
        return {"html": None, "error": "细则有错误,先改正才能预览 / the rubric has errors"}
    return {"html": html_page(build_table(doc.loaded.model, doc.loaded.tree, text))}  # the standards as written


def _template(text: str, path: str, suffix: str) -> tuple[bytes, str]:
    from ..templates import template_bytes

    doc = _doc(text, path)
    if not doc.ok:
        raise Problem("细则有错误,先改正才能生成填报表 / the rubric has errors")
    stem = Path(path).stem
    return template_bytes(doc.loaded.model, "填报" + suffix, []), f"{stem}-填报表{suffix}"


def _score(text: str, path: str, data: bytes, filename: str, keep_going: bool, results: Results) -> dict:
    from ..lint.output import decisions_json
    from ..numerals import format_number
    from ..reports import FORMATS
    from ..service.scoring import rankings, read_uploaded_facts, score_table

    doc = _doc(text, path)
    if not doc.ok:
        return {"error": "细则有错误,先改正才能计分 / the rubric has errors",
                "problems": _problems_json(doc, doc.check_problems())}
    table, problems = read_uploaded_facts(data, filename)
    if table is None or problems:
        return {"error": "无法读取事实文件 / cannot read the facts file", "facts_problems": [_fact_json(p) for p in problems]}
    model = doc.loaded.model
    scoring = score_table(doc.loaded, table, keep_going=keep_going)
    answer: dict = {"facts_problems": [_fact_json(p) for p in scoring.all_problems],
                    "not_scored": list(scoring.batch.rejected)}
    if scoring.stopped:
        answer["error"] = f"事实有{len(scoring.all_problems)}处问题,未计分 / problems in the facts; nothing scored"
        return answer
    roots = scoring.results[0].roots
    answer.update({
        "key": results.keep((model, scoring, Path(path).stem)),
        "title": model.title, "total_name": model.total_name or "总分", "graded": model.grades is not None,
        "formats": list(FORMATS),
        "columns": [{"path": r.path, "title": r.shown_title or r.title or ""} for r in roots],
        "rankings": [{"category": ranking.category,
                      "rows": [{"rank": rank, "unit": r.unit, "category": r.category,
                                "total": format_number(r.total), "grade": r.grade,
                                "scores": [format_number(n.score) for n in r.roots]}  # 23, not 23.0 or 3E+1
                               for rank, r in ranking.rows]}
                     for ranking in rankings(scoring.results, model.categories)],
        "readings": decisions_json(model),
    })
    return answer


def _fact_json(problem) -> dict:
    return {"code": problem.code, "severity": problem.severity, "where": problem.where, "message": problem.message,
            "help": problem.help, "short": problem.short()}


def _diff(old_text: str, old_path: str, text: str, path: str, facts) -> dict:
    from ..backtest import backtest_json, backtest_text
    from ..diff import diff_json, diff_text
    from ..service.scoring import Upload, compare_versions

    old, new = _doc(old_text, old_path), _doc(text, path)
    broken = [(p, d) for p, d in ((old_path, old), (path, new)) if not d.ok]
    if broken:
        return {"error": "、".join(p for p, _ in broken) + " 有错误,不能比较 / has errors",
                "problems": [short for _, d in broken for short in (x.short() for x in d.check())]}
    if facts is None:
        found = compare_versions(old.loaded, new.loaded)
    else:
        with Upload(*facts) as upload:
            found = compare_versions(old.loaded, new.loaded, upload)
    answer = {"diff": diff_json(found.diff), "text": diff_text(found.diff), "problems": [_fact_json(p) for p in found.problems]}
    if found.backtest is not None:
        test = backtest_json(found.backtest)
        for unit in test["units"]:
            unit["old_rank"] = found.old_ranks.get(unit["unit"])
            unit["new_rank"] = found.new_ranks.get(unit["unit"])
        answer["backtest"] = test
        answer["text"] += backtest_text(found.backtest)
    return answer
