/* SGAM explorer: reads explorer.json (built by `sgam-onto publish` from the catalogue queries),
   draws the plane and lists what a selection concerns. No dependencies. The selection lives in
   the URL query (?domain=&zone=, ?actor=, ?interaction=, ?body=, ?standard=, ?q=), so every
   view is a link; history.pushState and popstate make back and forward work. */
(function () {
  "use strict";
  let D = null;
  const $ = (id) => document.getElementById(id);
  const VIEW = { actor: "actor", body: "body", group: "body", standard: "standard",
    document: "standard", interaction: "interaction" };
  const SEARCHED = ["actor", "body", "group", "standard", "document", "context", "interaction",
    "coordination", "term"];

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "class") node.className = value;
      else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) {
        node.append(typeof child === "string" ? document.createTextNode(child) : child);
      }
    }
    return node;
  }
  const kindOf = (k) => k.split("/")[0];
  const slugOf = (k) => k.slice(k.indexOf("/") + 1);
  const label = (k) => (D.res[k] ? D.res[k][0] : k);
  const shortName = (k) => (D.res[k] && D.res[k][1].length && kindOf(k) === "actor"
    ? D.res[k][1][0] : label(k));
  const norm = (s) => String(s).toLowerCase().replace(/\s+/g, " ").trim();
  const viewHref = (k) => (VIEW[kindOf(k)]
    ? "?" + VIEW[kindOf(k)] + "=" + encodeURIComponent(slugOf(k)) : null);
  const uniq = (xs) => [...new Set(xs.filter((x) => x))];

  /* One entry: the explorer view where there is one, and the resource page. */
  function entry(k, ...extra) {
    const page = D.res[k] ? D.res[k][2] : null;
    const view = viewHref(k);
    const li = el("li", { "data-key": k });
    if (view) {
      li.append(el("a", { href: view, class: "sel" }, label(k)));
      if (page) li.append(" ", el("a", { href: page, class: "page",
        "aria-label": "page of " + label(k) }, "page"));
    } else {
      li.append(page ? el("a", { href: page }, label(k)) : label(k));
    }
    if (extra.length) li.append(" ", el("span", { class: "muted" }, ...extra));
    return li;
  }
  function section(title, items) {
    return el("section", { class: "list" }, el("h3", {}, title + " (" + items.length + ")"),
      items.length ? el("ul", {}, items) : el("p", { class: "muted" }, "none"));
  }
  const arrow = (row) => (row.dir === "bidirectional" ? " ↔ " : " → ");
  function interactionItem(row, extra) {
    return entry(row.key, shortName(row.from) + arrow(row) + shortName(row.to) + " · " +
      row.kind + (row.dir ? ", " + row.dir : "") + (extra ? " · " + extra : ""));
  }

  /* The plane: a table of zones (rows) by domains (columns), each cell a link to its view
     and the links of the actors placed there. */
  function drawPlane() {
    const head = el("tr", {}, el("td", {}), D.domains.map((d, i) =>
      el("th", { scope: "col", class: i === D.domains.length - 1 ? "none" : null }, d)));
    const body = D.zones.map((z, zi) => el("tr", {},
      el("th", { scope: "row", class: zi === D.zones.length - 1 ? "none" : null }, z),
      D.domains.map((d, di) => {
        const here = Object.keys(D.actors).filter((a) =>
          D.actors[a].cells.some((c) => c[0] === di && c[1] === zi))
          .sort((a, b) => shortName(a).localeCompare(shortName(b)));
        const href = "?domain=" + encodeURIComponent(d) + "&zone=" + encodeURIComponent(z);
        return el("td", { "data-cell": di + "," + zi },
          el("a", { href: href, class: "cell" }, here.length + (here.length === 1
            ? " actor" : " actors"), el("span", { class: "visually-hidden" },
            " in " + d + ", " + z)),
          here.length ? el("ul", {}, here.map((a) => el("li", {},
            el("a", { href: viewHref(a), class: "actor " + D.actors[a].class, "data-key": a,
              title: label(a) }, shortName(a))))) : null);
      })));
    $("plane").replaceChildren(el("table", { class: "plane" },
      el("caption", { class: "visually-hidden" }, "SGAM plane: zones by domains"),
      el("thead", {}, head), el("tbody", {}, body)));
    const seen = new Set();
    $("interactions").replaceChildren(...D.interactions.filter((r) => {
      const fresh = !seen.has(r.key);
      seen.add(r.key);
      return fresh;
    }).map((r) => el("li", { "data-key": r.key, value: String(r.n) },
      el("a", { href: viewHref(r.key), class: "sel" }, D.res[r.key] ? r.title : r.key),
      el("span", { class: "muted" }, " " + shortName(r.from) + arrow(r) + shortName(r.to)))));
    const listOf = (kinds) => Object.keys(D.res).filter((k) => kinds.includes(kindOf(k)))
      .sort((a, b) => label(a).localeCompare(label(b)))
      .map((k) => el("li", {}, el("a", { href: viewHref(k), class: "sel" }, label(k))));
    const bodies = listOf(["body", "group"]);
    const standards = listOf(["standard"]);
    $("views").replaceChildren(
      el("details", {}, el("summary", {}, "Bodies (" + bodies.length + ")"), el("ul", {}, bodies)),
      el("details", {}, el("summary", {}, "Standards (" + standards.length + ")"),
        el("ul", {}, standards)));
  }

  /* Finding a resource by slug, label or short form, as a permalink writes it. */
  function resolve(kinds, value) {
    const v = norm(value);
    for (const kind of kinds) if (D.res[kind + "/" + v]) return kind + "/" + v;
    return Object.keys(D.res).find((k) => kinds.includes(kindOf(k)) &&
      (norm(D.res[k][0]) === v || D.res[k][1].some((s) => norm(s) === v))) || null;
  }
  function axisIndex(names, value) {
    if (value === null) return null;
    const v = norm(value);
    const i = names.findIndex((n) => norm(n) === v);
    if (i >= 0) return i;
    return v === "not stated" || v === "none" ? names.length - 1 : -1;
  }

  /* What stands behind a set of interactions: contexts, standards, bodies, and the
     coordination items those bodies are parties to. */
  function behind(keys, keep) {
    const rows = keys.flatMap((k) => (D.behind[k] || []).filter(keep || (() => true)));
    return { contexts: uniq(rows.map((r) => r[0])), bodies: uniq(rows.map((r) => r[2])),
      standards: uniq(rows.map((r) => r[3])), rows: rows };
  }
  function coordination(bodies, roles) {
    const items = new Map();
    for (const b of bodies) {
      for (const [item, role] of (D.bodies[b] || {}).coordination || []) {
        if (!roles || roles.includes(role)) items.set(item, true);
      }
    }
    return [...items.keys()].sort((a, b) => D.items[a].n - D.items[b].n);
  }
  function itemEntry(item, exclude) {
    const it = D.items[item];
    const partners = it.parties.filter((p) => !exclude.includes(p)).map(label);
    const li = entry(item, (partners.length ? "with " + partners.join(", ") : "") + "");
    if (it.high) {
      li.classList.add("high");
      li.prepend(el("strong", { class: "badge" }, "high importance"), " ");
    }
    return li;
  }
  function discrepancies(keys) {
    const set = new Set(keys);
    return D.discrepancies.filter((d) => d.about.some((k) => set.has(k)));
  }
  function discrepancyEntry(d) {
    const k = d.keys[0];
    const li = el("li", { "data-key": k || null },
      k && D.res[k] ? el("a", { href: D.res[k][2] }, d.topic) : d.topic);
    li.append(" ", el("span", { class: "muted" }, [d.kind, d.severity].filter((x) => x)
      .join(", ")));
    return li;
  }
  const PARTY = ["party", "member of party group"];

  /* A selection: what the details panel lists and what the plane highlights. */
  function listing(title, actors, rows, opts) {
    const o = opts || {};
    const keys = uniq(rows.map((r) => r.key));
    const b = behind(keys);
    const bodies = uniq([...(o.bodies || []), ...b.bodies]);
    const items = o.items || coordination(b.bodies, PARTY);
    const all = [...actors, ...keys, ...b.contexts, ...b.standards, ...bodies, ...items,
      ...(o.about || [])];
    const parts = [];
    if (o.first) parts.push(...o.first);
    parts.push(
      section("Actors", actors.map((a) => entry(a, D.actors[a] ? D.actors[a].class : ""))),
      section("Interactions", rows.map((r) => interactionItem(r, o.side && o.side[r.n]))),
      section("Interface contexts", (o.contexts || b.contexts).map((c) => entry(c))),
      section("Standards", (o.standards || b.standards).map((s) => entry(s))),
      section("Bodies", bodies.map((x) => entry(x))),
      section("Coordination items", items.map((i) => itemEntry(i, o.self || []))),
      section("Discrepancies", discrepancies(all).map(discrepancyEntry)));
    return { title: title, parts: parts, actors: actors, interactions: keys,
      summary: actors.length + " actors, " + keys.length + " interactions, " +
        bodies.length + " bodies, " + items.length + " coordination items" };
  }
  const rowsOf = (pred) => D.interactions.filter(pred);

  function cellView(di, zi) {
    const actors = Object.keys(D.actors).filter((a) => D.actors[a].cells.some((c) =>
      (di === null || c[0] === di) && (zi === null || c[1] === zi)));
    const set = new Set(actors);
    const name = [di === null ? null : D.domains[di], zi === null ? null : D.zones[zi]]
      .filter((x) => x !== null).join(" × ");
    const view = listing("Cell " + name, actors, rowsOf((r) => set.has(r.from) || set.has(r.to)));
    view.cells = [di, zi];
    return view;
  }
  function actorView(a) {
    const sides = {};
    for (const [n, side] of D.actors[a].interactions) sides[n] = (sides[n] ? sides[n] + ", " : "") + side;
    return listing("Actor " + label(a), [a], rowsOf((r) => r.n in sides), { side: sides });
  }
  function interactionView(k) {
    const rows = rowsOf((r) => r.key === k);
    const actors = uniq(rows.flatMap((r) => [r.from, r.to]));
    return listing("Interaction " + slugOf(k) + ": " + rows[0].title, actors, rows);
  }
  function marks(bodies) {
    return bodies.flatMap((x) => ((D.bodies[x] || {}).table1 || []).map((m) =>
      entry(m[0], (m[1] === label(m[0]) ? "" : "column " + m[1] + ": ") + m[3] + " in row " +
        m[2] + (m[4] === "row" ? "" : " (" + m[4] + ")"))));
  }
  function bodyView(k) {
    const B = D.bodies[k] || { standards: [], table1: [], coordination: [] };
    const stds = uniq(B.standards.map((s) => s[0]));
    const keep = (r) => r[2] === k || stds.includes(r[3]);
    const keys = Object.keys(D.behind).filter((i) => D.behind[i].some(keep));
    const rows = rowsOf((r) => keys.includes(r.key));
    const b = behind(keys, keep);
    const contexts = uniq([...b.contexts, ...B.table1.map((m) => m[0])]);
    const items = coordination([k]);
    const view = listing("Body " + label(k), uniq(rows.flatMap((r) => [r.from, r.to])), rows, {
      bodies: [k], items: items, self: [k], contexts: contexts, standards: stds, about: [k],
      first: [section("Standards it maintains", B.standards.map((s) =>
        entry(s[0], s[1] + (s[1] === "direct" ? "" : ", " + label(s[2]))))),
      section("Table 1 marks", marks([k]))] });
    return view;
  }
  function standardView(k) {
    const keep = (r) => r[3] === k;
    const keys = Object.keys(D.behind).filter((i) => D.behind[i].some(keep));
    const rows = rowsOf((r) => keys.includes(r.key));
    const b = behind(keys, keep);
    const maintainers = Object.keys(D.bodies).filter((x) =>
      D.bodies[x].standards.some((s) => s[0] === k && s[1] === "direct"));
    const bodies = uniq([...maintainers, ...b.bodies]);
    return listing("Standard " + label(k), uniq(rows.flatMap((r) => [r.from, r.to])), rows, {
      bodies: bodies, items: coordination(maintainers, PARTY), self: maintainers,
      contexts: b.contexts, standards: [k], about: [k],
      first: [section("Maintained by", maintainers.map((x) => entry(x))),
        section("Table 1 marks", marks(maintainers))] });
  }
  function searchView(q) {
    const v = norm(q);
    const hits = v ? Object.keys(D.res).filter((k) => SEARCHED.includes(kindOf(k)) &&
      (norm(D.res[k][0]).includes(v) || D.res[k][1].some((s) => norm(s).includes(v)) ||
       norm(slugOf(k).replace(/-/g, " ")).includes(v))) : [];
    hits.sort((a, b) => SEARCHED.indexOf(kindOf(a)) - SEARCHED.indexOf(kindOf(b)) ||
      label(a).localeCompare(label(b)));
    const items = hits.map((k) => {
      const target = D.terms[k];
      const li = entry(target && viewHref(target) ? target : k, kindOf(k));
      if (target) li.append(" ", el("span", { class: "muted" }, "(" + label(k) + ")"));
      return li;
    });
    const actors = hits.map((k) => D.terms[k] || k).filter((k) => D.actors[k]);
    return { title: "Search: " + q, parts: [section("Results", items)], actors: actors,
      interactions: hits.filter((k) => kindOf(k) === "interaction"),
      summary: hits.length + " results" };
  }

  function current() {
    const p = new URLSearchParams(location.search);
    const missing = (what, value) => ({ title: "Not found: " + what + " “" + value + "”",
      parts: [el("p", {}, "Nothing in the landscape has that name; try the search.")],
      actors: [], interactions: [], summary: "nothing selected" });
    if (p.has("domain") || p.has("zone")) {
      const di = axisIndex(D.domains, p.get("domain"));
      const zi = axisIndex(D.zones, p.get("zone"));
      if (di === -1) return missing("domain", p.get("domain"));
      if (zi === -1) return missing("zone", p.get("zone"));
      return cellView(di, zi);
    }
    const kinds = { actor: ["actor"], interaction: ["interaction"], body: ["body", "group"],
      standard: ["standard", "document"] };
    const views = { actor: actorView, interaction: interactionView, body: bodyView,
      standard: standardView };
    for (const name of Object.keys(kinds)) {
      if (p.has(name)) {
        const k = resolve(kinds[name], p.get(name));
        return k ? views[name](k) : missing(name, p.get(name));
      }
    }
    if (p.has("q")) return searchView(p.get("q"));
    return null;
  }

  function render(moveFocus) {
    const view = current();
    const q = new URLSearchParams(location.search).get("q");
    $("q").value = q || "";
    const here = location.search;
    for (const a of document.querySelectorAll(".explorer a[href^='?']")) {
      if (a.getAttribute("href") === here) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    }
    const actors = new Set(view ? view.actors : []);
    const inter = new Set(view ? view.interactions : []);
    for (const a of document.querySelectorAll("#plane a.actor")) {
      a.classList.toggle("hl", actors.has(a.dataset.key));
    }
    for (const td of document.querySelectorAll("#plane td[data-cell]")) {
      const [di, zi] = td.dataset.cell.split(",").map(Number);
      const cell = view && view.cells && (view.cells[0] === null || view.cells[0] === di) &&
        (view.cells[1] === null || view.cells[1] === zi);
      td.classList.toggle("hl", Boolean(cell));
    }
    for (const li of document.querySelectorAll("#interactions li")) {
      li.classList.toggle("hl", inter.has(li.dataset.key));
    }
    $("details-title").textContent = view ? view.title : "Nothing selected";
    $("details-body").replaceChildren(...(view ? view.parts
      : [el("p", {}, "Select a cell, an actor, an interaction, a body or a standard, or search.")]));
    $("status").textContent = view ? view.title + ": " + view.summary : "";
    document.title = (view ? view.title + " — " : "") + "SGAM explorer — sgam-onto";
    if (moveFocus) $("details-title").focus();
  }

  function go(href) {
    history.pushState(null, "", href);
    render(true);
  }

  document.addEventListener("click", (event) => {
    const a = event.target.closest("a");
    if (!a || !D || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const href = a.getAttribute("href");
    if (href && href.startsWith("?")) {
      event.preventDefault();
      go(href);
    }
  });
  $("search").addEventListener("submit", (event) => {
    event.preventDefault();
    if (D) go("?q=" + encodeURIComponent($("q").value.trim()));
  });
  window.addEventListener("popstate", () => { if (D) render(false); });

  fetch("explorer.json").then((r) => {
    if (!r.ok) throw new Error("explorer.json: HTTP " + r.status);
    return r.json();
  }).then((data) => {
    D = data;
    drawPlane();
    render(false);
    // On a narrow screen the listing comes after the plane: a permalink opens on the listing.
    if (location.search && !matchMedia("(min-width: 1100px)").matches) {
      $("details").scrollIntoView();
    }
    document.body.dataset.explorer = "ready";
    performance.mark("explorer-ready");  // time to interactive, read by benchmarks/
  }).catch((err) => {
    $("plane").replaceChildren(el("p", {}, "The explorer data could not be read: " + err.message));
    console.error(err);
  });
}());
