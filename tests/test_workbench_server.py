"""The workbench's server without a browser: what it refuses (other hosts, missing tokens, cross-site
requests, paths out of the workspace, oversized bodies), atomic saves with conflicts, and answers that are
the language service's."""
from __future__ import annotations

import os
import re

import pytest
from starlette.testclient import TestClient

from govrubric.service import open_file
from govrubric.workbench.app import MAX_UPLOAD, create_app
from workbench_support import ROOT, running_server, workspace_with_shipped

CSRF = "test-csrf-token"


@pytest.fixture
def workspace(tmp_path):
    return workspace_with_shipped(tmp_path / "ws")


@pytest.fixture
def client(workspace):
    return TestClient(create_app(str(workspace), csrf_token=CSRF), base_url="http://127.0.0.1:8765")


def post(client, url, body, **headers):
    return client.post(url, json=body, headers={"x-csrf-token": CSRF, **headers})


def test_the_page_carries_its_csrf_token_and_a_strict_content_security_policy(client):
    page = client.get("/")
    assert page.status_code == 200
    assert f'<meta name="csrf-token" content="{CSRF}">' in page.text
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-eval" not in policy and "frame-ancestors 'self'" in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/workbench.js").status_code == 200


def test_every_state_changing_request_needs_the_csrf_token_and_a_same_origin(client, workspace):
    body = {"path": "新.rubric", "from": "new"}
    assert client.post("/api/new", json=body).status_code == 403
    assert post(client, "/api/new", body, **{"x-csrf-token": "wrong"}).status_code == 403
    assert post(client, "/api/new", body, origin="http://evil.example").status_code == 403
    assert not (workspace / "新.rubric").exists()
    assert post(client, "/api/new", body, origin="http://127.0.0.1:8765").status_code == 200
    assert (workspace / "新.rubric").exists()


def test_bound_to_loopback_it_answers_only_requests_addressed_to_loopback(workspace):
    app = create_app(str(workspace), csrf_token=CSRF)
    assert TestClient(app, base_url="http://localhost:8765").get("/").status_code == 200
    # DNS rebinding: another site's name pointed at 127.0.0.1
    assert TestClient(app, base_url="http://evil.example:8765").get("/").status_code == 421


