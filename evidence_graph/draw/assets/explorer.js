// The explorer page: reads the corpus from the JSON block, draws the view the address names.
// Every text of the data goes into the page as a text node (never as markup).
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("data").textContent);
  const main = document.getElementById("main");
  const input = document.getElementById("search");
  const status = document.getElementById("status");
  const SITE = document.title;
  const SHOWN = 100; // search hits drawn at first; a button draws the rest

  const COLLECTIONS = {
    study: "studies", sample: "samples", participant: "participants", criterion: "criteria",
    theme: "themes", quote: "quotes", claim: "claims", work: "works", person: "people",
    scheme: "schemes", concept: "concepts", mapping: "mappings",
  };
  const by = {};
  for (const [kind, name] of Object.entries(COLLECTIONS)) {
    by[kind] = new Map((data[name] || []).map((record) => [record.id, record]));
  }

  // -- indexes, each built once when first needed ------------------------------------------

  const memo = new Map();
  function index(name, build) {
    if (!memo.has(name)) memo.set(name, build());
    return memo.get(name);
  }
  function grouped(records, keysOf) {
    const found = new Map();
    for (const record of records) {
      for (const key of keysOf(record)) {
        if (key === undefined || key === null) continue;
        if (!found.has(key)) found.set(key, []);
        found.get(key).push(record);
      }
    }
    return found;
  }
  const all = (kind) => Array.from(by[kind].values());
  const citedBy = () => index("citedBy", () => {
    const found = new Map();
    for (const work of all("work")) {
      for (const [cited, intents] of work.cites || []) {
        if (!found.has(cited)) found.set(cited, []);
        found.get(cited).push([work.id, intents]);
      }
    }
    return found;
  });
  const claimsOf = (field) => index("claims:" + field, () => grouped(all("claim"), (c) => {
    const value = c[field];
    return Array.isArray(value) ? value : [value];
  }));
  const evidenceOf = () => index("evidence", () => grouped(all("claim"), (c) =>
    (c.evidence || []).map((step) => step[1])));
  const mappingsFrom = () => index("mapsFrom", () => grouped(all("mapping"), (m) => [m.subject]));
  const mappingsTo = () => index("mapsTo", () =>
    grouped(all("mapping"), (m) => [m.object_kind + "-" + m.object]));
  const studiesOf = () => index("reports", () => grouped(all("study"), (s) => s.reported_in));
  const worksBy = () => index("authors", () => grouped(all("work"), (w) => w.authors || []));
  const quotesBy = () => index("speakers", () => grouped(all("quote"), (q) => [q.participant]));
  const membersOf = () => index("members", () => grouped(all("participant"), (p) => [p.sample]));

  function below(themeId) {
    // The theme and every theme below it, each before its sub-themes (no recursion).
    const found = [];
    const seen = new Set();
    const stack = [themeId];
    while (stack.length) {
      const id = stack.pop();
      const theme = by.theme.get(id);
      if (!theme || seen.has(id)) continue;
      seen.add(id);
      found.push(id);
      stack.push(...(theme.children || []).slice().reverse());
    }
    return found;
  }
  const quotesUnder = (themeId) => index("under:" + themeId, () => {
    const seen = new Set();
    for (const id of below(themeId)) for (const q of by.theme.get(id).quotes || []) seen.add(q);
    return seen;
  });

  // -- making elements ---------------------------------------------------------------------

  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value !== undefined && value !== null && value !== false) {
        element.setAttribute(name, value === true ? "" : String(value));
      }
    }
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      element.append(typeof child === "string" || typeof child === "number"
        ? document.createTextNode(String(child)) : child);
    }
    return element;
  }
  const anchor = (kind, id) => "#" + kind + "-" + encodeURI(id).replace(/#/g, "%23");
  function link(kind, id, text) {
    if (!Object.hasOwn(by, kind) || !by[kind].has(id)) return h("span", {}, text || id);
    return h("a", { href: anchor(kind, id), dir: "auto" }, text || name(kind, id));
  }
  function outside(url, text) {
    // only a web address becomes a link; anything else (javascript:, data:, file:) stays text
    if (!/^https?:\/\/[^/]/i.test(url)) return h("span", { dir: "auto" }, text || url);
    return h("a", { href: url, rel: "external noopener noreferrer", class: "external" }, text || url);
  }
  function name(kind, id) {
    const r = by[kind].get(id);
    if (!r) return id;
    if (kind === "theme") return (r.number ? r.number + ". " : "") + r.label;
    if (kind === "work") return r.title || r.doi || r.id;
    if (kind === "study") return r.label || r.id;
    if (kind === "quote") return short(r.text, 90);
    if (kind === "claim") return short(r.statement, 90);
    if (kind === "mapping") return name("theme", r.subject) + " → " + name(r.object_kind, r.object);
    if (kind === "sample") return sampleLine(r);
    return r.label || r.name || r.text || r.id;
  }
  function short(text, most) {
    const chars = Array.from(text);
    return chars.length > most ? chars.slice(0, most - 1).join("") + "…" : text;
  }
  const plural = (n, one, many) => n + " " + (n === 1 ? one : many || one + "s");
  function facts(rows) {
    const list = h("dl", { class: "facts" });
    for (const [term, value] of rows) {
      if (value === undefined || value === null || value === "" ||
          (Array.isArray(value) && !value.length)) continue;
      list.append(h("dt", {}, term), h("dd", { dir: "auto" }, value));
    }
    return list;
  }
  const joined = (items) => items.flatMap((item, i) => (i ? [", ", item] : [item]));
  function section(title, ...content) {
    return h("section", {}, h("h2", {}, title), content);
  }
  function table(head, rows) {
    return h("div", { class: "scroll", tabindex: 0, role: "region", "aria-label": head.join(", ") },
      h("table", {}, h("thead", {}, h("tr", {}, head.map((cell) => h("th", { scope: "col" }, cell)))),
        h("tbody", {}, rows.map((row) => h("tr", {}, row.map((cell) => h("td", {}, cell)))))));
  }

  function sampleLine(s) {
    const parts = [plural(s.size, "participant")];
    if (s.characteristic) parts.push(s.characteristic);
    if (s.sex) parts.push(s.sex);
    if (s.age_min !== undefined && s.age_max !== undefined) {
      parts.push("aged " + s.age_min + "–" + s.age_max);
    } else if (s.age_min !== undefined) parts.push("aged " + s.age_min + " or over");
    else if (s.age_max !== undefined) parts.push("aged up to " + s.age_max);
    if (s.description) parts.push(s.description);
    return parts.join(", ");
  }
  function quoteCard(q, options) {
    const caption = [];
    if (q.speaker) caption.push(h("span", {}, "— ", h("bdi", {}, q.speaker)));
    if (q.participant) caption.push(h("span", {}, "participant ", link("participant", q.participant)));
    if (q.subgroup) caption.push(h("span", {}, "subgroup ", link("sample", q.subgroup)));
    caption.push(h("span", { class: "role role-" + q.role }, q.role));
    if (!options || !options.inTheme) {
      caption.push(h("span", {}, "under ", joined((q.themes || []).map((t) => link("theme", t)))));
    }
    caption.push(h("span", {}, "in ", link("work", q.appears_in)));
    caption.push(link("quote", q.id, "permalink"));
    return h("figure", { class: "quote", "data-quote": q.id },
      h("blockquote", {}, h("p", { dir: "auto" }, q.text)),
      h("figcaption", {}, caption));
  }

  // -- views ---------------------------------------------------------------------------------

  function view(title, ...content) {
    return { title, nodes: [h("h1", { tabindex: -1, dir: "auto" }, title), content] };
  }

  function home() {
    if (by.study.size === 1) {
      const drawn = studyView(all("study")[0]);
      return { title: SITE, nodes: drawn.nodes };
    }
    const counts = ["study", "theme", "quote", "claim", "work", "concept"]
      .map((kind) => plural(by[kind].size, kind === "study" ? "study" : kind,
        kind === "study" ? "studies" : undefined));
    return view(SITE,
      h("p", {}, counts.join(" · ")),
      studyList(),
      section("Browse", h("ul", {}, LISTS.map(([hash, label]) =>
        h("li", {}, h("a", { href: "#" + hash }, label))))));
  }
  function studyList() {
    if (!all("study").length) return section("Studies", h("p", {}, "No study."));
    return section("Studies", h("ul", { class: "cards" }, all("study").map((s) => {
      const under = new Set();
      for (const top of s.themes || []) for (const q of quotesUnder(top)) under.add(q);
      const quotes = under.size;
      return h("li", {}, link("study", s.id),
        h("span", { class: "meta" }, " · " + s.design + " · " + plural(quotes, "quote")),
        (s.themes || []).length ? themeTree(s.themes, false) : null);
    })));
  }

  function themeTree(ids, withQuotes) {
    return h("ul", { class: "tree" }, ids.map((id) => {
      const t = by.theme.get(id);
      const n = quotesUnder(id).size;
      const quotes = withQuotes ? (t.quotes || []).map((q) => quoteCard(by.quote.get(q), { inTheme: true })) : [];
      return h("li", {}, link("theme", id),
        h("span", { class: "meta" }, (t.kind ? " · " + (t.ordered ? "ordered " : "") + t.kind : "") +
          " · " + plural(n, "quote")),
        quotes.length ? h("div", { class: "quotes" }, quotes) : null,
        t.children ? themeTree(t.children, withQuotes) : null);
    }));
  }

  function studyView(s) {
    const period = s.collected_from && s.collected_until
      ? s.collected_from + " to " + s.collected_until
      : s.collected_from ? "from " + s.collected_from : s.collected_until ? "until " + s.collected_until : null;
    const criteria = (s.criteria || []).map((id) => by.criterion.get(id));
    const rule = (c) => h("li", { id: "criterion-" + c.id }, link("criterion", c.id, c.text),
      c.constraint ? h("span", { class: "meta" }, " ⟨" + c.constraint + "⟩") : null);
    const claims = claimsOf("study").get(s.id) || [];
    return view(s.label || s.id,
      facts([
        ["Design", s.design],
        ["Reported in", joined((s.reported_in || []).map((w) => link("work", w)))],
        ["Led by", s.lead ? link("person", s.lead) : null],
        ["Institution", [s.institution, s.country].filter(Boolean).join(", ")],
        ["About", joined((s.conditions || []).map((c) => link("concept", c)))],
        ["Data collection", (s.data_collection || []).join("; ")],
        ["Analysis", s.analysis],
        ["Analysis method", s.analysis_concept ? outside(s.analysis_concept) : null],
        ["Recruited", [s.recruitment_setting, s.setting && s.setting + " setting"].filter(Boolean).join("; ")],
        ["Sampling", s.sampling_strategy],
        ["Data collected", [period, s.collected_in && "in " + s.collected_in].filter(Boolean).join(" ")],
        ["Diagnosis", [s.diagnosis_source, s.diagnosis_method].filter(Boolean).join("; ")],
      ]),
      section("Sample", (s.samples || []).length
        ? h("ul", {}, s.samples.map((id) => sampleItem(id))) : h("p", {}, "No sample is given.")),
      section("Criteria",
        h("h3", {}, "Inclusion"),
        listOrNone(criteria.filter((c) => c.kind === "inclusion").map(rule), "None given."),
        h("h3", {}, "Exclusion"),
        listOrNone(criteria.filter((c) => c.kind === "exclusion").map(rule), "None given.")),
      section("Themes and their quotes", (s.themes || []).length ? themeTree(s.themes, true) : h("p", {}, "No themes.")),
      claims.length ? section("Claims", claimList(claims)) : null);
  }
  function listOrNone(items, none) {
    return items.length ? h("ul", {}, items) : h("p", {}, none);
  }
  function sampleItem(id) {
    const s = by.sample.get(id);
    return h("li", {}, link("sample", id),
      (s.subgroups || []).length ? h("ul", {}, s.subgroups.map((part) => sampleItem(part))) : null);
  }

  function themeView(t) {
    const trail = [];
    for (let up = t.parent; up && by.theme.has(up) && trail.length < 200; up = by.theme.get(up).parent) {
      trail.unshift(up);
    }
    const crumbs = h("nav", { "aria-label": "Where the theme stands", class: "crumbs" },
      h("ol", {}, h("li", {}, link("study", t.study)), trail.map((id) => h("li", {}, link("theme", id))),
        h("li", {}, h("span", { "aria-current": "page" }, t.label))));
    const direct = (t.quotes || []).map((id) => by.quote.get(id));
    const deeper = below(t.id).slice(1).map((id) => by.theme.get(id)).filter((s) => (s.quotes || []).length);
    const from = mappingsFrom().get(t.id) || [];
    const to = mappingsTo().get("theme-" + t.id) || [];
    return view(name("theme", t.id),
      crumbs,
      facts([
        ["Kind", t.kind ? (t.ordered ? "ordered " : "") + t.kind : null],
        ["Also called", (t.alt_labels || []).join("; ")],
        ["Definition", t.definition],
        ["Encompasses", (t.facets || []).join("; ")],
      ]),
      section("Quotes", direct.length ? direct.map((q) => quoteCard(q, { inTheme: true }))
        : h("p", {}, "No quote is coded directly under this theme.")),
      t.children ? section("Sub-themes", themeTree(t.children)) : null,
      deeper.length ? section("Quotes under its sub-themes", deeper.map((s) =>
        h("section", {}, h("h3", {}, link("theme", s.id)),
          s.quotes.map((id) => quoteCard(by.quote.get(id), { inTheme: true }))))) : null,
      from.length ? section("Mapped to", mappingList(from, "object")) : null,
      to.length ? section("Mapped from", mappingList(to, "subject")) : null);
  }
  function mappingList(mappings, side) {
    return h("ul", { class: "cards" }, mappings.map((m) => h("li", {},
      h("p", {}, h("span", { class: "relation" }, m.relation), " ",
        side === "object" ? link(m.object_kind, m.object) : link("theme", m.subject),
        side === "subject" ? h("span", { class: "meta" }, " (" + name("study", by.theme.get(m.subject).study) + ")") : null,
        " · ", link("mapping", m.id, "permalink")),
      h("p", { class: "why", dir: "auto" }, m.justification))));
  }

  function quoteView(q) {
    const claims = evidenceOf().get(q.id) || [];
    return view("Quote of " + name("study", q.study),
      quoteCard(q),
      facts([
        ["Study", link("study", q.study)],
        ["Speaker", q.speaker],
        ["Participant", q.participant ? link("participant", q.participant) : null],
        ["Subgroup", q.subgroup ? link("sample", q.subgroup) : null],
        ["Role", q.role === "contrasting" ? "contrasting (a negative case)" : q.role],
        ["Themes", joined((q.themes || []).map((t) => link("theme", t)))],
        ["Read in", link("work", q.read_in)],
        ["First appeared in", link("work", q.appears_in)],
        ["Page", q.page],
      ]),
      claims.length ? section("Evidence for", claimList(claims)) : null);
  }

  function claimList(claims) {
    return h("ul", { class: "cards" }, claims.map((c) => h("li", {},
      link("claim", c.id, c.statement),
      h("span", { class: "meta" }, " · " + c.kind + " · " + plural(new Set((c.evidence || []).map((step) => step[0] + "-" + step[1])).size, "piece") + " of evidence"))));
  }
  function claimView(c) {
    const chain = (c.evidence || []).map(([kind, id, theme]) => {
      if (kind === "work") return h("li", {}, "work ", link("work", id));
      const q = by.quote.get(id);
      const t = theme && by.theme.get(theme);
      return h("li", {}, h("ol", { class: "chain" },
        h("li", {}, "quote ", link("quote", id)),
        t ? h("li", {}, "coded under ", link("theme", theme)) : null,
        q ? h("li", {}, "in the study ", link("study", q.study)) : null,
        q ? h("li", {}, "first in ", link("work", q.appears_in),
          by.work.get(q.appears_in) && by.work.get(q.appears_in).doi
            ? [" (doi:", by.work.get(q.appears_in).doi, ")"] : null) : null));
    });
    return view("Claim",
      h("blockquote", { class: "statement" }, h("p", { dir: "auto" }, c.statement)),
      facts([
        ["Kind", c.kind],
        ["Asserted by", link("work", c.asserted_by)],
        ["Study", c.study ? link("study", c.study) : null],
        ["About", joined((c.about || []).map((id) => link("concept", id)))],
      ]),
      section("Evidence chain", chain.length ? h("ol", { class: "cards" }, chain)
        : h("p", {}, c.not_transcribed ? "The work gives evidence that is not transcribed here."
          : "The work offers no evidence for it.")),
      (c.candidates || []).length
        ? section("Candidate sources", h("ul", {}, c.candidates.map((w) => h("li", {}, link("work", w)))))
        : null);
  }

  function workView(w) {
    const cites = (w.cites || []).map(([id, intents]) => [link("work", id), intents.join(", ")]);
    const cited = (citedBy().get(w.id) || []).map(([id, intents]) => [link("work", id), intents.join(", ")]);
    const studies = studiesOf().get(w.id) || [];
    const claims = claimsOf("asserted_by").get(w.id) || [];
    return view(w.title || w.doi || w.id,
      facts([
        ["Type", w.type],
        ["Authors", joined((w.authors || []).map((p) => link("person", p)))],
        ["In", [w.container, w.volume && "vol. " + w.volume, w.issue && "issue " + w.issue, w.pages]
          .filter(Boolean).join(", ")],
        ["Year", w.year],
        ["DOI", w.doi ? outside("https://doi.org/" + w.doi, w.doi) : null],
        ["PubMed", w.pmid],
        ["PubMed Central", w.pmcid],
        ["Address", w.url ? outside(w.url) : null],
      ]),
      section("Cites", cites.length ? table(["Work", "CiTO intents"], cites) : h("p", {}, "No citation is recorded.")),
      section("Cited by", cited.length ? table(["Work", "CiTO intents"], cited) : h("p", {}, "No work here cites it.")),
      studies.length ? section("Reports", h("ul", {}, studies.map((s) => h("li", {}, link("study", s.id))))) : null,
      claims.length ? section("Claims it makes", claimList(claims)) : null);
  }

  function personView(p) {
    const works = worksBy().get(p.id) || [];
    return view(p.name,
      facts([
        ["ORCID iD", p.orcid ? outside("https://orcid.org/" + p.orcid, p.orcid) : null],
        ["Affiliations", (p.affiliations || []).join("; ")],
      ]),
      section("Works", listOrNone(works.map((w) => h("li", {}, link("work", w.id))), "None here.")));
  }

  function sampleView(s) {
    const members = membersOf().get(s.id) || [];
    return view("Sample: " + sampleLine(s),
      facts([
        ["Study", link("study", s.study)],
        ["Size", s.size],
        ["Sex", s.sex],
        ["Ages", s.age_min !== undefined || s.age_max !== undefined
          ? [s.age_min, s.age_max].map((a) => (a === undefined ? "?" : a)).join("–") : null],
        ["Defined by", s.characteristic],
        ["Description", s.description],
        ["Part of", s.part_of ? link("sample", s.part_of) : null],
      ]),
      (s.subgroups || []).length ? section("Subgroups", h("ul", {}, s.subgroups.map((id) => sampleItem(id)))) : null,
      members.length ? section("Participants", h("ul", {}, members.map((p) => h("li", {}, link("participant", p.id))))) : null);
  }

  function participantView(p) {
    const quotes = quotesBy().get(p.id) || [];
    return view(p.name || p.id,
      facts([
        ["Study", link("study", p.study)],
        ["Sample", p.sample ? link("sample", p.sample) : null],
        ...(p.traits || []).map(([key, value]) => [key, value]),
      ]),
      section("Quotes", quotes.length ? quotes.map((q) => quoteCard(q)) : h("p", {}, "None here.")));
  }

  function criterionView(c) {
    return view(c.kind === "inclusion" ? "Inclusion criterion" : "Exclusion criterion",
      h("blockquote", { class: "statement" }, h("p", { dir: "auto" }, c.text)),
      facts([
        ["Study", link("study", c.study)],
        ["As a program checks it", c.constraint || "not checkable: no constraint is given"],
        ["Stated in", c.stated_in ? link("work", c.stated_in) : null],
      ]));
  }

  function conceptView(c) {
    const mapped = mappingsTo().get("concept-" + c.id) || [];
    const claims = claimsOf("about").get(c.id) || [];
    const studies = all("study").filter((s) => (s.conditions || []).includes(c.id));
    const matches = (c.matches || []).map((m) => [m.relation, m.scheme, m.code || "",
      m.label || "", m.iri ? outside(m.iri) : "", m.note || ""]);
    return view(c.label,
      facts([
        ["Framework", c.scheme ? link("scheme", c.scheme) : null],
        ["IRI", c.iri ? outside(c.iri) : null],
        ["Notation", c.notation],
        ["Definition", c.definition],
      ]),
      matches.length ? section("Matches", table(["Relation", "Vocabulary", "Code", "Label", "IRI", "Note"], matches)) : null,
      section("Themes mapped to it", mapped.length ? mappedThemes(mapped) : h("p", {}, "None.")),
      studies.length ? section("Studies about it", h("ul", {}, studies.map((s) => h("li", {}, link("study", s.id))))) : null,
      claims.length ? section("Claims about it", claimList(claims)) : null);
  }
  function mappedThemes(mappings) {
    return h("ul", { class: "cards" }, mappings.map((m) => {
      const theme = by.theme.get(m.subject);
      const quotes = Array.from(quotesUnder(m.subject)).map((id) => by.quote.get(id));
      return h("li", {},
        h("p", {}, h("span", { class: "relation" }, m.relation), " ", link("theme", m.subject),
          h("span", { class: "meta" }, " (" + name("study", theme.study) + ") · " + plural(quotes.length, "quote")),
          " · ", link("mapping", m.id, "permalink")),
        h("p", { class: "why", dir: "auto" }, m.justification));
    }));
  }

  function schemeView(s) {
    return view(s.label,
      facts([
        ["IRI", s.iri ? outside(s.iri) : null],
        ["Definition", s.definition],
        ["Set out in", s.defined_in ? link("work", s.defined_in) : null],
      ]),
      section("Concepts", conceptTable(s.concepts || [])));
  }
  function conceptTable(ids) {
    return table(["Concept", "Themes mapped to it"], ids.map((id) => {
      const mapped = mappingsTo().get("concept-" + id) || [];
      return [link("concept", id), joined(mapped.map((m) => [link("theme", m.subject), " (" + m.relation + ")"]))];
    }));
  }

  function mappingView(m) {
    const theme = by.theme.get(m.subject);
    return view("Mapping",
      h("p", { class: "mapping" }, link("theme", m.subject), " ",
        h("span", { class: "relation" }, m.relation), " ", link(m.object_kind, m.object)),
      facts([
        ["Theme of the study", link("study", theme.study)],
        ["Relation", m.relation + " match (SKOS " + m.relation + "Match)"],
        ["Justification", m.justification],
      ]));
  }

  // -- lists -------------------------------------------------------------------------------

  function frameworks() {
    const loose = all("concept").filter((c) => !c.scheme);
    return view("Frameworks and mappings",
      all("scheme").map((s) => section(s.label, h("p", {}, link("scheme", s.id, "About the framework")),
        conceptTable(s.concepts || []))),
      loose.length ? section("Other concepts", conceptTable(loose.map((c) => c.id))) : null,
      section("Every mapping", all("mapping").length ? table(["Theme", "Study", "Relation", "Concept or theme", "Justification"],
        all("mapping").map((m) => [link("theme", m.subject), link("study", by.theme.get(m.subject).study),
          link("mapping", m.id, m.relation), link(m.object_kind, m.object), m.justification]))
        : h("p", {}, "No mapping.")));
  }
  function citations() {
    const rows = [];
    for (const w of all("work")) {
      for (const [cited, intents] of w.cites || []) rows.push([link("work", w.id), link("work", cited), intents.join(", ")]);
    }
    const counted = all("work").map((w) => [w, (citedBy().get(w.id) || []).length])
      .filter(([, n]) => n).sort((a, b) => b[1] - a[1]);
    return view("Citation network",
      h("p", {}, plural(rows.length, "citation") + " among " + plural(by.work.size, "work") + ", each with its CiTO intents."),
      section("Most cited", listOrNone(counted.map(([w, n]) => h("li", {}, link("work", w.id), h("span", { class: "meta" }, " · cited by " + n))), "No citation.")),
      section("Every citation", rows.length ? table(["Citing work", "Cited work", "CiTO intents"], rows) : h("p", {}, "No citation.")));
  }
  function works() {
    return view("Works", table(["Work", "Year", "Type", "Cited by"], all("work").map((w) =>
      [link("work", w.id), w.year ? String(w.year) : "", w.type, String((citedBy().get(w.id) || []).length)])));
  }
  function claims() {
    const kinds = ["finding", "background", "limitation"];
    return view("Claims", kinds.map((kind) => {
      const found = all("claim").filter((c) => c.kind === kind);
      return found.length ? section(kind[0].toUpperCase() + kind.slice(1) + "s", claimList(found)) : null;
    }));
  }
  const LISTS = [["studies", "Studies"], ["claims", "Claims and their evidence"],
    ["frameworks", "Frameworks and mappings"], ["citations", "Citation network"], ["works", "Works"]];
  const LIST_VIEWS = {
    studies: () => view("Studies", studyList()), claims, frameworks, citations, works,
  };
  const VIEWS = {
    study: studyView, theme: themeView, quote: quoteView, claim: claimView, work: workView,
    person: personView, sample: sampleView, participant: participantView, criterion: criterionView,
    concept: conceptView, scheme: schemeView, mapping: mappingView,
  };

  // -- search (folded as the library folds: case, accents, quote marks, dashes) ---------------

  const FOLDS = (data.folds || []).map(([pattern, replacement]) => [new RegExp(pattern, "gu"), replacement]);
  function fold(text) {
    let folded = text.toLowerCase();
    for (const [pattern, replacement] of FOLDS) folded = folded.replace(pattern, replacement);
    return folded;
  }
  const folded = () => index("folded", () => ({
    quotes: all("quote").map((q) => [q, fold(q.text)]),
    themes: all("theme").map((t) => [t, [t.label, ...(t.alt_labels || [])].map(fold)]),
  }));
  function searchView(query, everything) {
    const wanted = fold(query);
    if (!wanted.trim()) return home();
    const found = folded();
    const themes = found.themes.filter(([, labels]) => labels.some((l) => l.includes(wanted))).map(([t]) => t);
    const quotes = found.quotes.filter(([, text]) => text.includes(wanted)).map(([q]) => q);
    const shown = everything ? quotes : quotes.slice(0, SHOWN);
    status.textContent = plural(quotes.length, "quote") + " and " + plural(themes.length, "theme") + " match";
    const more = quotes.length > shown.length
      ? h("button", { type: "button", class: "more" }, "Show all " + quotes.length + " quotes") : null;
    if (more) {
      more.addEventListener("click", () => {
        draw(searchView(query, true), false);
        const next = main.querySelectorAll(".results .quote")[shown.length];
        const target = next && next.querySelector("a[href^='#quote-']");
        (target || main.querySelector("h1")).focus();
      });
    }
    return view("Search: “" + query + "”",
      h("p", { class: "meta" }, status.textContent + "."),
      section("Themes", themes.length
        ? h("ul", { class: "results" }, themes.map((t) => h("li", {}, link("theme", t.id),
          h("span", { class: "meta" }, " (" + name("study", t.study) + ")"))))
        : h("p", {}, "No theme label matches.")),
      section("Quotes", quotes.length ? h("div", { class: "results" }, shown.map((q) => quoteCard(q))) : h("p", {}, "No quote matches."), more));
  }

  // -- the router --------------------------------------------------------------------------

  function draw(drawn, focus) {
    main.replaceChildren(...drawn.nodes.flat(Infinity).filter(Boolean));
    document.title = drawn.title === SITE ? SITE : drawn.title + " – " + SITE;
    if (focus) main.querySelector("h1").focus();
  }
  function current() {
    let hash = location.hash.slice(1);
    try { hash = decodeURIComponent(hash); } catch (error) { /* left as written */ }
    return hash;
  }
  function route(focus) {
    const hash = current();
    if (hash.startsWith("search=")) {
      const query = hash.slice("search=".length);
      if (input.value !== query) input.value = query;
      draw(searchView(query, false), false);
      return;
    }
    status.textContent = "";
    input.value = "";
    before = null;
    if (hash === "main") return; // the skip link's own address: the view stays
    if (Object.hasOwn(LIST_VIEWS, hash)) return draw(LIST_VIEWS[hash](), focus);
    const dash = hash.indexOf("-");
    const kind = hash.slice(0, dash);
    const id = hash.slice(dash + 1);
    if (dash > 0 && Object.hasOwn(VIEWS, kind) && by[kind].has(id)) {
      return draw(VIEWS[kind](by[kind].get(id)), focus);
    }
    if (hash) {
      return draw(view("Not found", h("p", {}, "Nothing here has the address #" + hash + "."),
        h("p", {}, h("a", { href: "#" }, "Back to the start"))), focus);
    }
    draw(home(), focus);
  }

  let before = null; // the address to return to when the search box is emptied
  input.addEventListener("input", () => {
    const query = input.value;
    const searching = current().startsWith("search=");
    if (!query.trim()) {
      const back = before || "#";
      before = null;
      history.replaceState(null, "", back === "#" ? location.pathname + location.search : back);
      route(false);
      return;
    }
    const target = "#search=" + encodeURIComponent(query);
    if (searching) history.replaceState(null, "", target);
    else {
      before = location.hash || "#";
      history.pushState(null, "", target);
    }
    draw(searchView(query, false), false);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      // the first theme found, else the first quote's own address (not its speaker's)
      const first = main.querySelector(".results li a, .results .quote a[href^='#quote-']");
      (first || main.querySelector("h1")).focus();
    } else if (event.key === "Escape" && input.value) {
      input.value = "";
      input.dispatchEvent(new Event("input"));
    }
  });
  document.getElementById("skip").addEventListener("click", (event) => {
    event.preventDefault();
    const heading = main.querySelector("h1");
    (heading || main).focus();
  });
  window.addEventListener("hashchange", () => route(true));
  route(Boolean(location.hash));
})();
