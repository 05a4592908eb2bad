"""Pieces → tree: nests items by numbering style, attaches clauses, tiers and limits.

After build_tree, every clause belongs to an item (or, before the first item, to the
rules on the total), every tier to the clause it continues, and every limit to the clause
it follows with a comma (「…扣0.2分,扣完1分为止」) or else to its item (「…。扣完为止。」).

Items nest by numbering, except that an unnumbered head (○, 【】) takes its level from indentation where the file
indents heads (【乙】 written deeper than 【甲】 is its row, not its sibling); a line that is not an item head belongs
to the innermost open item,
unless indentation says otherwise (docs/language.md §4): written back at the column of an outer item's
own lines, below a sub-item (「○(3分)」 …), it belongs to that outer item, as the page shows it.
"""
from __future__ import annotations

import attrs

from . import ast
from .diagnostics import WARNING, Diagnostics
from .numerals import format_decimal
from .source import display_width

# Limits that follow a clause after one of these stay with the clause; after 。 or ; they
# belong to the whole item.
_CLAUSE_JOINERS = (",", "\uff0c", None)  # , and full-width ，


@attrs.define
class _ItemDraft:
    head: ast.ItemHead
    head_column: int | None = None  # display column of the head, when it starts its line
    body_column: int | None = None  # display column of the first line inside the item (a sub-item's head or not)
    meta: list = attrs.Factory(list)
    notes: list = attrs.Factory(list)
    settings: list = attrs.Factory(list)
    facts: list = attrs.Factory(list)
    clauses: list = attrs.Factory(list)
    limits: list = attrs.Factory(list)
    children: list = attrs.Factory(list)
    end: int = 0

    def freeze(self) -> ast.Item:
        children = tuple(child.freeze() for child in self.children)
        end = max([self.end, self.head.span.end] + [c.span.end for c in children])
        return ast.Item(self.head, tuple(self.meta), tuple(self.notes), tuple(self.settings),
                        tuple(self.facts), tuple(_freeze_clause(c) for c in self.clauses),
                        tuple(self.limits), children, ast.Span(self.head.span.start, end))


@attrs.define
class _ClauseDraft:
    first: ast.ClausePiece
    joined: bool = False  # after a ;
    after_comma: bool = False  # after a , (……得10分,按实际情况评分)
    tiers: list = attrs.Factory(list)
    limits: list = attrs.Factory(list)
    exemptions: list = attrs.Factory(list)
    basis: list = attrs.Factory(list)
    end: int = 0


def _freeze_clause(draft: _ClauseDraft) -> ast.Clause:
    first = ast.Tier(draft.first.cond, draft.first.body, draft.first.span)
    span = ast.Span(draft.first.span.start, max(draft.end, draft.first.span.end))
    return ast.Clause(draft.first.label, (first, *draft.tiers), tuple(draft.limits), span, tuple(draft.exemptions),
                      joined=draft.joined, each=draft.first.each, lead=draft.first.lead, after_comma=draft.after_comma,
                      basis=tuple(draft.basis), among=draft.first.among, bracketed=draft.first.bracketed,
                      also=draft.first.also)


def _next_category(draft: _ClauseDraft | None, piece: ast.ClausePiece, sep: str | None, header: list) -> bool:
    """「…的,「一类地区」得5分,「二类地区」得3分」: after a comma, a declared category and a result continue the list of
    the clause before it (the parser reads 「二类地区」得3分 as a clause of its own)."""
    if draft is None or sep not in (",", "，") or piece.label is not None or not isinstance(piece.body, ast.Outcome):
        return False
    last = draft.tiers[-1].body if draft.tiers else draft.first.body
    cond = piece.cond
    if not (isinstance(last, ast.ForCategory) and isinstance(cond, ast.CondTrue) and cond.after is None
            and cond.operand.expr is None and len(cond.operand.names) == 1):
        return False
    declared = {n.text for h in header if h.key == "单位类别" for n in h.names}
    return cond.operand.names[0].text in declared


def _tier_from_piece(piece: ast.TierPiece) -> ast.Tier:
    if piece.form == "more":
        # A bare comparison continues the subject of the clause it belongs to; the checker
        # supplies that subject. Keep the comparison in a CondCompare with an empty operand.
        cond = ast.CondCompare(ast.Operand((), piece.span), piece.comparison, piece.comparison.span)
        return ast.Tier(cond, piece.body, piece.span)
    if piece.form == "ordinal":
        body = ast.Escalate(piece.ordinal, piece.body, piece.span)
        return ast.Tier(None, body, piece.span)
    return ast.Tier(piece.cond, piece.body, piece.span, negated=piece.negated, separator=piece.separator)


