"""`govrubric new`: a starting rubric that checks clean, is already formatted and shows every construct."""
from click.testing import CliRunner

import govrubric
from govrubric.cli import main
from govrubric.fmt import format_text
from govrubric.starter import STARTER


def test_starter_passes_check_and_is_formatted():
    loaded = govrubric.loads(STARTER, "新细则.rubric")
    assert loaded.ok, [d.render() for d in loaded.check()]
    assert format_text(STARTER).text == STARTER


def test_starter_shows_every_construct():
    loaded = govrubric.loads(STARTER, "新细则.rubric")
    model = loaded.model
    styles = set()

    def walk(items):
        for item in items:
            styles.add(item.head.style)
            walk(item.children)

    walk(loaded.tree.items)
    assert styles == {"cn", "arabic", "arabic_paren", "circled", "heading", "anon"}
    kinds = {f.kind for f in model.facts.values()}
    assert kinds == {"bool", "count", "percent", "rank", "months", "score", "discretionary", "choice", "list"}
    rules = {type(r).__name__ for n in model.nodes() for r in n.rules}
    assert rules == {"Tiered", "PerCount", "PerStep", "Escalation", "Respective"}
    assert model.formula is not None and model.final is not None and model.not_applicable_explicit
    for words in ("依次", "分别", "视情扣", "扣完3分为止", "扣完为止。", "可扣至负分", "(可空)", "理由", "适用",
                  "按「评价得分」计分", "得满分", "从高到低排名", " 且 ", "/", "(累计不超过5分)"):
        assert words in STARTER, words


def test_cli_new(tmp_path):
    runner = CliRunner()
    printed = runner.invoke(main, ["new"])
    assert printed.exit_code == 0 and printed.stdout == STARTER
    path = tmp_path / "细则.rubric"
    written = runner.invoke(main, ["new", str(path)])
    assert written.exit_code == 0 and path.read_text(encoding="utf-8") == STARTER
    checked = runner.invoke(main, ["check", str(path)])
    assert checked.exit_code == 0, checked.output
    path.write_text("已写好的细则", encoding="utf-8")
    refused = runner.invoke(main, ["new", str(path)])
    assert refused.exit_code == 1 and "GR503" in refused.output
    assert path.read_text(encoding="utf-8") == "已写好的细则"
    forced = runner.invoke(main, ["new", str(path), "--force"])
    assert forced.exit_code == 0 and path.read_text(encoding="utf-8") == STARTER
