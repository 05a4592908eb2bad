"""The runtime of compiled scorers, continued: scoring units together, with the values computed over
them (排名, 最低值, 最高值, 平均值), as govrubric's cohort.py does. Copied verbatim into every scorer
after _runtime.py; the generated COHORTS table says how each value is computed.
"""
from bisect import bisect_left, bisect_right


def score_cohort(rows, explain=False):
    """Score the units of a batch together: values computed over the cohort are computed first, then
    each unit is scored (again once a value it reads is computed). Returns, in the order given, each
    unit's score() Scores, or its explain() tree when explain is true. Raises FactsError listing every
    problem: the facts of every unit, units given twice, cohort values given, values that wait on themselves."""
    units, problems, seen = [], [], set()
    for index, row in enumerate(rows, 1):
        if not isinstance(row, Mapping):
            problems.append(_problem("GR406", "无法读取事实:第" + str(index) + "个单位应是一组「事实名: 值」"))
            continue
        name = _unit_name(row) or "第" + str(index) + "个单位"
        if name in seen:
            problems.append(_problem("GR404", "单位「" + name + "」重复出现"))
        seen.add(name)
        values, category, unit_problems = _validate(row, name)
        problems += unit_problems
        units.append((name, category, values))
    if problems:
        raise FactsError(problems)
    given = [_problem("GR421", "单位「" + name + "」填写了「" + fact + "」,但它由全体单位计算得出,不应填写")
             for name, _, values in units for fact in COHORT_FACTS if values.get(fact) is not None]
    if given:
        raise FactsError(given)
    values = {name: dict(given_values) for name, _, given_values in units}
    explained = {name: [] for name, _, _ in units} if explain else None
    for cohort in COHORTS:
        if cohort["source"] == "fact":
            members = [u for u in units if _member(cohort, u, values[u[0]])]
            _compute(cohort, units, values, explained, members, lambda name: values[name].get(cohort["fact"]))
    over_scores = [c for c in COHORTS if c["source"] != "fact"]
    waiting = {c["name"] for c in over_scores}
    runs, pending = {}, units
    while True:
        for name, category, _ in pending:
            runs[name] = run = _Run(category, explain, waiting)
            _run(values[name], run)
        progress = False
        for cohort in over_scores:
            if cohort["name"] not in waiting:
                continue
            members = [u for u in units if _member(cohort, u, values[u[0]])]
            if any(_not_final(runs[u[0]].tainted, cohort) for u in members):
                continue
            _compute(cohort, units, values, explained, members, lambda name: _score_of(runs[name], cohort))
            waiting.discard(cohort["name"])
            progress = True
        pending = [u for u in units if runs[u[0]].tainted]
        if not pending:
            break
        if not progress:
            stuck = sorted(waiting)[0]
            raise FactsError([_problem("GR422", "无法计算「" + stuck + "」:参与计算的单位中有单位的这一得分本身要用到它:"
                                       + "、".join(u[0] for u in pending))])
    results = []
    for name, _, _ in units:
        run = runs[name]
        if explain:
            results.append(run.explained(name, explained[name]))
        else:
            results.append(run.finished_scores())
    return results


def _member(cohort, unit, values):
    if cohort["categories"] is not None and unit[1] not in cohort["categories"]:
        return False
    return cohort["scope"] is None or cohort["scope"](values)


def _not_final(tainted, cohort):
    return bool(tainted) if cohort["source"] == "total" else cohort["node"] in tainted


def _score_of(run, cohort):
    return run.total if cohort["source"] == "total" else run.sources.get(cohort["node"])


def _compute(cohort, units, values, explained, members, value_of):
    """One value over the cohort, for every unit, with the line that explains it."""
    name, text = cohort["name"], cohort["text"]
    measured = [(u[0], value_of(u[0])) for u in members]
    measured = [(unit, value) for unit, value in measured if value is not None]
    scope = _say("{count}个单位", count=len(measured)) if measured else _say("没有单位")
    if cohort["kind"] == "rank":
        ordered = sorted(value for _, value in measured)  # then a binary search per unit
        own_values = dict(measured)
        for unit, _, _ in units:
            own = own_values.get(unit)
            if own is None:
                values[unit][name] = None
                if explained is not None:
                    explained[unit].append(_line(_say("「{fact}」:本单位不参与此排名({how})", fact=name, how=text)))
                continue
            below, above = bisect_left(ordered, own), len(ordered) - bisect_right(ordered, own)
            tied = len(ordered) - below - above - 1
            rank = Decimal((above if cohort["descending"] else below) + 1)
            values[unit][name] = rank
            if explained is None:
                continue
            tie = _say(",与{count}个单位并列", count=tied) if tied else ""
            explained[unit].append(_line(_say("「{fact}」= 第{rank}名({how};在{scope}中{tie};并列者名次相同,其后名次顺延)",
                                              fact=name, rank=_fmt(rank), how=text, scope=scope, tie=tie), rank))
        return
    numbers = [value for _, value in measured]
    if not numbers:
        value = None
    elif cohort["kind"] == "min":
        value = min(numbers)
    elif cohort["kind"] == "max":
        value = max(numbers)
    else:  # the average, to two places, half up
        exact = sum(numbers, Decimal(0)) / len(numbers)
        value = exact.quantize(Decimal("0.01"), ROUND_HALF_UP).normalize()  # 9.5, not 9.50: as cohort.py
    for unit, _, _ in units:
        values[unit][name] = value
    if explained is None:  # scores only: the line below names every unit's number
        return
    if not numbers:
        how = _say("{how}:没有符合条件的单位,此值为空,用到它的条款不计分", how=text)
    elif cohort["kind"] in ("min", "max"):
        how = _say("{how}:在{scope}中为{value}", how=text, scope=scope, value=_fmt(value))
    else:
        rounded = "" if value == exact else _say("(保留两位小数,四舍五入)")
        how = (text + ":(" + " + ".join(_fmt(n) for n in numbers) + ") ÷ " + str(len(numbers)) + " = " + _fmt(value)
               + rounded)
    line = _line("「" + name + "」= " + (_say("空") if value is None else _fmt(value)) + "(" + how + ")", value)
    for unit, _, _ in units:  # one line shared by every unit: a line each would grow with the square of the cohort
        explained[unit].append(line)
