// The report's search box over SEARCH, the index search_index.py embeds: BM25 (k1 1.2, b 0.75)
// as the lake's search() macro ranks words. A query is cut into the index's words by longest
// match (the page has no segmenter); a leading - excludes the articles holding a word.
(function () {
  const box = document.getElementById("search-box");
  const list = document.getElementById("search-results");
  const status = document.getElementById("search-status");
  if (!box || !SEARCH) return;
  const docs = SEARCH.docs, N = docs.length, terms = SEARCH.terms;
  const longest = Math.max(...Object.keys(terms).map((t) => t.length), 1);
  const cache = new Map();

  function postings(term) {          // "gap[*count],..." in base 36 → [[index, count], ...]
    if (!cache.has(term)) {
      let at = 0;
      cache.set(term, (terms[term] || "").split(",").filter(Boolean).map((p) => {
        const [gap, tf] = p.split("*");
        at += parseInt(gap, 36);
        return [at, tf ? parseInt(tf, 36) : 1];
      }));
    }
    return cache.get(term);
  }

  function words(chunk) {            // the chunk itself if indexed, else its longest indexed pieces
    if (chunk in terms) return [chunk];
    const out = [];
    for (let i = 0; i < chunk.length;) {
      let n = Math.min(longest, chunk.length - i);
      while (n > 0 && !(chunk.substr(i, n) in terms)) n--;
      if (n > 0) { out.push(chunk.substr(i, n)); i += n; } else i++;
    }
    return out;
  }

  function search(query) {
    const wanted = [], unwanted = [];
    for (const raw of query.replace(/[“”"「」]/g, " ").split(/[\s，、]+/)) {
      if (!raw || raw === "-") continue;
      if (raw.startsWith("-")) unwanted.push(...words(raw.slice(1)));
      else wanted.push(...words(raw));
    }
    const excluded = new Set(unwanted.flatMap((t) => postings(t).map(([d]) => d)));
    const scores = new Map();
    for (const term of new Set(wanted)) {
      const hits = postings(term);
      const idf = Math.log(1 + (N - hits.length + 0.5) / (hits.length + 0.5));
      for (const [d, tf] of hits) {
        if (excluded.has(d)) continue;
        const s = idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * docs[d][5] / SEARCH.avgdl));
        scores.set(d, (scores.get(d) || 0) + s);
      }
    }
    // ties in article_id order, as the macro breaks them (docs are sorted by it)
    const ranked = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return { wanted: [...new Set(wanted)], ranked };
  }

  function show() {
    const query = box.value.trim();
    list.replaceChildren();
    if (!query) { status.textContent = ""; return; }
    const { wanted, ranked } = search(query);
    status.textContent = !wanted.length ? "No word of the query is in these months."
      : `${ranked.length.toLocaleString()} articles hold ${wanted.join(" / ")}` + (ranked.length > 20 ? "; the top 20:" : ":");
    for (const [d, score] of ranked.slice(0, 20)) {
      const [id, day, paper, page, headline] = docs[d];
      const li = document.createElement("li");
      const head = document.createElement("b");
      head.textContent = headline || "(no headline)";
      const meta = document.createElement("span");
      meta.textContent = ` ${day} · ${paper}${page ? " · p" + page : ""} · score ${score.toFixed(2)}`;
      li.dataset.article = id;
      li.append(head, meta);
      list.append(li);
    }
  }
  box.addEventListener("input", show);
})();
