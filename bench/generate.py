#!/usr/bin/env python3
"""Deterministic benchmark corpus: N requirements across N/50 lists, valid under SCHEMA.md.

Writes two trees from the same records:
  OUT/bangdan/  a Bangdan site (content/ with the sample vocabularies)
  OUT/hugo/     an equivalent minimal Hugo site: taxonomies industry/region/status with paginated term pages,
                paginated list sections, and single pages that show the front matter.
Usage: generate.py N OUT [--seed S] [--vocabularies CONTENT_DIR]
"""
import argparse
import random
import shutil
from pathlib import Path

import yaml

P = argparse.ArgumentParser()
P.add_argument("n", type=int)
P.add_argument("out", type=Path)
P.add_argument("--seed", type=int, default=20261121)
P.add_argument("--vocabularies", type=Path, default=Path(__file__).resolve().parent.parent / "content")
A = P.parse_args()
rng = random.Random(A.seed)

FIELDS = ["高性能", "低功耗", "高精度", "智能化", "绿色低碳", "大尺寸", "高可靠", "国产化", "柔性", "超高纯"]
OBJECTS = ["锂电池隔膜", "碳化硅功率器件", "工业机器人减速器", "医用导管", "光刻胶", "燃料电池电堆", "高端轴承",
           "生物反应器", "植物基蛋白", "稀土永磁材料", "风电叶片", "氢能储运装备", "工业软件内核", "激光雷达",
           "种质资源库", "乳酸菌发酵剂", "煤基新材料", "航空发动机叶片", "人工关节", "智能传感器"]
ASPECTS = ["关键技术研究", "制备工艺开发", "产业化关键技术", "检测与评价方法", "国产替代方案", "设计与仿真平台",
           "可靠性提升技术", "成套装备研制"]
CITIES = ["济南", "青岛", "烟台", "潍坊", "临沂", "南昌", "赣州", "包头", "鄂尔多斯", "沈阳", "大连", "合肥", "苏州", "宁波"]
KINDS = ["重工", "新材料", "生物科技", "智能装备", "电子", "化工", "能源", "医疗器械", "农业科技", "精密制造"]
SENTENCES = [
    "发榜单位在{obj}领域已有多年积累，但在{field}方向仍受制于进口，亟需联合高校和科研院所攻关。",
    "本需求面向{field}{obj}的规模化应用，要求揭榜方提出完整的技术路线，并在发榜单位完成中试验证。",
    "当前国内同类产品在稳定性、一致性和寿命方面与国际先进水平存在差距，{obj}的核心工艺尚未完全掌握。",
    "项目完成后，发榜单位将优先采购揭榜方的技术成果，并共同申报知识产权，推动成果在产业链上下游推广。",
    "揭榜方应具备相关领域的研发基础和工程化能力，团队负责人需有承担省部级以上科技项目的经历。",
    "攻关周期原则上不超过三年，按里程碑分阶段考核，考核结果作为后续经费拨付的依据。",
]


def body():
    parts, size = [], 0
    target = rng.randint(1500, 3000)
    obj, field = rng.choice(OBJECTS), rng.choice(FIELDS)
    while size < target:
        if rng.random() < 0.15:
            parts.append("## " + rng.choice(["需求背景", "技术难点", "预期目标", "合作方式", "考核要求"]))
        elif rng.random() < 0.2:
            parts.append("\n".join(f"- {rng.choice(FIELDS)}{rng.choice(OBJECTS)}指标达到国际先进水平" for _ in range(3)))
        else:
            parts.append("".join(rng.choice(SENTENCES).format(obj=obj, field=field) for _ in range(rng.randint(2, 4))))
        size = len("\n\n".join(parts).encode())
    return "\n\n".join(parts) + "\n"


industries = list(yaml.safe_load((A.vocabularies / "industries.yml").read_text()).keys())
regions = list(yaml.safe_load((A.vocabularies / "regions.yml").read_text()).keys())
provinces = [r for r, v in yaml.safe_load((A.vocabularies / "regions.yml").read_text()).items() if not v.get("parent")]
categories = list(yaml.safe_load((A.vocabularies / "categories.yml").read_text()).keys())
statuses = ["open"] * 6 + ["matching", "signed", "completed", "withdrawn", "closed"]

root_b, root_h = A.out / "bangdan", A.out / "hugo"
for root in (root_b, root_h):
    shutil.rmtree(root, ignore_errors=True)
content = root_b / "content"
(content / "lists").mkdir(parents=True)
for name in ("industries.yml", "regions.yml", "categories.yml"):
    shutil.copy(A.vocabularies / name, content / name)
(content / "site.yml").write_text("title: 基准测试榜单\nbase_url: https://example.org/\npage_size: 50\n")


def q(text):
    return '"' + text.replace('"', '\\"') + '"'


