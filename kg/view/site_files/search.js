// Client-side search over every entity, by name and alias: exact first, then prefix,
// then substring. Results are links built with textContent, never markup.
(function () {
  "use strict";
  const INDEX = window.KG_INDEX, q = document.getElementById("q"), out = document.getElementById("results");
  function rank(e, s) {
    const names = [e.n].concat(e.a);
    if (names.includes(s)) return 0;
    if (names.some(function (x) { return x.startsWith(s); })) return 1;
    return names.some(function (x) { return x.includes(s); }) ? 2 : 3;
  }
  q.addEventListener("input", function () {
    const s = q.value.trim();
    out.replaceChildren();
    if (!s) return;
    INDEX.map(function (e) { return [rank(e, s), e]; }).filter(function (r) { return r[0] < 3; })
      .sort(function (a, b) { return a[0] - b[0]; }).slice(0, 50).forEach(function (r) {
        const e = r[1], li = document.createElement("li"), a = document.createElement("a");
        a.href = e.u; a.textContent = e.n;
        const t = document.createElement("span");
        t.className = "type";
        t.textContent = e.t + (e.a.length ? " · " + e.a.join("、") : "");
        li.appendChild(a); li.appendChild(t); out.appendChild(li);
      });
  });
})();