def test_off_loopback_the_access_token_is_required(workspace):
    app = create_app(str(workspace), csrf_token=CSRF, access_token="s3cret", loopback_only=False)
    client = TestClient(app, base_url="http://10.0.0.5:8765")
    assert client.get("/").status_code == 401
    assert client.get("/api/files").status_code == 401
    assert client.get("/?token=wrong").status_code == 401
    first = client.get("/?token=s3cret", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/"
    assert "httponly" in first.headers["set-cookie"].lower() and "samesite=strict" in first.headers["set-cookie"].lower()
    assert client.get("/api/files").status_code == 200  # the cookie now carries it
    other = TestClient(app, base_url="http://10.0.0.5:8765")
    assert other.get("/api/files", headers={"x-govrubric-token": "s3cret"}).status_code == 200


@pytest.mark.parametrize("path", ["../outside.rubric", "/etc/passwd.rubric", "a/../../b.rubric", "..\\x.rubric",
                                  ".hidden.rubric", "C:/x.rubric", "a\x00.rubric", "notes.txt", ""])
def test_paths_outside_the_workspace_or_not_rubrics_are_refused(client, workspace, path):
    assert client.get("/api/file", params={"path": path}).status_code == 400
    assert post(client, "/api/file", {"path": path, "text": "x", "version": None}).status_code == 400
    assert sorted(os.listdir(workspace.parent)) == ["ws"]


def test_a_link_out_of_the_workspace_is_neither_listed_nor_opened(client, workspace, tmp_path):
    secret = tmp_path / "secret.rubric"
    secret.write_text("细则「机密」\n", encoding="utf-8")
    (workspace / "link.rubric").symlink_to(secret)
    assert "link.rubric" not in client.get("/api/files").json()["files"]
    assert client.get("/api/file", params={"path": "link.rubric"}).status_code == 400


def test_a_body_over_the_limit_is_refused_before_any_work(client):
    big = b"x" * (MAX_UPLOAD + 1)
    response = client.post("/api/score", content=big, headers={"x-csrf-token": CSRF, "content-type": "text/plain"})
    assert response.status_code == 413


def test_save_is_atomic_and_a_file_changed_on_disk_is_not_overwritten(client, workspace):
    opened = client.get("/api/file", params={"path": "yinchuan-fenting.rubric"}).json()
    saved = post(client, "/api/file", {"path": "yinchuan-fenting.rubric", "text": opened["text"] + "# 改\n",
                                       "version": opened["version"]})
    assert saved.status_code == 200
    assert (workspace / "yinchuan-fenting.rubric").read_text(encoding="utf-8").endswith("# 改\n")
    # a save from the version before that one: someone else saved in between
    stale = post(client, "/api/file", {"path": "yinchuan-fenting.rubric", "text": "覆盖", "version": opened["version"]})
    assert stale.status_code == 409 and "没有保存" in stale.json()["error"]
    assert stale.json()["version"] == saved.json()["version"]
    assert (workspace / "yinchuan-fenting.rubric").read_text(encoding="utf-8").endswith("# 改\n")
    # a new file never replaces one that exists
    assert post(client, "/api/new", {"path": "yiliang-2023.rubric", "from": "new"}).status_code == 409
    assert not [name for name in os.listdir(workspace) if name.endswith(".tmp")]


def test_a_new_rubric_from_a_shipped_one(client, workspace):
    made = post(client, "/api/new", {"path": "2024/宜良.rubric", "from": "yiliang-2023"})
    assert made.status_code == 200
    assert (workspace / "2024" / "宜良.rubric").read_text(encoding="utf-8") == \
        (ROOT / "rubrics" / "yiliang-2023.rubric").read_text(encoding="utf-8-sig")
    assert "2024/宜良.rubric" in client.get("/api/files").json()["files"]
    assert post(client, "/api/new", {"path": "x.rubric", "from": "../../etc/passwd"}).status_code == 404


def test_check_and_lint_answers_are_the_language_services(client, workspace):
    path = workspace / "yiliang-2023.rubric"
    text = path.read_text(encoding="utf-8")
    doc = open_file(str(path))
    checked = post(client, "/api/check", {"text": text, "path": "yiliang-2023.rubric"}).json()
    assert checked["ok"] and checked["diagnostics"] == []
    assert "明进暗不进问题数" in checked["names"]
    linted = post(client, "/api/lint", {"text": text, "path": "yiliang-2023.rubric"}).json()
    assert [(d["code"], d["line"], d["message"]) for d in linted["diagnostics"]] == \
        [(p.code, p.diagnostic.to_json()["line"], p.diagnostic.message) for p in doc.problems()]


def test_uploaded_facts_that_are_not_a_spreadsheet_are_reported_not_scored(client, workspace):
    text = (workspace / "yinchuan-fenting.rubric").read_text(encoding="utf-8")
    answer = client.post("/api/score", headers={"x-csrf-token": CSRF},
                         data={"text": text, "path": "yinchuan-fenting.rubric"},
                         files={"facts": ("数据.xlsx", b"PK\x03\x04 not really a workbook", "application/octet-stream")})
    found = answer.json()
    assert answer.status_code == 200 and "key" not in found
    [problem] = found["facts_problems"]
    assert problem["code"] == "GR406" and "数据.xlsx" in problem["message"] and "/tmp" not in problem["message"]


def test_rubric_text_is_never_run(client, workspace):
    # a title and a fact named like code: checked and scored as text, nothing executed or imported
    text = ("细则「__import__('os').system('touch PWNED')」\n"
            "一、【{{7*7}}】(1分)\n  事实「__import__('os')」:是否\n  「__import__('os')」得1分。\n")
    answer = client.post("/api/score", headers={"x-csrf-token": CSRF}, data={"text": text, "path": "x.rubric"},
                         files={"facts": ("f.json", '[{"单位": "甲", "__import__(\'os\')": true}]'.encode(), "application/json")})
    found = answer.json()
    assert found["rankings"][0]["rows"][0]["total"] == "1"
    assert not (workspace / "PWNED").exists() and not (ROOT / "PWNED").exists()
    preview = post(client, "/api/preview", {"text": text, "path": "x.rubric"}).json()["html"]
    assert "{{7*7}}" in preview and "<script" not in preview


def test_scores_are_shown_as_points_are_shown(client):
    # by hand: 甲 2.5 + 0.5 = 3 (Decimal arithmetic says 3.0); the table shows 3 for the item and the total
    text = ("细则「t」\n一、【加】(5分)\n  事实「甲」:是否\n  事实「乙」:是否\n  「甲」得2.5分。\n  「乙」得0.5分。\n")
    answer = client.post("/api/score", headers={"x-csrf-token": CSRF}, data={"text": text, "path": "x.rubric"},
                         files={"facts": ("f.json", '[{"单位": "甲", "甲": true, "乙": true}]'.encode(), "application/json")})
    [row] = answer.json()["rankings"][0]["rows"]
    assert (row["total"], row["scores"]) == ("3", ["3"])


def test_serve_prints_a_token_off_loopback_and_refuses_requests_without_it(workspace):
    import urllib.error
    import urllib.request

    # listening on every address, it wants the token even from this machine; the test talks only to 127.0.0.1
    with running_server(workspace, "--host", "0.0.0.0") as (base, printed):
        address = next(line for line in printed if "token=" in line)
        token = re.search(r"token=([A-Za-z0-9_\-]+)", address).group(1)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base + "/api/files", timeout=30)
        assert refused.value.code == 401
        request = urllib.request.Request(base + "/api/files", headers={"x-govrubric-token": token})
        assert urllib.request.urlopen(request, timeout=30).status == 200


