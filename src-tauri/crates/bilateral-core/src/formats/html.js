(function () {
  "use strict";
  // The words and colours are the core's (its vocabulary and each event's dates as it words
  // them), inlined beside the data so this page keeps no copy of its own.
  var words = JSON.parse(document.getElementById("bilateral-words").textContent);

  function byCode(entries) {
    var map = {};
    (entries || []).forEach(function (entry) { map[entry.code] = entry; });
    return map;
  }

  var KINDS = byCode(words.vocabulary.kinds);
  var SIDES = byCode(words.vocabulary.sides);
  var VERIFICATIONS = byCode(words.vocabulary.verifications);

  function own(map, key) { return Object.prototype.hasOwnProperty.call(map, key); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function webUrl(text) {
    try {
      var url = new URL(String(text));
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  var data = JSON.parse(document.getElementById("bilateral-data").textContent);
  var list = document.getElementById("events");
  var search = document.getElementById("search");
  var count = document.getElementById("count");
  var years = [];

  (data.events || []).forEach(function (event, index) {
    var year = String(event.start).slice(0, 4);
    var group = years[years.length - 1];
    if (!group || group.year !== year) {
      group = { year: year, heading: el("h2", "year", year), entries: [] };
      list.appendChild(group.heading);
      years.push(group);
    }
    var kind = own(KINDS, event.kind) ? event.kind : "other";
    var article = el("article", "event kind-" + kind);
    if (own(KINDS, kind)) {
      article.style.setProperty("--kind-light", KINDS[kind].colour.light);
      article.style.setProperty("--kind-dark", KINDS[kind].colour.dark);
    }
    var when = words.dates[index] || String(event.start);
    var meta = el("div", "meta");
    var time = el("time", "", when);
    time.dateTime = String(event.start);
    meta.appendChild(time);
    meta.appendChild(el("span", "kind", own(KINDS, kind) ? KINDS[kind].label : kind));
    article.appendChild(meta);
    article.appendChild(el("h3", "", event.title));
    if (event.title_zh) {
      var zh = el("p", "title-zh", event.title_zh);
      zh.lang = "zh-Hans";
      article.appendChild(zh);
    }
    if (own(VERIFICATIONS, event.verification)) {
      article.appendChild(el("p", "verification", VERIFICATIONS[event.verification].label));
    }
    if (event.summary) { article.appendChild(el("p", "summary", event.summary)); }
    var actors = (event.actors || []).map(function (a) {
      var zh = a.name_zh ? " " + a.name_zh + (a.pinyin ? " · " + a.pinyin : "") : "";
      return a.name + zh + " (" + (own(SIDES, a.side) ? SIDES[a.side].label : a.side) + ")";
    });
    if (actors.length) { article.appendChild(el("p", "actors", actors.join(" · "))); }
    if (event.location) { article.appendChild(el("p", "place", event.location)); }
    if (event.tags && event.tags.length) {
      article.appendChild(el("p", "tags", event.tags.map(function (t) { return "#" + t; }).join(" ")));
    }
    var sources = event.sources || [];
    if (sources.length) {
      var ul = el("ul", "sources");
      sources.forEach(function (source) {
        var li = el("li");
        var href = webUrl(source.url);
        var name = source.title || source.url;
        if (href) {
          var a = el("a", "", name);
          a.href = href;
          a.rel = "noopener noreferrer";
          a.target = "_blank";
          li.appendChild(a);
        } else {
          li.appendChild(el("span", "", name));
        }
        if (source.publisher) { li.appendChild(document.createTextNode(" — " + source.publisher)); }
        ul.appendChild(li);
      });
      article.appendChild(ul);
    }
    list.appendChild(article);
    var haystack = [event.title, event.title_zh || "", event.summary, event.location, when, own(KINDS, kind) ? KINDS[kind].label : kind]
      .concat(actors, event.tags || [], sources.map(function (s) { return s.title + " " + s.publisher; }))
      .join(" ").toLowerCase();
    group.entries.push({ node: article, text: haystack });
  });

  function apply() {
    var query = search.value.trim().toLowerCase();
    var shown = 0;
    var total = 0;
    years.forEach(function (group) {
      var visible = 0;
      group.entries.forEach(function (entry) {
        var match = !query || entry.text.indexOf(query) !== -1;
        entry.node.hidden = !match;
        if (match) { visible += 1; }
      });
      group.heading.hidden = visible === 0;
      shown += visible;
      total += group.entries.length;
    });
    count.textContent = query ? shown + " of " + total + " events" : total + " events";
  }

  search.addEventListener("input", apply);
  apply();
}());
