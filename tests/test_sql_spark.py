"""The compiled query (Spark dialect) on Apache Spark in local mode scores the shipped rubrics exactly as the
Decimal scorer does: every item, the total and the grade, cohort values (ranks, lowest, averages) included.
One SparkSession for the whole test session, a few units per rubric: Spark starts slowly."""
from __future__ import annotations

import random
import shutil

import pytest
from sql_helpers import checked_units, decimal_outcome, sql_scores
from strategies import random_rows

import govrubric
from govrubric.sql import compile_query

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None:  # .ci/run installs it; without it Spark cannot start
    pytest.skip("java is not installed", allow_module_level=True)


@pytest.fixture(scope="session")
def spark():
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[1]").appName("govrubric-tests")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1")
               .config("spark.driver.memory", "1g").config("spark.sql.ansi.enabled", "true")
               # A few queries in a short-lived JVM: the optimising JIT (C2) spent more CPU compiling Spark's
               # analyzer than the analyzer spent running (JVM CPU for 宜良 + 拱墅 83 s → 55 s without it)
               .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.mark.parametrize("name", ["yiliang-2023", "gongshu-2021", "yinchuan-fenting"])
def test_shipped_rubrics_score_alike_on_spark(spark, name):
    from govrubric.sql.spark import facts_frame, run

    rubric = govrubric.load(f"rubrics/{name}.rubric")
    rows = random_rows(rubric.model, random.Random(name), 8)
    query = compile_query(rubric.model, dialect="spark", line_of=rubric.line_of)
    frame = facts_frame(spark, query, checked_units(rubric, rows))
    assert ("scores", sql_scores(run(spark, query, frame), query)) == decimal_outcome(rubric, rows)
