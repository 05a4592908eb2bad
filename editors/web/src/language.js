// Highlighting for the rubric language: a stream tokenizer (the real parser is Lark, on the server;
// this only colours what a reader tells apart at a glance).
import { StreamLanguage, HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { tags } from "@lezer/highlight";

const SETTING_KEYS = /^(细则|年度|单位类别|满分|总分|事实|计分方式|不适用项|边界|每低|扣分下限|加分上限|不得分范围|适用|考核对象|考核内容|考核方式|考核方法|考核标准|考核依据|考核部门|考评方式|考评部门|评分标准|评分方法|评分依据|数据来源|来源|查验方法|牵头单位|牵头部门|责任单位|责任科室|责任部门|配合单位|完成时限|目标|要求|说明|备注|注|理由)(?=[::])/;
const NUMBERING = /^(\s*)([一二三四五六七八九十百]+、|[((][一二三四五六七八九十百]+[))]|[0-90-9]+[..、](?![0-90-9])|[((][0-90-9]+[))]|[①-⑳]|○)/;
const OUTCOME = /^(得满分|不得分|不扣分|此项不得分|视情扣分|视情加|视情扣|酌情加|酌情扣|直接扣|扣完为止|扣完|封顶|得分|得|扣|加)/;
const CONNECTIVE = /^(否则|其余|其他|且|并且|或者|或|每|分别|依次|再次|首次|以上|以下|及以上|及以下|达到|低于|高于|不足|超过|不超过|累计不超过|最高|最多|按|确定|为止|未|没有|的)/;
const NUMBER = /^[0-90-9]+(?:[..][0-90-9]+)?(?:%|%|分|个百分点|百分点|名|次|个月|个|天|项|起|件|条|家|人|户|位)?/;

const rubricParser = {
  name: "rubric",
  startState: () => ({ lineStart: true }),
  token(stream, state) {
    if (stream.sol()) state.lineStart = true;
    if (stream.eatSpace()) return null;
    const atStart = state.lineStart;
    state.lineStart = false;
    const ch = stream.peek();
    if (ch === "#" || ch === "#") { stream.skipToEnd(); return "comment"; }
    if (ch === "「") {
      stream.next();
      while (!stream.eol() && stream.next() !== "」") { /* to the closing bracket */ }
      return "variableName";
    }
    if (ch === "【") {
      stream.next();
      while (!stream.eol() && stream.next() !== "】") { /* to the closing bracket */ }
      return "heading";
    }
    if (atStart) {
      const numbering = stream.match(NUMBERING);
      if (numbering) return "labelName";
      if (stream.match(SETTING_KEYS)) return "keyword";
    }
    if (stream.match(NUMBER)) return "number";
    if (stream.match(OUTCOME)) return "operatorKeyword";
    if (stream.match(CONNECTIVE)) return "controlKeyword";
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: "#" } },
};

export const rubricLanguage = StreamLanguage.define(rubricParser);

export const rubricHighlight = syntaxHighlighting(HighlightStyle.define([
  { tag: tags.comment, color: "#6e7781", fontStyle: "italic" },
  { tag: tags.variableName, color: "#8250df" },
  { tag: tags.heading, color: "#0550ae", fontWeight: "bold" },
  { tag: tags.labelName, color: "#953800", fontWeight: "bold" },
  { tag: tags.keyword, color: "#cf222e" },
  { tag: tags.number, color: "#0a3069", fontWeight: "bold" },
  { tag: tags.operatorKeyword, color: "#116329", fontWeight: "bold" },
  { tag: tags.controlKeyword, color: "#953800" },
]));
