(function () {
  "use strict";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var KINDS = { summit: "Summit", meeting: "Meeting", call: "Call", visit: "Visit",
    statement: "Statement", agreement: "Agreement", trade_measure: "Trade measure",
    legislation: "Legislation", military_incident: "Military incident",
    cyber_intelligence: "Cyber / intelligence", legal_action: "Legal action",
    hearing: "Hearing", election: "Election", other: "Other" };
  var SIDES = { us: "US", china: "China", taiwan: "Taiwan", third_party: "Third party",
    international: "International" };
  var VERIFICATIONS = { corroborated: "Corroborated", single_source: "Single source",
    disputed: "Disputed", unsourced: "Unsourced" };

  function own(map, key) { return Object.prototype.hasOwnProperty.call(map, key); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function dateLabel(iso) {
    var parts = String(iso).split("-");
    if (parts.length === 1) { return parts[0]; }
    var month = monthName(parts[1]);
    if (parts.length === 2) { return month + " " + parts[0]; }
    return Number(parts[2]) + " " + month + " " + parts[0];
  }

  function monthName(number) { return MONTHS[Number(number) - 1] || String(number); }

  // Like the app: "15–16 November 2023", "30 November – 2 December 2023", "1971 – March 1972".
  function spanLabel(event) {
    if (!event.end || event.end === event.start) { return dateLabel(event.start); }
    var a = String(event.start).split("-");
    var b = String(event.end).split("-");
    if (a[0] === b[0] && a.length === 3 && b.length === 3) {
      if (a[1] === b[1]) { return Number(a[2]) + "–" + Number(b[2]) + " " + monthName(b[1]) + " " + b[0]; }
      return Number(a[2]) + " " + monthName(a[1]) + " – " + dateLabel(event.end);
    }
    if (a[0] === b[0] && a.length === 2 && b.length === 2) {
      return monthName(a[1]) + "–" + monthName(b[1]) + " " + b[0];
    }
    return dateLabel(event.start) + " – " + dateLabel(event.end);
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

  (data.events || []).forEach(function (event) {
    var year = String(event.start).slice(0, 4);
    var group = years[years.length - 1];
    if (!group || group.year !== year) {
      group = { year: year, heading: el("h2", "year", year), entries: [] };
      list.appendChild(group.heading);
      years.push(group);
    }
    var kind = own(KINDS, event.kind) ? event.kind : "other";
    var article = el("article", "event kind-" + kind);
    var meta = el("div", "meta");
    var time = el("time", "", spanLabel(event));
    time.dateTime = String(event.start);
    meta.appendChild(time);
    meta.appendChild(el("span", "kind", KINDS[kind]));
    article.appendChild(meta);
    article.appendChild(el("h3", "", event.title));
    if (event.title_zh) {
      var zh = el("p", "title-zh", event.title_zh);
      zh.lang = "zh-Hans";
      article.appendChild(zh);
    }
    if (own(VERIFICATIONS, event.verification)) {
      article.appendChild(el("p", "verification", VERIFICATIONS[event.verification]));
    }
    if (event.summary) { article.appendChild(el("p", "summary", event.summary)); }
    var actors = (event.actors || []).map(function (a) {
      var zh = a.name_zh ? " " + a.name_zh + (a.pinyin ? " · " + a.pinyin : "") : "";
      return a.name + zh + " (" + (own(SIDES, a.side) ? SIDES[a.side] : a.side) + ")";
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
    var haystack = [event.title, event.title_zh || "", event.summary, event.location, spanLabel(event), KINDS[kind]]
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