def _line_column(text: str | None, offset: int) -> int | None:
    """The display column where a piece starts, when nothing but white space stands before it on its line."""
    if text is None:
        return None
    line_start = text.rfind("\n", 0, offset) + 1
    before = text[line_start:offset]
    if before.strip():
        return None
    return len(before) if before.isascii() and "\t" not in before else display_width(before)  # spaces: one each


def _item_name(head: ast.ItemHead) -> str:
    """How the item is written: 「○(3分)」, 「1.【推进会】」."""
    points = f"({format_decimal(head.points)}分)" if head.points is not None else ""
    title = f"【{head.title}】" if head.title is not None else ""
    return (head.label or ("○" if head.style == "anon" else "")) + title + (points if not title or not head.label else "")


def _by_indentation(stack: list[_ItemDraft], column: int | None, piece, diags: Diagnostics) -> list[_ItemDraft]:
    """The open items a line-starting piece leaves: those it is written outside of, by indentation.

    The piece stays in the innermost item I when I has no line yet, or when it is indented deeper than
    I's head or at least as deep as I's first line. Written back at the column of an outer item A's own
    lines (and deeper than A's head), it belongs to A. When it is outside I by indentation but matches no
    outer item, indentation and numbering disagree: it stays in I, with a warning (GR230)."""
    if column is None or not stack:
        return []
    inner = stack[-1]
    if inner.body_column is None:
        inner.body_column = column
        if inner.head_column is not None and column <= inner.head_column and _outer_at(stack, column) is not None:
            _disagree(inner, _outer_at(stack, column), piece, diags)
        return []
    if column >= inner.body_column or inner.head_column is None or column > inner.head_column:
        return []
    outer = _outer_at(stack, column)
    if outer is None:
        _disagree(inner, None, piece, diags)
        return []
    return stack[stack.index(outer) + 1:]


def _outer_at(stack: list[_ItemDraft], column: int) -> _ItemDraft | None:
    for draft in reversed(stack[:-1]):
        if draft.body_column == column and draft.head_column is not None and draft.head_column < column:
            return draft
    return None


def _disagree(inner: _ItemDraft, outer: _ItemDraft | None, piece, diags: Diagnostics) -> None:
    name = _item_name(inner.head)
    if outer is not None:
        outer_name = _item_name(outer.head)
        where = f"这一行与分项「{name}」的标题对齐,看起来属于「{outer_name}」,却写在「{name}」之下"
        fix = f"属于「{name}」的,请比「{name}」的标题缩进更深;属于「{outer_name}」的,请写在「{name}」之前"
    else:
        where = f"这一行比「{name}」的标题缩进还少,又不与任何上级指标的内容对齐"
        fix = f"属于「{name}」的,请与「{name}」的内容对齐;属于上级指标的,请与上级指标的内容对齐"
    diags.error("GR230", piece.span, severity=WARNING, name=name, detail=where, help=fix)


def _numbered_alike(stack: list[_ItemDraft], roots: list[_ItemDraft], head: ast.ItemHead) -> bool:
    """Whether returning to the level of the open item with the head's style would give that level two items
    numbered alike (GR203): 「2【城镇建设】」 and, written inside it, 「2【环境卫生】」."""
    index = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].head.style == head.style), None)
    if index is None or head.style in ("heading", "anon"):
        return False
    siblings = stack[index - 1].children if index else roots
    return any(d.head.style == head.style and d.head.number == head.number for d in siblings)


def _unnumbered_beside(stack: list[_ItemDraft], column: int | None, head: ast.ItemHead, diags: Diagnostics) -> int:
    """How many open items an unnumbered head (○, 【】) written outside the innermost one by indentation leaves.

    Its numbering says nothing of its level (a new style nests under the innermost item), so where the file
    indents heads by level, the column decides: a ○ written in the column of the items 1. and 2. (their parent's
    first line) is their sibling, not a sub-item of 2. Written outside the innermost item but in no parent's column,
    indentation and numbering disagree: it stays under the innermost item, with a warning (GR230)."""
    if head.label or column is None or not stack:
        return 0
    inner = stack[-1]
    if inner.head_column is None or column > inner.head_column:
        return 0
    for depth, draft in enumerate(reversed(stack[:-1]), start=1):
        if draft.head_column is not None and draft.head_column < column:
            if draft.body_column == column:
                return depth
            break
    if inner.head_column == column and all(d.head_column in (None, column) for d in stack):
        return 0  # every head in one column (拱墅): numbering alone decides
    name = _item_name(inner.head)
    diags.error("GR230", head.span, severity=WARNING, name=name,
                detail=f"这个不带编号的标题比「{name}」的标题缩进得少或与它同列,却对不上任何上级指标的内容列",
                help=f"作为「{name}」的下级,请比「{name}」的标题缩进更深;与它并列,请与它的标题对齐")
    return 0


