"""Running the compiled query (Spark dialect) on Apache Spark: a DataFrame of checked facts, a temporary view
named as the query's table, spark.sql. For a cluster, see docs/sql.md (spark-submit); nothing here starts one."""
from __future__ import annotations

from decimal import Decimal

from .columns import CATEGORY_COLUMN, UNIT_COLUMN
from .duck import cell
from .query import SqlQuery


def schema(query: SqlQuery):
    from pyspark.sql import types as T

    fields = [T.StructField(UNIT_COLUMN, T.StringType(), False), T.StructField(CATEGORY_COLUMN, T.StringType(), True)]
    for column in query.inputs:
        if column.kind == "bool":
            kind = T.BooleanType()
        elif column.kind == "text":
            kind = T.StringType()
        elif column.kind == "list":
            kind = T.ArrayType(T.ArrayType(T.StringType()))
        else:
            precision, scale = column.sql_type(None)[len("DECIMAL("):-1].split(",")
            kind = T.DecimalType(int(precision), int(scale))
        fields.append(T.StructField(column.fact, kind, True))
    return T.StructType(fields)


def facts_frame(spark, query: SqlQuery, units):
    """A DataFrame of checked units — (name, category, values) — with the query's input columns."""
    rows = []
    for name, category, values in units:
        row = [name, category]
        for column in query.inputs:
            value = cell(column, values.get(column.fact))
            if isinstance(value, Decimal) and column.kind == "number":
                value = value.quantize(Decimal(1).scaleb(-column.scale))
            row.append(value)
        rows.append(row)
    return spark.createDataFrame(rows, schema(query))


def run(spark, query: SqlQuery, frame) -> list[dict]:
    frame.createOrReplaceTempView(query.table)
    return [row.asDict() for row in spark.sql(query.sql).collect()]
