"""The workbench: `govrubric serve` — one web page where staff write, check and score a rubric.

Starlette and uvicorn are imported only here, when the workbench starts, so the other commands start fast.
"""
from __future__ import annotations

import os
import sys

from .security import is_loopback, new_token

DEFAULT_PORT = 8765


def address(host: str, port: int, token: str | None) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def serve(workspace: str, host: str = "127.0.0.1", port: int = DEFAULT_PORT, echo=print,
          token: str | None = None) -> None:
    """Start the workbench on host:port for the rubrics in `workspace` and serve until interrupted.
    Off loopback, an access token is required: `token`, or a new one, printed in the address."""
    import uvicorn

    from .app import create_app
    from ..service import from_text

    loopback = is_loopback(host)
    access = None if loopback else (token or os.environ.get("GOVRUBRIC_TOKEN") or new_token())
    app = create_app(workspace, access_token=access, loopback_only=loopback)
    from_text("细则「预热」\n", "warm.rubric").check()  # build the grammar before the first keystroke waits for it
    echo(f"govrubric 工作台 / workbench: {address(host, port, access)}")
    echo(f"工作文件夹 / workspace: {os.path.abspath(workspace)}")
    if access:
        echo("在办公网络上使用:把上面的完整网址(含 token)发给同事;没有它无法访问。按 Ctrl+C 停止。\n"
             "On an office network: share the full address above (with its token); without it nobody gets in. "
             "Ctrl+C stops.")
    else:
        echo("只有本机可以访问。按 Ctrl+C 停止。/ Only this computer can reach it. Ctrl+C stops.")
    sys.stdout.flush()
    uvicorn.run(app, host=host.strip("[]"), port=port, log_level="warning", access_log=False,
                server_header=False, limit_concurrency=200, timeout_keep_alive=30)
