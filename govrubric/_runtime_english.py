"""English explanation lines for compiled scorers and the interpreter alike: _ENGLISH maps each Chinese template
said through _runtime._say to its English, with the same {fields}. codegen copies everything below this docstring,
verbatim, into every scorer after _runtime.py, so a compiled scorer speaks English with nothing but the standard
library (set_language("en")); govrubric's interpreter reads _ENGLISH from here (evaluate.speak).

Rubric text stays as written inside an English line: names keep their 「」, clause and condition wording is quoted
as published. tests/test_explanation_english.py lists every template that lacks its English, with the entry to add.
"""


def set_language(lang):
    """The language of explanation lines from now on: "zh" (the default) or "en" (rubric text stays as written).
    For the compiled scorer; govrubric's interpreter follows --lang (evaluate.speak)."""
    if lang not in ("zh", "en"):
        raise ValueError('set_language: "zh" or "en", not ' + repr(lang))
    _speak(_ENGLISH if lang == "en" else None)


_ENGLISH = {
    # how an item is scored: its base (evaluate.node_score, codegen/items.py)
    "从满分扣减,基础分{base}分({reason})": "deducted from full marks: starts at {base} points ({reason})",
    "从0计分({reason})": "scored from 0 ({reason})",
    "写明": "as written",
    "命令行指定": "given on the command line",
    "有下级指标:从下级得分相加": "has sub-items: their scores added up",
    "无评分规则:由考核人员打分": "no scoring rule: scored by the assessors",
    "无评分规则:得满分": "no scoring rule: full marks",
    "没有分值:从0计": "no points given: from 0",
    "推断:本项在「得满分」成立时得满分,否则从0计": "inferred: full marks when 「得满分」 holds, otherwise from 0",
    "推断:本项有得分/加分条款,从0计": "inferred: the item has clauses that award or add points, so from 0",
    "推断:得本项分值的一档与扣分说的是同一件事,是扣分的起点,从满分扣减":
        "inferred: the tier that gives the item's points says what the deductions say, so it is where they start: "
        "from full marks",
    "推断:原文写明了得本项分值的一条不成立时怎样扣分(或何时免于不得分),这个分值是起点,从满分扣减":
        "inferred: the rubric says what is deducted (or when 不得分 is waived) where the clause giving the item's "
        "points does not hold, so those points are where it starts: from full marks",
    "推断:本项只有扣分/否决条款,从满分扣减": "inferred: the item has only deducting or veto clauses, so from full marks",
    "推断:本项的得分是按个数另加的,与扣分并列,从满分扣减":
        "inferred: the item's awards are added per count beside its deductions, so from full marks",
    "推断:本项只有扣分和加分条款(加分不是得分),从满分扣减":
        "inferred: the item has only deducting and bonus clauses (a bonus is no award), so from full marks",
    "{path} 得{score}分": "{path} scores {score} points",
    "{path} 得{score}分,其中加分{bonus}分不受上级分值限制":
        "{path} scores {score} points, of which a bonus of {bonus} points is not limited by this item's points",
    "基础分取{base}分": "the base becomes {base} points",
    "按满分计,基础分{base}分": "counted as full marks: base {base} points",
    # bounds, bonuses, vetoes (evaluate.node_score, codegen/items.py)
    "{cap}:{before} → {after}": "{cap}: {before} → {after}",
    "得分限于[{low}, {high}]:{before} → {after}": "score kept within [{low}, {high}]: {before} → {after}",
    "不设": "none",
    "{rule}:各条扣分 {each},只计扣分最多的一项:{worst}分":
        "{rule}: the clauses deduct {each}; only the largest counts: {worst} points",
    "加分合计{total}分,最多加{limit}分(累计加减分:分别限制)":
        "bonuses add up to {total} points; at most {limit} points are added (累计加减分:分别限制)",
    "扣分合计{total}分,最多扣{limit}分(累计加减分:分别限制)":
        "deductions add up to {total} points; at most {limit} points are deducted (累计加减分:分别限制)",
    "加分{bonus}分不计:本项被否决": "bonus of {bonus} points not counted: the item is vetoed",
    "加分计入{total}:{bonus}分,不计入本项": "bonus added to {total}: {bonus} points, not to this item",
    "加分不受本项分值限制:{score} {bonus} = {sum}": "bonuses beyond the item's points: {score} {bonus} = {sum}",
    "下级加分不受本项分值限制:{score} {bonus} = {sum}":
        "sub-items' bonuses beyond this item's points: {score} {bonus} = {sum}",
    "否决生效:本项不得分,已扣的分照扣:{score}分":
        "veto: the item earns nothing, and what was deducted stays deducted: {score} points",
    "否决生效:本项得0分(原为{score}分)": "veto: the item scores 0 points (was {score} points)",
    "倒扣{below}分:本项得{score}分": "{below} points taken below zero (倒扣): the item scores {score} points",
    "追加扣除{spill}分:不计入本项,从{total}中扣除": "{spill} more points deducted (追加扣除): off {total}, not off this item",
    "{label}「{fact}」已在{path}中扣分,不重复扣分:本条不计分":
        "{label}「{fact}」 is already deducted in {path}, not deducted twice: this clause scores nothing",
    "本项不适用于「{category}」类单位;上级由适用于「{category}」类单位的下级组成,本项不计分":
        "this item does not apply to category 「{category}」: the parent is made of the sub-items that apply to "
        "「{category}」, so this one scores nothing",
    "本项不适用于「{category}」类单位,按满分计:{score}分":
        "this item does not apply to category 「{category}」; counted as full marks: {score} points",
    "本项不适用于「{category}」类单位,不计分": "this item does not apply to category 「{category}」; it scores nothing",
    "(总分按比例折算)": " (the total is scaled in proportion)",
    "(细则未写明不适用项怎样计,采用默认口径)":
        " (the rubric does not say how items that do not apply count: the default reading)",
    # clauses (evaluate.rule … respective, codegen/rules.py)
    "{label}例外{exception}:{why},本条不计分": "{label}exception {exception}: {why}; this clause scores nothing",
    "{label}{exception}:{why},本句不得分": "{label}{exception}: {why}; this sentence scores nothing",
    "其余情形": "otherwise",
    "其余情形(「{words}」:前面的条件都不成立)": "otherwise (「{words}」: none of the conditions before it holds)",
    "{outcome}(否决)": "{outcome} (veto)",
    "{why} → {reads},{times}种情形各计一次:{effect}分": "{why} → {reads}, once for each of {times} cases: {effect} points",
    "{why} → {reads},{times}种情形各计一次:{effect}分(并列情形:各自计分)":
        "{why} → {reads}, once for each of {times} cases: {effect} points (并列情形:各自计分)",
    "「{fact}」= {count},已按条扣分,不再因同一事件失去本条得分(同一事件:不重复扣分)":
        "「{fact}」= {count}: already deducted clause by clause, so the same events do not also lose this clause's "
        "points (同一事件:不重复扣分)",
    "{why}:没有适用的档次,本条不计分": "{why}: no tier applies, this clause scores nothing",
    "{why}:条件不成立,本条不计分": "{why}: the condition does not hold, this clause scores nothing",
    "{why}:本条不计分": "{why}: this clause scores nothing",
    "{outcome}:{formula},不适用": "{outcome}: {formula}, does not apply",
    "{outcome}:「{fact}」未填,不适用": "{outcome}: 「{fact}」 not filled in, does not apply",
    "{outcome}:「{fact}」= {value}%,{points}分 × {value}% = {share}分":
        "{outcome}: 「{fact}」= {value}%, {points} points × {value}% = {share} points",
    "{outcome}:「{fact}」= {value}分": "{outcome}: 「{fact}」= {value} points",
    ",{adjust} = {value}分": ", {adjust} = {value} points",
    "{outcome}:「{fact}」视情给出{amounts}分({effect})":
        "{outcome}: 「{fact}」 given at discretion (视情): {amounts} points ({effect})",
    "{label}「{fact}」视情给出:{amounts};{per},合计 {effect}分":
        "{label}「{fact}」 given at discretion (视情): {amounts}; {per}, in all {effect} points",
    "{label}「{fact}」= {count}{unit}:{each}{per} × {times} = {effect}分":
        "{label}「{fact}」= {count}{unit}: {each}{per} × {times} = {effect} points",
    "(每{per}{unit}计1次)": " (every {per}{unit} counts once)",
    "{label}「{fact}」= {count}{unit}:{outcome}(否决)": "{label}「{fact}」= {count}{unit}: {outcome} (veto)",
    # a clause judged for each value of a fact given per event or per period (evaluate.each / every, codegen/rules.py)
    "{label}「{fact}」未填,本条不计分": "{label}「{fact}」 not filled in, this clause scores nothing",
    "{label}逐{per}计分(共{count}{unit}):「{fact}」= {values}":
        "{label}each {per} scored on its own ({count}{unit} in all): 「{fact}」= {values}",
    "{word}:{text}": "{word}: {text}",
    "{word}:{cap}:{before} → {after}": "{word}: {cap}: {before} → {after}",
    "{label}{count}{unit}中{counted}{unit}计分,合计 {effect}分":
        "{label}{counted} of {count}{unit} scored, in all {effect} points",
    "第{k}{per}": "{per} no. {k}",
    "第一季度": "Q1",
    "第二季度": "Q2",
    "第三季度": "Q3",
    "第四季度": "Q4",
    "1月": "January",
    "2月": "February",
    "3月": "March",
    "4月": "April",
    "5月": "May",
    "6月": "June",
    "7月": "July",
    "8月": "August",
    "9月": "September",
    "10月": "October",
    "11月": "November",
    "12月": "December",
    "「{fact}」= {values},每{per}都符合{condition}({meaning})":
        "「{fact}」= {values}, every {per} meets {condition} ({meaning})",
    "「{fact}」= {values},{failing}不符合{condition}({meaning})":
        "「{fact}」= {values}, not met in {failing}: {condition} ({meaning})",
    "、": ", ",
    # 未开或少开的,按次扣1-3分: the assessors' amount for each one short (evaluate.per_step, codegen/rules.py)
    "{why};差{gap}{unit},按次{outcome}:「{fact}」= {amounts},合计 {effect}分":
        "{why}; short by {gap}{unit}, {outcome} for each one short (按次): 「{fact}」= {amounts}, in all {effect} points",
    # phrases the checker words into the model (i18n.said), said when a line quotes them
    "{outcome},连同「{condition}」的扣{prior}分共扣{total}分":
        "{outcome}, which with the {prior} points of 「{condition}」 deducts {total} points in all",
    "{word}(每{per}{measure}{outcome}的两倍:每{per}{measure}扣{each}分)":
        "{word} (twice {outcome} per {per}{measure}: {each} points deducted per {per}{measure})",
    "{cap}(第{point}点{count}句合计)": "{cap} (the {count} sentences of point {point} together)",
    "{cap}(这一句{count}条合计)": "{cap} (the {count} clauses of this sentence together)",
    "{cap}(前面{count}条加分合计)": "{cap} (the {count} bonus clauses before it together)",
    "得{amount}分是本句扣分的起点": "{amount} points, where this sentence's deductions start",
    "另写的扣分扣到了没有做到的情形,得{amount}分是扣分的起点":
        "the deductions written apart for the thing not done apply, so the {amount} points are where they start",
    "「{count}」为0与另一句按它扣分是同一件事的两面,得{amount}分是扣分的起点":
        "「{count}」 being 0 and the deductions per 「{count}」 in another sentence are two sides of one matter, "
        "so the {amount} points are where those deductions start",
    "{outcome},从这一点的{points}分扣起": "{outcome}, taken from this point's {points} points",
    "扣完这一点的{points}分为止": "until this point's {points} points are used up",
    "扣完这一句的{points}分为止": "until this sentence's {points} points are used up",
    "按比例计": "in proportion",
    "(分段累进:本档只计{start}至{end}这一段)": " (in stretches: this tier counts only from {start} to {end})",
    "不足一步的部分不计": "a part of a step is not counted",
    "不足一步的部分四舍五入": "a part of a step is rounded half up",
    "不足一步按一步计": "a part of a step counts as a step",
    "{why};差{gap}{unit},每{step}{unit}{outcome}({how}):{steps} × {each} = {effect}分{note}":
        "{why}; short by {gap}{unit}, {outcome} per {step}{unit} ({how}): {steps} × {each} = {effect} points{note}",
    "{label}「{fact}」= {count}次:{detail};合计 {effect}分": "{label}「{fact}」= {count} time(s): {detail}; in all {effect} points",
    "第{k}次:{reads}": "occurrence {k}: {reads}",
    "第{first}次至第{last}次共{times}次,每次:{reads}": "occurrences {first} to {last} ({times} in all), each: {reads}",
    "第{first}次至第{last}次共{times}次:{reads}": "occurrences {first} to {last} ({times} in all): {reads}",
    ",小计 {subtotal}分": ", subtotal {subtotal} points",
    "无规定": "nothing written for it",
    "没有发生": "none happened",
    ";": "; ",
    "得": "award",
    "加": "add",
    "扣": "deduct",
    "以此类推,{word}{amount}分({signed})": "and so on (以此类推): {word} {amount} points ({signed})",
    "第{first}次至第{last}次共{times}次,以此类推,{word}{low}分至{word}{high}分,小计 {subtotal}分":
        "occurrences {first} to {last} ({times} in all), and so on (以此类推): {word} {low} points up to {word} "
        "{high} points, subtotal {subtotal} points",
    "加倍,{word}{amount}分({signed})": "doubled: {word} {amount} points ({signed})",
    "已达本条上限{cap}分,不再加倍计": "the clause's limit of {cap} points is reached, no more doubling",
    "{label}「{fact}」= {value}:{detail};合计 {effect}分": "{label}「{fact}」= {value}: {detail}; in all {effect} points",
    "第{rank}名 → {outcome}": "rank {rank} → {outcome}",
    "(同一事项取最高分)": " (the highest for one matter)",
    "(同一事项按最重的扣分)": " (the heaviest deduction for one matter)",
    "不在所列之中": "not among those listed",
    "{relation} {at}分": "{relation} {at} points",
    "{label}本项已扣{taken}分": "{label}the item has lost {taken} points",
    # conditions and values (evaluate.test / describe / show_value, codegen/conditions.py)
    ",符合{condition}({meaning})": ", meets {condition} ({meaning})",
    ",不符合{condition}({meaning})": ", does not meet {condition} ({meaning})",
    ",{condition}成立": ", {condition} holds",
    ",{condition}不成立": ", {condition} does not hold",
    "(条件不成立)": " (the condition does not hold)",
    " 且 ": " and ",
    " 或 ": " or ",
    "未填": "not filled in",
    "是": "yes",
    "否": "no",
    "无": "none",
    "{value}名": "rank {value}",
    "{value}天": "{value} day(s)",
    "{value}个月": "{value} month(s)",
    "{value}分": "{value} points",
    "除数为0,无法计算": "the divisor is 0, cannot be computed",
    ",{points}分 × {value}": ", {points} points × {value}",
    " = {base}分": " = {base} points",
    "(保留两位小数,四舍五入)": " (to two decimal places, rounded half up)",
    "(保留{places}位小数,四舍五入)": " (to {places} decimal places, rounded half up)",
    # the total and the grade (evaluate.run / grade, codegen/total.py, spill.py)
    "{total} = 各项得分之和 = {value}": "{total} = the sum of the items' scores = {value}",
    "{rule}{reading}:{before} → {after}": "{rule}{reading}: {before} → {after}",
    "不适用项按比例折算:{total} × {possible} ÷ {applied} = {scaled}(保留两位小数,四舍五入)":
        "scaled for the items that do not apply: {total} × {possible} ÷ {applied} = {scaled} "
        "(to two decimal places, rounded half up)",
    "{path} {amount}分": "{path} {amount} points",
    ",共{amount}分": ", {amount} points in all",
    "追加扣除(从{total}中扣除):{parts}{many}:{before} → {after}":
        "further deductions (off {total}): {parts}{many}: {before} → {after}",
    "加分项(计入{total}):{parts}{many}:{before} → {after}": "bonuses (added to {total}): {parts}{many}: {before} → {after}",
    "等次:{why} → {grade}": "grade: {why} → {grade}",
    "等次:「{total}」= {value}分,没有适用的等次,不评等次":
        "grade: 「{total}」= {value} points; no grade rule applies, so no grade",
    "「{total}」= {value}分": "「{total}」= {value} points",
    "等次:{why} → {rule},等次{grade}不变": "grade: {why} → {rule}; the grade stays {grade}",
    "等次:{why} → {rule}:{before} → {after}": "grade: {why} → {rule}: {before} → {after}",
    "不评等次": "no grade",
    "({outcome},一票否决:定为不合格)": " ({outcome}: a veto (一票否决) sets the grade to 不合格)",
    # values computed over the cohort (cohort.py, _runtime_cohort.py)
    "{count}个单位": "{count} unit(s)",
    "没有单位": "no unit",
    ",与{count}个单位并列": ", tied with {count} unit(s)",
    "「{fact}」= 第{rank}名({how};在{scope}中{tie};并列者名次相同,其后名次顺延)":
        "「{fact}」= rank {rank} ({how}; among {scope}{tie}; tied units share a rank, the ranks after them move down)",
    "「{fact}」:本单位不参与此排名({how})": "「{fact}」: this unit is not ranked ({how})",
    "{how}:没有符合条件的单位,此值为空,用到它的条款不计分":
        "{how}: no unit qualifies, so the value is empty and the clauses that use it score nothing",
    "{how}:在{scope}中为{value}": "{how}: {value} among {scope}",
    "空": "empty",
}
