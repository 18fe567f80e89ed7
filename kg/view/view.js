// The page's behaviour: a still network (positions come from the file), search that
// zooms to the match, a panel pinned by a click, copy and save-as-PNG. Corpus text is
// only ever set as textContent; links only from http(s) addresses.
(function () {
  "use strict";
  const DATA = window.KG_DATA;
  const nodes = new vis.DataSet(DATA.nodes);
  const edges = new vis.DataSet(DATA.edges);
  const options = {
    physics: false,
    layout: { improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 150, navigationButtons: false },
    nodes: { font: { size: 14, face: "Noto Sans CJK SC, sans-serif" } },
    edges: { font: { size: 11, align: "horizontal", color: "#555", strokeWidth: 3, strokeColor: "#fff",
                     face: "Noto Sans CJK SC, sans-serif" },
             color: { color: "#bbb", highlight: "#333", hover: "#777" },
             arrows: { to: { scaleFactor: 0.5 } } },
  };
  const container = document.getElementById("network");
  const network = new vis.Network(container, { nodes, edges }, options);
  network.once("afterDrawing", function () { document.body.dataset.settled = "yes"; });
  if (DATA.nodes.length === 0) document.body.dataset.settled = "yes";

  // Search: the best node whose name or alias holds the text is centred, zoomed to
  // and selected with its neighbours; Enter moves to the next match.
  const search = document.getElementById("search");
  let matches = [], at = 0;
  function show(i) {
    if (!matches.length) { network.unselectAll(); return; }
    const id = matches[i % matches.length];
    const near = network.getConnectedNodes(id);
    network.selectNodes([id].concat(near), true);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    search.dataset.match = id;
  }
  search.addEventListener("input", function () {
    const q = search.value.trim();
    // exact name or alias first, then names starting with it, then the rest holding it
    function rank(n) {
      const names = [String(n.label)].concat(n.aliases || []);
      if (names.includes(q)) return 0;
      if (names.some(function (a) { return a.startsWith(q); })) return 1;
      return names.some(function (a) { return a.includes(q); }) ? 2 : 3;
    }
    matches = !q ? [] : DATA.nodes.map(function (n) { return [rank(n), n.id]; })
      .filter(function (r) { return r[0] < 3; })
      .sort(function (a, b) { return a[0] - b[0]; }).map(function (r) { return r[1]; });
    at = 0;
    delete search.dataset.match;
    show(0);
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && matches.length) { at += 1; show(at); }
  });

  // The panel: a click on a node or an edge pins its details until closed.
  const panel = document.getElementById("panel"), body = document.getElementById("panel-body");
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function link(url, text) {
    if (!/^https?:\/\//i.test(url || "")) return el("span", text);
    const a = el("a", text);
    a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
    return a;
  }
  function source(s) {
    const box = el("div", null, "source");
    box.appendChild(el("blockquote", s.text));
    const meta = el("div", null, "src");
    meta.appendChild(link(s.url, "《" + (s.title || s.doc) + "》"));
    const bits = [s.date || "日期不详", s.publisher, s.url || s.doc,
                  "[" + s.start + ":" + s.end + "]", s.extractor,
                  s.confidence === null || s.confidence === undefined ? "" : "置信度 confidence " + s.confidence];
    meta.appendChild(el("span", " " + bits.filter(Boolean).join(" · ")));
    box.appendChild(meta);
    return box;
  }
  function pin(kind, id) {
    const d = DATA.details[kind][id];
    if (!d) return;
    body.replaceChildren();
    panel.dataset.kind = kind; panel.dataset.id = id;
    if (kind === "edges") {
      body.appendChild(el("h2", d.from + " —" + d.label + "→ " + d.to));
      body.appendChild(el("div", d.label_other + " (" + d.type + ")", "src"));
      Object.keys(d.props).forEach(function (k) { body.appendChild(el("div", k + ": " + d.props[k])); });
      d.sources.forEach(function (s) { body.appendChild(source(s)); });
      if (d.more) body.appendChild(el("div", "… 另有 " + d.more + " 句 more sentences", "src"));
    } else {
      body.appendChild(el("h2", d.name));
      body.appendChild(el("div", d.type_zh + " " + d.type + " · " + d.degree + " 条关系 relationships", "src"));
      if (d.aliases.length) body.appendChild(el("div", "别名 aliases: " + d.aliases.join("、")));
      Object.keys(d.props).forEach(function (k) { body.appendChild(el("div", k + ": " + d.props[k])); });
      network.getConnectedEdges(id).forEach(function (eid) {
        const e = DATA.details.edges[eid];
        if (!e) return;
        const row = el("div", e.from + " —" + e.label + "→ " + e.to, "rel");
        row.style.cursor = "pointer";
        row.addEventListener("click", function () { pin("edges", eid); });
        body.appendChild(row);
      });
    }
    panel.hidden = false;
  }
  network.on("click", function (p) {
    if (p.nodes.length) pin("nodes", p.nodes[0]);
    else if (p.edges.length) pin("edges", p.edges[0]);
  });
  document.getElementById("close").addEventListener("click", function () { panel.hidden = true; });
  document.getElementById("copy").addEventListener("click", function () {
    const text = Array.from(body.querySelectorAll("h2, blockquote, .src, div"))
      .filter(function (e) { return !e.querySelector("blockquote"); })
      .map(function (e) {
        const a = e.querySelector("a");
        return e.innerText + (a ? " " + a.href : "");
      }).join("\n");
    panel.dataset.copied = text;
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).catch(function () {});
    else {
      const t = el("textarea"); t.value = text; document.body.appendChild(t); t.select();
      try { document.execCommand("copy"); } catch (e) { /* nothing to do */ }
      t.remove();
    }
  });

  // Save as PNG: the canvas on white, as a download.
  document.getElementById("png").addEventListener("click", function () {
    const src = container.querySelector("canvas");
    const c = document.createElement("canvas");
    c.width = src.width; c.height = src.height;
    const g = c.getContext("2d");
    g.fillStyle = "#fff"; g.fillRect(0, 0, c.width, c.height); g.drawImage(src, 0, 0);
    c.toBlob(function (blob) {
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = (document.title.split(" — ")[0] || "kg-view").replace(/[\\/:*?"<>|\s]+/g, "_") + ".png";
      document.body.appendChild(a); a.click(); a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
    }, "image/png");
  });
  window.kgView = { network: network, nodes: nodes, edges: edges, data: DATA };
})();
