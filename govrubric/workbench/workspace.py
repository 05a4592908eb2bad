"""The workbench's folder of rubrics: paths that cannot leave it, reads with a version, atomic saves that
refuse to overwrite a file someone else changed, new files from the starter or a shipped rubric.

A path from the browser is a relative path inside the workspace, written with "/" and naming a
.rubric file; anything else (an absolute path, "..", a hidden or control character, a link that leads
outside) is refused before the file system is touched.
"""
from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import attrs

RUBRIC_SUFFIX = ".rubric"
MAX_RUBRIC_BYTES = 2 * 1024 * 1024  # the biggest shipped rubric is 72 KB
MAX_LISTED = 2000


class WorkspaceError(Exception):
    """A request the workspace refuses; `status` is the HTTP status, the message is the staffer's."""

    def __init__(self, message: str, status: int = 400, **extra) -> None:
        super().__init__(message)
        self.status = status
        self.extra = extra


@attrs.frozen
class Version:
    text: str
    version: str  # sha256 of the bytes on disk: a save names the version it started from


def version_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def shipped_folder() -> Path | None:
    """The rubrics shipped with govrubric: in the wheel (govrubric/_rubrics) or the checkout's rubrics/."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_rubrics", here.parent / "rubrics"):
        if candidate.is_dir():
            return candidate
    return None


def shipped() -> dict[str, Path]:
    folder = shipped_folder()
    if folder is None:
        return {}
    return {path.stem: path for path in sorted(folder.glob("*" + RUBRIC_SUFFIX))}


class Workspace:
    def __init__(self, root: str) -> None:
        self.root = Path(root).resolve()
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    # ------------------------------------------------------------------ paths
    def resolve(self, relative: str, suffix: str = RUBRIC_SUFFIX) -> Path:
        if not isinstance(relative, str) or not relative or len(relative) > 500:
            raise WorkspaceError("文件名不能为空 / a file name is needed")
        if any(not ch.isprintable() for ch in relative) or "\\" in relative or relative.startswith("/") \
                or ":" in relative:
            raise WorkspaceError("文件名中有不允许的字符 / the file name has characters that are not allowed")
        parts = relative.split("/")
        if any(part in ("", ".", "..") or part.startswith(".") for part in parts):
            raise WorkspaceError("只能使用工作文件夹内的文件 / only files inside the workspace folder")
        if suffix and not relative.endswith(suffix):
            raise WorkspaceError(f"文件名应以 {suffix} 结尾 / the file name must end with {suffix}")
        path = (self.root / relative).resolve()
        if os.path.commonpath([str(path), str(self.root)]) != str(self.root):
            raise WorkspaceError("只能使用工作文件夹内的文件 / only files inside the workspace folder")
        return path

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def files(self) -> list[str]:
        """The .rubric files in the workspace (subfolders too, hidden ones skipped), by name."""
        found: list[str] = []
        for folder, dirs, names in os.walk(self.root):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
            for name in sorted(names):
                if name.endswith(RUBRIC_SUFFIX) and not name.startswith("."):
                    path = Path(folder) / name
                    if os.path.commonpath([str(path.resolve()), str(self.root)]) != str(self.root):
                        continue  # a link out of the workspace is not offered
                    found.append(self.relative(path))
                    if len(found) >= MAX_LISTED:
                        return found
        return found

    # ------------------------------------------------------------------ reading and writing
    def read(self, relative: str) -> Version:
        path = self.resolve(relative)
        try:
            if path.stat().st_size > MAX_RUBRIC_BYTES:
                raise WorkspaceError(f"文件太大(超过 {MAX_RUBRIC_BYTES // 1024 // 1024} MB)/ file too large", 413)
            data = path.read_bytes()
        except FileNotFoundError:
            raise WorkspaceError(f"找不到文件 {relative} / no such file", 404) from None
        except OSError as err:
            raise WorkspaceError(f"无法读取 {relative}:{err.strerror} / cannot read", 400) from None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise WorkspaceError(f"{relative} 不是 UTF-8 编码的文本 / not UTF-8 text") from None
        return Version(text.replace("\r\n", "\n"), version_of(data))

    def save(self, relative: str, text: str, base: str | None) -> str:
        """Write text atomically; `base` is the version the editor started from (None: a new file, which
        must not exist yet). A file changed on disk since then is not overwritten: 409 with its version."""
        from ..atomic import write_text

        path = self.resolve(relative)
        data = text.encode("utf-8")
        if len(data) > MAX_RUBRIC_BYTES:
            raise WorkspaceError("细则太大,没有保存 / too large, not saved", 413)
        with self._lock_for(path):
            current = path.read_bytes() if path.exists() else None
            if current is not None and (base is None or version_of(current) != base):
                raise WorkspaceError(f"{relative} 在你打开之后已被修改(可能在另一个浏览器或编辑器中),没有保存。"
                                     "请先复制你的改动,重新打开文件后再改 / the file changed on disk since you opened it; "
                                     "not saved", 409, version=version_of(current))
            if current is None and base is not None:
                raise WorkspaceError(f"{relative} 在你打开之后已被删除或改名,没有保存 / the file was removed", 409)
            path.parent.mkdir(parents=True, exist_ok=True)
            problem = write_text(str(path), text)
            if problem is not None:
                raise WorkspaceError(problem.message, 500)
            return version_of(data)

    def create(self, relative: str, text: str) -> str:
        return self.save(relative, text, None)

    def _lock_for(self, path: Path) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(str(path), threading.Lock())