def _unnumbered_level(stack: list[_ItemDraft], column: int | None, head: ast.ItemHead) -> int | None:
    """How many open items stay open before an unnumbered head (○, 【】) whose style numbering would return to.

    Numbering returns a style used above to the level of its innermost open item, so 【乙】 after 【甲】 would be
    【甲】's sibling; but an unnumbered head takes its level from indentation (docs/language.md §4) where the file
    indents heads by level: written in the column of an open item of its style, it is that item's sibling (【火化率】
    back in the column of 【组织领导】, after 【组织领导】's indented 【甲】 and 【乙】); otherwise written deeper than the
    head of an item numbering would close, it is inside the innermost item whose head stands to its left, as the page
    shows it (beside that item's sub-items, wherever between their column and its head's it is written). None:
    numbering decides, as before (every head in one column, 拱墅; or written left of every item it would close)."""
    if head.label or column is None or head.style not in {d.head.style for d in stack}:
        return None
    if all(d.head_column in (None, column) for d in stack):
        return None  # every head in one column: numbering alone decides
    alike = [i for i, d in enumerate(stack) if d.head.style == head.style and d.head_column == column]
    if alike:
        return alike[-1]
    returns_to = max(i for i, d in enumerate(stack) if d.head.style == head.style)
    index = next((i for i in range(len(stack) - 1, -1, -1)
                  if stack[i].head_column is not None and stack[i].head_column < column), None)
    if index is None or index < returns_to:
        return None  # numbering closes no item the head is written inside of
    return index + 1


