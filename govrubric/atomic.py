"""Writing output files safely: whole or not at all, and never over one of the command's inputs.

A report is first written to a temporary file in the target's directory (the same file system,
so the final os.replace is atomic); a crash or a full disk leaves the old file as it was.
An existing read-only file is refused, not replaced (its owner made it so). A symbolic link is
written through: the file it points to is replaced and the link stays a link.
"""
from __future__ import annotations

import os
import tempfile

from .diagnostics import Diagnostic, make
from .i18n import built


def same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist yet: compare where they would be
        return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def refuse_inputs(output: str, inputs: list[str]) -> Diagnostic | None:
    """GR501 when `output` is one of `inputs` (by any path or link), else None."""
    for path in inputs:
        if same_file(output, path):
            return make("GR501", path=output, help="请用 -o 换一个输出文件名;输入文件(细则、事实数据)不会被改写")
    return None


def output_problem(path: str) -> Diagnostic | None:
    """GR502 when `path` cannot be written (checked before the work that makes its content), else None."""
    target = os.path.realpath(path)  # through links: the file that will be replaced
    directory = os.path.dirname(target)
    if not os.path.isdir(directory):
        return make("GR502", detail=built("{path}: 文件夹 {x} 不存在", path=path, x=os.path.dirname(os.path.abspath(path))),
                    help="先建好这个文件夹,或换一个输出位置")
    if os.path.isdir(target):
        return make("GR502", detail=built("{path}: 这是一个文件夹", path=path), help="请给出文件名,如 报告.xlsx")
    if _read_only(target) or (os.path.exists(target) and not os.access(target, os.W_OK)):
        return make("GR502", detail=built("{path}: 文件是只读的,没有改写", path=path),
                    help="确要改写,请先去掉文件的只读属性;或换一个输出文件名")
    return None


def _read_only(path: str) -> bool:
    """No write bit for anyone (os.access says yes to root whatever the bits are)."""
    try:
        return not os.stat(path).st_mode & 0o222
    except OSError:
        return False


def write_bytes(path: str, data: bytes) -> Diagnostic | None:
    """Write `data` to `path` atomically; a GR502 diagnostic when that fails, else None. Through a
    symbolic link the linked file is replaced; a read-only file is refused (see the module docstring)."""
    problem = output_problem(path)
    if problem is not None:
        return problem
    path = os.path.realpath(path)
    directory = os.path.dirname(path)
    try:
        handle, temporary = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp",
                                             dir=directory)
    except OSError as err:
        return _failed(path, err)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except BaseException as err:  # a full disk, and also Ctrl-C: the temporary file never outlives the write
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(err, OSError):
            return _failed(path, err)
        raise
    return None


def write_text(path: str, text: str, encoding: str = "utf-8") -> Diagnostic | None:
    return write_bytes(path, text.encode(encoding))


def _mode_for(path: str) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (mkstemp's are owner-only)."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _failed(path: str, err: OSError) -> Diagnostic:
    hint = "文件可能正在 Excel 或 WPS 中打开,请关闭后重试" if isinstance(err, PermissionError) else None
    return make("GR502", detail=f"{path}: {err.strerror or err}", help=hint)
