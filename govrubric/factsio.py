"""Facts files → rows: JSON now (CSV and Excel readers join here), never floats."""
from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from .diagnostics import Diagnostic, make


def read_rows(path: str) -> tuple[list[dict[str, Any]], list[Diagnostic]]:
    """Rows of facts, one per unit, in file order."""
    lower = path.lower()
    try:
        if lower.endswith(".json"):
            return _json_rows(path)
    except OSError as err:
        return [], [make("GR406", detail=f"{path}: {err.strerror or err}")]
    return [], [make("GR406", detail=f"{path}: 不认识的文件类型,请用 .json")]


def _json_rows(path: str):
    with open(path, encoding="utf-8-sig") as handle:
        try:
            data = json.load(handle, parse_float=Decimal)
        except ValueError as err:
            return [], [make("GR406", detail=f"{path}: JSON 格式错误:{err}")]
    if isinstance(data, dict) and "单位" in data and isinstance(data["单位"], list):
        data = data["单位"]
    if isinstance(data, dict):  # {"县发改局": {...}, …}
        rows = []
        for name, facts in data.items():
            if not isinstance(facts, dict):
                return [], [make("GR406", detail=f"{path}: 单位「{name}」的内容应是一组事实")]
            rows.append({"单位": name, **facts})
        return rows, []
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        return [], [make("GR406", detail=f"{path}: 应是单位的列表,每个单位一组「事实名: 值」")]
    return data, []