def build_tree(pieces: list[ast.Piece], diags: Diagnostics) -> ast.Rubric:
    header, meta, settings, facts, final = [], [], [], [], []
    roots: list[_ItemDraft] = []
    stack: list[_ItemDraft] = []
    open_clause: _ClauseDraft | None = None
    last_sep: str | None = None
    text = diags.source.text if diags.source is not None else None

    def clauses_here() -> list:
        return stack[-1].clauses if stack else final

    for piece in pieces:
        if isinstance(piece, ast.Separator):
            if last_sep not in ("。", ";", "\uff1b"):  # ; and full-width ；
                last_sep = piece.char
            continue
        sep, last_sep = last_sep, None
        column = _line_column(text, piece.span.start)
        if not isinstance(piece, (ast.ItemHead, ast.TierPiece)) and not (
                isinstance(piece, ast.HeaderPiece) and not roots) and not (
                isinstance(piece, ast.Setting) and piece.written is not None):
            left = _by_indentation(stack, column, piece, diags)
            if left:
                del stack[len(stack) - len(left):]
                open_clause = None
        if stack:
            stack[-1].end = max(stack[-1].end, piece.span.end)

        if isinstance(piece, ast.ItemHead):
            open_clause = None
            # a style used above returns to its level (一、 → 1. → (1) → 1.), unless that would number two items
            # alike there (GR203) while the head is written deeper than the innermost open item's head: then the
            # page shows it inside that item, a level of its own (某地镇「2【城镇建设】」 … 「    2【环境卫生】」)
            inside = (column is not None and stack and stack[-1].head_column is not None
                      and column > stack[-1].head_column and _numbered_alike(stack, roots, piece))
            keep = _unnumbered_level(stack, column, piece)
            if keep is not None:  # 【乙】 written deeper than 【甲】: inside it, as the page shows it
                del stack[keep:]
            while stack and keep is None and not inside and piece.style in {d.head.style for d in stack}:
                if stack.pop().head.style == piece.style:
                    break
            beside = _unnumbered_beside(stack, column, piece, diags) if keep is None else 0
            if beside:  # ○【其他扣分】 in the column of 1. and 2.: beside them, as the page shows it
                del stack[len(stack) - beside:]
            draft = _ItemDraft(piece, head_column=column)
            if stack and stack[-1].body_column is None and column is not None:
                stack[-1].body_column = column
            (stack[-1].children if stack else roots).append(draft)
            stack.append(draft)
        elif isinstance(piece, ast.ClausePiece) and _next_category(open_clause, piece, sep, header):
            open_clause.tiers.append(ast.Tier(None, ast.ForCategory(piece.cond.operand.names[0], piece.body,
                                                                    piece.span), piece.span))
            open_clause.end = piece.span.end
        elif isinstance(piece, ast.ClausePiece):
            open_clause = _ClauseDraft(piece, joined=sep in (";", "\uff1b"), after_comma=sep in (",", "\uff0c") or piece.among,
                                       end=piece.span.end)
            clauses_here().append(open_clause)
        elif isinstance(piece, ast.TierPiece):
            if open_clause is None:
                diags.error("GR205", piece.span)
                continue
            open_clause.tiers.append(_tier_from_piece(piece))
            open_clause.end = piece.span.end
        elif isinstance(piece, ast.LimitPiece):
            # 可扣至负分 / 扣分不封顶 speaks of the item wherever it is written (「每次扣1分,扣分不封顶」)
            # 此项不得负分 too: the item's floor, after whichever clause it is written
            to_clause = (open_clause is not None and piece.scope != "本项" and piece.kind not in ("no_floor", "largest", "no_repeat")
                         and not piece.word.endswith("不得负分") and (sep in _CLAUSE_JOINERS))
            if to_clause:
                open_clause.limits.append(piece)
                open_clause.end = piece.span.end
            elif stack:
                stack[-1].limits.append(piece)
                open_clause = None
            elif piece.kind in ("exhaust", "no_floor"):
                # 「以上各项评分,扣完为止」 before the items speaks of every item: that is a reading
                diags.error("GR206", piece.span,
                            help="对所有指标的「扣完为止」「不计负分」请写作口径:"
                                 "扣分下限:到0为止(理由:「…原文…」)(这也是默认读法);可扣至负分则写「扣分下限:可为负分」")
            else:
                diags.error("GR206", piece.span, help="上限应写在某个条款之后,或写在某个指标之下")
        elif isinstance(piece, ast.ExemptionPiece):
            # (若有新诉求的,不扣分) right after the clause it excepts, before its own limit
            if open_clause is None or sep is not None:
                diags.error("GR205", piece.span)
                continue
            open_clause.exemptions.append(piece)
            open_clause.end = piece.span.end
        elif isinstance(piece, ast.BasisPiece):
            # (以环保局审批项目为准) right after the clause whose figures it speaks of (field trial 3, 三 #10)
            if open_clause is None or sep is not None:
                diags.error("GR232", piece.span, help="「(以…为准)」紧跟在它说明的条款之后写,中间不加标点;"
                                                      "整个指标的数据来源写作「数据来源:「…」」")
                continue
            open_clause.basis.append(piece.text)
            open_clause.end = piece.span.end
        elif isinstance(piece, ast.Meta):
            (stack[-1].meta if stack else meta).append(piece)
        elif isinstance(piece, ast.NotePiece):
            if stack:
                stack[-1].notes.append(piece)
            else:
                meta.append(ast.Meta("注", piece.values, piece.span))
        elif isinstance(piece, ast.Setting) and piece.written is not None:
            settings.append(piece)  # 以上各项评分,扣完为止: every item's, wherever it is written (after them, as published)
            open_clause = None
            continue
        elif isinstance(piece, ast.Setting):
            (stack[-1].settings if stack else settings).append(piece)
        elif isinstance(piece, ast.FactDecl):
            (stack[-1].facts if stack else facts).append(piece)
        elif isinstance(piece, ast.HeaderPiece) and piece.key == "满分" and roots:
            # 「…加0.1分,满分1.2分」: after the first item, 满分 is a limit, not the rubric's full score
            limit = ast.LimitPiece("cap", None, "满分", piece.number, piece.span)
            if open_clause is not None and sep in _CLAUSE_JOINERS:
                open_clause.limits.append(limit)
                open_clause.end = piece.span.end
            else:
                stack[-1].limits.append(limit)
                open_clause = None
            continue
        elif isinstance(piece, ast.HeaderPiece):
            if roots:
                diags.error("GR216", piece.span, key=piece.key)
            header.append(piece)
        else:  # pragma: no cover - the parser yields no other piece
            raise TypeError(piece)
        if not isinstance(piece, (ast.ClausePiece, ast.TierPiece, ast.LimitPiece, ast.ExemptionPiece, ast.BasisPiece)):
            open_clause = None

    end = max([p.span.end for p in pieces], default=0)
    return ast.Rubric(tuple(header), tuple(meta), tuple(settings), tuple(facts),
                      tuple(_freeze_clause(c) for c in final),
                      tuple(d.freeze() for d in roots), ast.Span(0, end))