lists = max(1, A.n // 50)
for li in range(lists):
    year = 2020 + li % 6
    region = rng.choice(provinces)
    list_id = f"{year}-{region}-batch-{li + 1}"
    published = f"{year}-{rng.randint(1, 9):02d}-{rng.randint(1, 28):02d}"
    title = f"{year}年度第{li + 1}批“揭榜挂帅”技术需求榜单"
    (content / "lists" / list_id).mkdir()
    (content / "lists" / list_id / "_index.md").write_text(
        f"---\ntitle: {q(title)}\npublisher: 省科学技术厅\nregion: {region}\npublished: {published}\n"
        f"category: {rng.choice(categories)}\nprogram: 揭榜挂帅\nbatch: {li % 9 + 1}\n---\n\n{body()}")
    hugo_list = root_h / "content" / list_id
    hugo_list.mkdir(parents=True)
    (hugo_list / "_index.md").write_text(f"---\ntitle: {q(title)}\ndate: {published}\n---\n\n" + body())
    for ri in range(min(50, A.n - li * 50)):
        slug = f"need-{ri + 1:03d}"
        title = f"{rng.choice(FIELDS)}{rng.choice(OBJECTS)}{rng.choice(ASPECTS)}"
        issuer = f"{rng.choice(CITIES)}{rng.choice(['华', '瑞', '泰', '鼎', '昌', '宏', '恒'])}{rng.choice(['信', '达', '科', '源', '盛'])}{rng.choice(KINDS)}有限公司"
        inds = rng.sample(industries, rng.randint(1, 3))
        req_region = rng.choice(regions)
        status = rng.choice(statuses)
        r = rng.random()
        bounty = "面议" if r < 0.1 else (f"{rng.randint(50, 20000)}万元" if r < 0.8 else None)
        deadline = f"{year + 1}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if rng.random() < 0.7 else None
        keywords = rng.sample(OBJECTS, 3)
        solvers = [f"{rng.choice(CITIES)}大学"] if status in ("matching", "signed", "completed") else []
        text = body()
        fm = [f"title: {q(title)}", f"code: B{li + 1:04d}-{ri + 1:03d}", f"industry: [{', '.join(inds)}]",
              f"region: {req_region}", f"issuer:\n  name: {issuer}\n  type: private"]
        if bounty:
            fm.append(f"bounty: {bounty}")
        if deadline:
            fm.append(f"deadline: {deadline}")
        fm.append(f"status: {status}")
        if solvers:
            fm.append("solvers: [" + ", ".join(solvers) + "]")
        fm.append("keywords: [" + ", ".join(keywords) + "]")
        fm.append(f"indicators:\n  - 关键性能指标达到国际先进水平\n  - {{name: 良品率, target: \"≥ {rng.randint(90, 99)}%\"}}")
        (content / "lists" / list_id / f"{slug}.md").write_text("---\n" + "\n".join(fm) + "\n---\n\n" + text)
        hfm = [f"title: {q(title)}", f"date: {published}", f"code: B{li + 1:04d}-{ri + 1:03d}",
               f"industries: [{', '.join(inds)}]", f"regions: [{req_region}]", f"statuses: [{status}]",
               f"issuer: {issuer}", f"bounty: {q(bounty or '')}", f"deadline: {q(deadline or '')}",
               "keywords: [" + ", ".join(keywords) + "]"]
        (hugo_list / f"{slug}.md").write_text("---\n" + "\n".join(hfm) + "\n---\n\n" + text)

layouts = root_h / "layouts" / "_default"
layouts.mkdir(parents=True)
(root_h / "config.yaml").write_text(
    "baseURL: https://example.org/\nlanguageCode: zh-CN\ntitle: 基准测试榜单\npaginate: 50\n"
    "disableKinds: [RSS]\ntaxonomies:\n  industry: industries\n  region: regions\n  status: statuses\n")
(layouts / "baseof.html").write_text(
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
    "<body><header><a href=\"/\">{{ .Site.Title }}</a></header><main>{{ block \"main\" . }}{{ end }}</main></body></html>\n")
(layouts / "single.html").write_text(
    '{{ define "main" }}<article><h1>{{ .Title }}</h1><dl>'
    "<dt>编号</dt><dd>{{ .Params.code }}</dd><dt>发榜单位</dt><dd>{{ .Params.issuer }}</dd>"
    "<dt>金额</dt><dd>{{ .Params.bounty }}</dd><dt>截止</dt><dd>{{ .Params.deadline }}</dd>"
    '<dt>产业</dt><dd>{{ range .Params.industries }}<a href="{{ "industries/" | relURL }}{{ . | urlize }}/">{{ . }}</a> {{ end }}</dd>'
    "<dt>关键词</dt><dd>{{ delimit .Params.keywords \"、\" }}</dd></dl>{{ .Content }}</article>{{ end }}\n")
(layouts / "list.html").write_text(
    '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Paginator.Pages }}'
    '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.issuer }} {{ .Params.bounty }}</li>{{ end }}</ul>'
    '{{ template "_internal/pagination.html" . }}{{ end }}\n')
(layouts / "terms.html").write_text(
    '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.ByCount }}'
    '<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}\n')
(root_h / "layouts" / "index.html").write_text(
    '{{ define "main" }}<h1>{{ .Site.Title }}</h1><ul>{{ range first 20 .Site.RegularPages.ByDate.Reverse }}'
    '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n')
print(f"{A.n} requirements in {lists} lists under {A.out}")
