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
  var events = data.events || [];
  var list = document.getElementById("events");
  var search = document.getElementById("search");
  var count = document.getElementById("count");

  // A long page builds its events as the reader comes to them: building every one of 100,000
  // when the page opened kept Chromium busy for over two minutes. A page short enough to print
  // or search with the browser's own find is built whole.
  var WHOLE_UP_TO = 1000;
  var STEP = 200;

  function label(map, code) { return own(map, code) ? map[code].label : code; }

  function actorNames(event) {
    return (event.actors || []).map(function (a) {
      var zh = a.name_zh ? " " + a.name_zh + (a.pinyin ? " · " + a.pinyin : "") : "";
      return a.name + zh + " (" + label(SIDES, a.side) + ")";
    });
  }

  // What the search box looks in, worked out without building the event's elements.
  var entries = events.map(function (event, index) {
    var kind = own(KINDS, event.kind) ? event.kind : "other";
    var when = words.dates[index] || String(event.start);
    var text = [event.title, event.title_zh || "", event.summary, event.location, when, label(KINDS, kind)]
      .concat(actorNames(event), event.tags || [], (event.sources || []).map(function (s) { return s.title + " " + s.publisher; }))
      .join(" ").toLowerCase();
    return { event: event, kind: kind, when: when, text: text, node: null };
  });

  function build(entry) {
    var event = entry.event;
    var kind = entry.kind;
    var article = el("article", "event kind-" + kind);
    if (own(KINDS, kind)) {
      article.style.setProperty("--kind-light", KINDS[kind].colour.light);
      article.style.setProperty("--kind-dark", KINDS[kind].colour.dark);
    }
    var meta = el("div", "meta");
    var time = el("time", "", entry.when);
    time.dateTime = String(event.start);
    meta.appendChild(time);
    meta.appendChild(el("span", "kind", label(KINDS, kind)));
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
    var actors = actorNames(event);
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
    return article;
  }

  var matches = entries;
  var shown = 0;
  var lastYear = null;
  var more = el("button", "more");
  more.type = "button";
  list.parentNode.insertBefore(more, list.nextSibling);

  function number(n) { return n.toLocaleString("en-US"); }

  // Appends the next events that match, under their years' headings.
  function showMore() {
    var end = matches.length <= WHOLE_UP_TO ? matches.length : Math.min(matches.length, shown + STEP);
    var part = document.createDocumentFragment();
    for (; shown < end; shown += 1) {
      var entry = matches[shown];
      var year = String(entry.event.start).slice(0, 4);
      if (year !== lastYear) {
        part.appendChild(el("h2", "year", year));
        lastYear = year;
      }
      entry.node = entry.node || build(entry);
      part.appendChild(entry.node);
    }
    list.appendChild(part);
    var left = matches.length - shown;
    more.hidden = left === 0;
    more.textContent = "Show " + number(Math.min(left, STEP)) + " more of " + number(left);
  }

  function apply() {
    var query = search.value.trim().toLowerCase();
    matches = query ? entries.filter(function (entry) { return entry.text.indexOf(query) !== -1; }) : entries;
    list.textContent = "";
    shown = 0;
    lastYear = null;
    showMore();
    count.textContent = query
      ? number(matches.length) + " of " + number(entries.length) + " events"
      : number(entries.length) + " events";
  }

  more.addEventListener("click", showMore);
  // Coming near the end of what is built builds the next events, as the button would, until
  // the button is out of reach again (the observer says only when that changes).
  var AHEAD = 800;
  function fill() {
    if (!more.hidden && more.getBoundingClientRect().top < window.innerHeight + AHEAD) {
      showMore();
      window.requestAnimationFrame(fill);
    }
  }
  if (typeof IntersectionObserver === "function") {
    new IntersectionObserver(function (seen) {
      if (seen.some(function (s) { return s.isIntersecting; })) { fill(); }
    }, { rootMargin: "0px 0px " + AHEAD + "px 0px" }).observe(more);
  }
  search.addEventListener("input", apply);
  apply();
}());
