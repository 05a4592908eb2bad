-- 宜良 2023 written by hand as one DuckDB query: the yardstick for the compiled query's speed
-- (benchmarks/sql_duckdb.py). It reads the same facts table as the compiled query (docs/sql.md: 百分比
-- as 93 for 93%, counts as DECIMAL(15,0), 是否 as BOOLEAN) and returns the same numbers, written the way a
-- programmer would write this one rubric (after benchmarks/yiliang_reference.py), checking nothing.
-- The benchmark compares every unit's scores with the compiled query's before timing.
CREATE OR REPLACE MACRO clamp(x, hi) AS CASE WHEN x < 0 THEN 0 WHEN x > hi THEN hi ELSE x END;
CREATE OR REPLACE MACRO capped(x, cap) AS CASE WHEN x > cap THEN cap ELSE x END;
CREATE OR REPLACE MACRO b(flag, amount) AS CASE WHEN flag THEN amount ELSE 0 END;
WITH leaves AS (
  SELECT "单位", "单位类别",
    b("按时公布许可清单", 1) AS "一.1.(1)",
    clamp(2 - 0.1 * "指南不一致次数" - 0.1 * "权责清单不对应次数", 2) AS "一.1.(2)",
    b("事项承接率" = 100 AND "事项实施率" = 100 AND "事项发布率" = 100, 2) AS "一.1.(3)",
    b("清单要素一致", 1) AS "一.1.(4)",
    CASE WHEN "实施清单不一致次数" = 0 THEN 3 WHEN "实施清单不一致次数" = 1 THEN 2 ELSE 0 END AS "一.2.(1)",
    b("指南权力清单关联率" = 100, 1) AS "一.2.(2)",
    clamp("热线考核得分", 3) AS "一.3",
    clamp(3 - 0.5 * "额外增加环节材料次数" - b(NOT "编制程序实施清单" OR NOT "明确办结时限", 1.5), 3) AS "二.1",
    clamp(4 - b(NOT "推进证明材料规范化", 2) - b(NOT "按时报送证明材料清单", 1) - b("证明材料清单不合规", 1), 4) AS "二.2",
    clamp(2 - b("行政检查清单完善率" < 100, 1) - b("监管行为覆盖率" < 80, 1), 2) AS "二.3",
    clamp(2 - 0.3 * "强制选择中介次数" - 0.4 * "中介问题被投诉次数" - b(NOT "中介机构公开服务指南", 0.3)
          - b(NOT "按时报送中介服务清单", 0.5), 2) AS "二.4",
    clamp(b("事项集中率" = 100, 1.5) + b("综合窗口覆盖率" = 100, 1) + b("特色窗口规范设置率" >= 100, 0.5)
          - b(NOT "制定示范创建方案" OR NOT "制定示范创建标准", 1) + b("县级示范点个数" >= 3, 1)
          - b(NOT "示范创建检查验收" OR NOT "示范创建成效明显", 1), 5) AS "二.5",
    clamp(4 - b(NOT "制定大厅管理制度", 0.5) - b(NOT "开展检查考核挂牌", 0.5), 4) AS "二.6",
    clamp(b("事项实质运行率" = 100, 1) - capped(0.2 * "明进暗不进问题数", 1), 1) AS "二.7.○1",
    clamp(1 - capped(0.2 * "办事指南差错个数", 1) - b(NOT "完成适老化改造", 0.5), 1) AS "二.8",
    b(NOT "线上线下差别受理", 1) AS "二.9",
    clamp(2 - capped(0.2 * "好差评缺汇聚月数", 1) - b("好差评覆盖率" < 80, 1), 2) AS "二.10",
    clamp(CASE WHEN "整改完成率" = 100 THEN 1 WHEN "整改完成率" >= 95 THEN 0.5 ELSE 0 END + b("按时整改率" = 100, 1)
          - capped(0.5 * "超时未整改条数", 2), 2) AS "二.11",
    b("实现综合窗口服务", 1) AS "三.1",
    clamp(CASE WHEN "全程网办率" >= 93 THEN 1 WHEN "全程网办率" BETWEEN 90 AND 92 THEN 0.5 ELSE 0 END
          + CASE WHEN "许可零跑腿比例" >= 96 THEN 1 WHEN "许可零跑腿比例" BETWEEN 92 AND 95 THEN 0.5 ELSE 0 END, 1) AS "三.2",
    clamp(1 + b("未对接移动端个数" = 0, 1) - capped(0.5 * "未对接移动端个数", 1), 1) AS "三.3.○1",
    clamp(3 - capped(0.2 * "省级主题办理不足个数", 3), 3) AS "三.4.○1",
    clamp(2 - capped(0.2 * "市级主题办理不足个数", 2), 2) AS "三.4.○2",
    clamp(CASE WHEN "承诺时限压缩比例" >= 91 THEN 1 WHEN "承诺时限压缩比例" >= 80 THEN 0.7
               WHEN "承诺时限压缩比例" >= 60 THEN 0.5 ELSE 0 END
          + CASE WHEN "即办件比例" >= 75 THEN 1 WHEN "即办件比例" >= 60 THEN 0.5 ELSE 0 END
          + b("平均跑动次数" <= 0.05, 1), 3) AS "三.5",
    clamp(4 - b(NOT "乡镇便民中心外网全覆盖", 2) - b("村级服务站外网延伸个数" < 3, 2), 4) AS "三.6.(1)",
    b("拓展自助办就近办" AND "上报拓展工作情况", 3) AS "三.6.(2).○1",
    clamp(capped(0.1 * "云岭先锋新增事项数", 1), 1) AS "三.6.(2).○2",
    clamp(b("通办事项在昆落地", 2) + capped(0.1 * "跨省通办新增事项数", 1), 3) AS "三.7",
    clamp(b("设置惠企政策窗口", 1) + b("线上兑现惠企政策", 1) - b(NOT "抄送利企惠民政策", 0.5), 3) AS "三.8",
    clamp(b("电子印章加盖率" = 100 AND "印章关联配置率" >= 100, 1) + b("每类证照最少应用场景数" >= 2, 1)
          + b("推动证照社会化应用", 0.5), 3) AS "三.9",
    clamp(capped(0.1 * "免提交纸质材料项数", 1), 1) AS "三.10",
    clamp(capped(0.1 * "证明事项承诺制办件事项数", 1) + capped(0.1 * "涉企许可承诺制办件事项数", 1)
          - b(NOT "按时报送承诺制事项清单", 0.5), 2) AS "三.11",
    clamp(b("编制公布容缺受理清单", 2) - b(NOT "按时报送容缺受理清单", 0.5), 2) AS "三.12",
    b("设置帮办代办窗口", 1) AS "三.13.(1)",
    b("园区代办点开展工作", 1.5) AS "三.13.(2)",
    b("投资项目全程帮办代办", 1.5) AS "三.13.(3)",
    b("水电气不动产同步过户", 3) AS "四.1",
    clamp(b("低压办电时间" <= 15, 1) + b("水电气报装进驻全覆盖", 1) + b("水电气报装一站式服务", 1)
          + b("网络报装时间" <= 2, 1), 4) AS "四.2",
    b("系统数据共享", 2) AS "五.1",
    clamp(2 - capped(0.2 * "办件数据缺汇聚月数", 2), 2) AS "五.2",
    CASE WHEN "承诺数量" >= "企业数量" THEN 1 WHEN "承诺数量" >= 0.5 * "企业数量" THEN 0.5 ELSE 0 END AS "六.1",
    clamp(b("配置信用昆明查询" AND "信用查询成功", 0.5) + b("推进信用承诺容缺应用", 0.5), 1) AS "六.3",
    clamp("新增重点任务得分", 3) AS "七",
    -capped(0.3 * "未参加推进会次数", 2) AS "八.1",
    -capped(1 * "季度报告未按时上报次数", 3) AS "八.2",
    b("国家级发文号召学习", 4) + b("国家级发文表彰奖励", 4) + b("国家级在昆现场观摩会", 3) + b("国家级肯定性批示", 3)
      + b("央媒正面报道", 2) + b("省部级发文号召学习", 3) + b("省部级发文表彰奖励", 3) + b("省部级在昆现场观摩会", 2)
      + b("省部级肯定性批示", 2) + b("市级发文号召学习", 2) + b("市级发文表彰奖励", 2) + b("市级现场观摩会", 1)
      + b("市级肯定性批示", 1) + capped(0.3 * "营商环境简报刊登次数", 1) AS "九.1",
    b("联合监督创新", 0.5) + capped(1 * "纳入全市主题事项个数", 3) + capped(0.5 * "典型经验交流发言次数", 1)
      + capped(0.3 * "新增e办通服务点位数", 1) AS "九.2",
    -(5 * "国家级通报批评项数" + 5 * "央媒负面报道项数" + 3 * "省部级通报批评项数" + 2 * "市政府通报批评项数"
      + 1 * "专项组通报批评项数") AS "十",
    "事项进驻率", "收件即受理即时办结", "按时报送进驻事项清单", "办事通事项上线抄送", "办事通宣传推广次数",
    "一件事线下纳入综合窗口"
  FROM facts
), middle AS (
  SELECT *,
    clamp("一.1.(1)" + "一.1.(2)" + "一.1.(3)" + "一.1.(4)", 6) AS "一.1",
    clamp("一.2.(1)" + "一.2.(2)", 4) AS "一.2",
    clamp("二.7.○1" + b("事项进驻率" >= 96, 1) + b("收件即受理即时办结", 1) - b(NOT "按时报送进驻事项清单", 0.5), 3) AS "二.7",
    clamp("三.3.○1" + b("办事通事项上线抄送", 1) + b("办事通宣传推广次数" >= 4, 1), 3) AS "三.3",
    clamp("三.4.○1" + "三.4.○2" + b("一件事线下纳入综合窗口", 1), 4) AS "三.4",
    clamp("三.6.(2).○1" + "三.6.(2).○2", 4) AS "三.6.(2)",
    clamp("三.13.(1)" + "三.13.(2)" + "三.13.(3)", 4) AS "三.13",
    clamp("四.1" + "四.2", 7) AS "四",
    clamp("五.1" + "五.2", 4) AS "五",
    "六.1" AS "六.2",
    clamp(3 + "八.1" + "八.2", 3) AS "八",
    clamp("九.1" + "九.2", 5) AS "九"
  FROM leaves
), upper AS (
  SELECT *,
    clamp("一.1" + "一.2" + "一.3", 13) AS "一",
    clamp("二.1" + "二.2" + "二.3" + "二.4" + "二.5" + "二.6" + "二.7" + "二.8" + "二.9" + "二.10" + "二.11", 29) AS "二",
    clamp("三.6.(1)" + "三.6.(2)", 8) AS "三.6",
    clamp("六.1" + "六.2" + "六.3", 3) AS "六"
  FROM middle
), tops AS (
  SELECT *,
    clamp("三.1" + "三.2" + "三.3" + "三.4" + "三.5" + "三.6" + "三.7" + "三.8" + "三.9" + "三.10" + "三.11" + "三.12"
          + "三.13", 38) AS "三"
  FROM upper
)
SELECT *, least("一" + "二" + "三" + "四" + "五" + "六" + "七" + "八" + "九" - greatest(0, -"十"), 100) AS "总分"
FROM tops