def test_results_carry_grades_and_a_ranking_per_category(client):
    text = ("细则「测试」\n单位类别:「部门」、「街道」\n总分:「考评得分」= 第一项得分\n"
            "「考评得分」5分(含)以上的为「优秀」;5分(不含)以下的为「一般」。\n"
            "一、【办件】(10分)\n  事实「办结数」:个数\n  「办结数」每1个得1分,最高10分。\n")
    facts = ('[{"单位": "甲", "单位类别": "部门", "办结数": 7}, {"单位": "乙", "单位类别": "街道", "办结数": 3},'
             ' {"单位": "丙", "单位类别": "部门", "办结数": 9}]').encode()
    found = client.post("/api/score", headers={"x-csrf-token": CSRF}, data={"text": text, "path": "g.rubric"},
                        files={"facts": ("f.json", facts, "application/json")}).json()
    assert found["graded"] is True
    overall, departments, streets = found["rankings"]
    # 1 point per 办结: 丙 9, 甲 7, 乙 3; 5 or more is 优秀
    assert [(r["rank"], r["unit"], r["total"], r["grade"]) for r in overall["rows"]] == \
        [(1, "丙", "9", "优秀"), (2, "甲", "7", "优秀"), (3, "乙", "3", "一般")]
    assert departments["category"] == "部门" and [r["unit"] for r in departments["rows"]] == ["丙", "甲"]
    assert streets["category"] == "街道" and [(r["rank"], r["unit"]) for r in streets["rows"]] == [(1, "乙")]
    explained = client.get(f"/api/explanation/{found['key']}", params={"unit": "甲"}).json()
    assert explained["total"] == "7" and explained["grade"] == "优秀"
    report = client.get(f"/api/report/{found['key']}", params={"format": "csv"})
    assert report.status_code == 200 and "attachment" in report.headers["content-disposition"]
    assert "等次" in report.content.decode("utf-8-sig").splitlines()[0]


def test_the_report_ranks_within_categories_where_the_rubric_says_so(client):
    text = ("细则「测试」\n单位类别:「部门」、「街道」\n排名:「按单位类别」\n"
            "一、【办件】(10分)\n  事实「办结数」:个数\n  「办结数」每1个得1分,最高10分。\n")
    facts = ('[{"单位": "甲", "单位类别": "部门", "办结数": 7}, {"单位": "乙", "单位类别": "街道", "办结数": 3},'
             ' {"单位": "丙", "单位类别": "部门", "办结数": 9}]').encode()
    found = client.post("/api/score", headers={"x-csrf-token": CSRF}, data={"text": text, "path": "g.rubric"},
                        files={"facts": ("f.json", facts, "application/json")}).json()
    lines = client.get(f"/api/report/{found['key']}", params={"format": "csv"}).content.decode("utf-8-sig").splitlines()
    # 部门: 丙 9 first, 甲 7 second; 街道: 乙 first of one — the categories in the order declared
    assert lines[0].split(",")[0] == "类别内名次"
    assert [line.split(",")[:3] for line in lines[1:]] == [["1", "丙", "部门"], ["2", "甲", "部门"], ["1", "乙", "街道"]]
