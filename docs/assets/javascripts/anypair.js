/* Compare any two cases in the browser, on the page comparisons/any/.
 *
 * The page links the data the site build writes (assets/casebook/compare.json); this script
 * fills the page's two menus with the cases and draws the comparison of the chosen pair as a
 * pair page shows it: the similarity and its components, the answers side by side, the codes
 * both cases share and those only one has, each with the case's strongest quote and the
 * editors' verdict. `?a=ID&b=ID` chooses the pair.
 *
 * Every string of the data is text, never markup: nodes are made with createElement and text
 * nodes only, class names come from fixed lists, and a link is made only to a relative path on
 * this site. The similarity is computed as `casebook.compare` computes it, in the same order
 * of operations, so that the two agree to the last bit.
 */
(function () {
  "use strict";

  const CONTAINER_ID = "cb-anypair";
  const DATA_LINK_ID = "cb-anypair-data";
  const SELECT_IDS = ["cb-anypair-a", "cb-anypair-b"];
  const FORMAT = 1;
  /* The data is at assets/casebook/compare.json: the site's root is two folders above it. */
  const ROOT_FROM_DATA = "../../";
  /* A relative path on the site: folders and a file of plain characters, an optional anchor.
   * No scheme, no host, no absolute path, no segment that starts with a dot. */
  const RELATIVE_PATH =
    /^(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*\/)*(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*)?(?:#[A-Za-z0-9_-]+)?$/;
  const TOKEN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  const VERDICTS = new Set(["inaccurate", "dated", "disputed", "confirmed"]);
  const ENTITY_KINDS = ["party", "commodity", "place", "precedent"];

  /* ---- The similarity, as casebook.compare computes it ---- */

  /**
   * The similarity of two cases and its components.
   *
   * Each component is the Jaccard index of one pair of sets (shared ÷ in either), null when
   * neither case has anything; the similarity is the weighted mean of the defined components,
   * summed in component order, and 1 when none is defined.
   */
  function similarity(setsA, setsB, weights) {
    let total = 0;
    let weight = 0;
    const components = weights.map(function (w, k) {
      const a = new Set(setsA[k]);
      const b = new Set(setsB[k]);
      let shared = 0;
      for (const item of a) {
        if (b.has(item)) {
          shared += 1;
        }
      }
      const union = a.size + b.size - shared;
      const score = union ? shared / union : null;
      if (score !== null) {
        total += w * score;
        weight += w;
      }
      return { a: a.size, b: b.size, shared: shared, score: score };
    });
    return { value: weight ? total / weight : 1.0, components: components };
  }

  /**
   * A number with `digits` decimals, as Python's format spec `.2f` writes it.
   *
   * Both round the exact binary value; where it lies exactly halfway, which happens only when
   * the value times 2^(digits+1) is an odd integer, `toFixed` rounds up and Python to even.
   */
  function fixed(x, digits) {
    if (x < 0) {
      return "-" + fixed(-x, digits);
    }
    const halves = x * Math.pow(2, digits + 1);
    if (!Number.isInteger(halves) || halves % 2 === 0 || x >= 1e15) {
      return x.toFixed(digits);
    }
    const low = Math.floor(x * Math.pow(10, digits));
    const even = low % 2 === 0 ? low : low + 1;
    const whole = String(even).padStart(digits + 1, "0");
    return digits ? whole.slice(0, -digits) + "." + whole.slice(-digits) : whole;
  }

  /* ---- Safe nodes ---- */

  function own(object, key) {
    if (object === null || typeof object !== "object") {
      return undefined;
    }
    return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
  }

  function add(node, child) {
    if (child === null || child === undefined || child === false) {
      return;
    }
    if (Array.isArray(child)) {
      child.forEach(function (part) {
        add(node, part);
      });
    } else if (child instanceof Node) {
      node.appendChild(child);
    } else {
      node.appendChild(document.createTextNode(String(child)));
    }
  }

  /** An element with fixed attribute names; values and children are text. */
  function el(tag, attributes) {
    const node = document.createElement(tag);
    if (attributes) {
      for (const name of Object.keys(attributes)) {
        const value = attributes[name];
        if (value !== null && value !== undefined) {
          node.setAttribute(name, String(value));
        }
      }
    }
    for (let i = 2; i < arguments.length; i += 1) {
      add(node, arguments[i]);
    }
    return node;
  }

  function joined(parts, separator) {
    const out = [];
    parts.forEach(function (part, i) {
      if (i) {
        out.push(separator);
      }
      out.push(part);
    });
    return out;
  }

  /** Whether an address from the data is a relative path on this site. */
  function safePath(path) {
    return typeof path === "string" && path.length > 0 && path.length <= 2000 &&
      RELATIVE_PATH.test(path);
  }

  /** A link to a page of this site, or the text alone when the address is not one. */
  function link(ctx, path, children, title) {
    if (!safePath(path)) {
      return el("span", null, children);
    }
    const target = new URL(path, ctx.root);
    if (target.origin !== ctx.root.origin) {
      return el("span", null, children);
    }
    return el("a", { href: target.href, title: title }, children);
  }

  /* ---- The parts of a comparison ---- */

  function statusBadge(ctx, status) {
    const meaning = own(ctx.data.statuses, status);
    if (typeof status !== "string" || !TOKEN.test(status) || typeof meaning !== "string") {
      return null;
    }
    return el("span", { class: "cb-status cb-status-" + status, title: meaning }, status);
  }

  function verdictBadge(entry) {
    const verdict = own(entry, "verdict");
    if (!VERDICTS.has(verdict)) {
      return null;
    }
    const note = own(entry, "note");
    return el(
      "span",
      { class: "cb-verdict cb-verdict-" + verdict, title: typeof note === "string" ? note : "" },
      verdict
    );
  }

  /**
   * A claim by its id, linked to where it is shown in full, its verdict beside it.
   *
   * A claim of the case is on the case's page unless the data gives another address (null
   * where the claim is on no page); a claim the case does not list is not linked.
   */
  function claimLink(ctx, one, id) {
    const entry = own(one.claims, id);
    const code = el("code", null, id);
    if (entry === undefined) {
      return code;
    }
    const url = entry.url === undefined ? one.url + "#" + id : entry.url;
    const badge = verdictBadge(entry);
    return [url ? link(ctx, url, code) : code, badge ? [" ", badge] : null];
  }

  function claimLinks(ctx, one, ids) {
    return joined(ids.map(function (id) {
      return claimLink(ctx, one, id);
    }), ", ");
  }

  function entity(ctx, id) {
    const info = own(ctx.data.entities, id);
    const name = info && typeof info.name === "string" ? info.name : id;
    return info && info.url ? link(ctx, info.url, name) : name;
  }

  function source(ctx, id) {
    const info = own(ctx.data.sources, id);
    if (!info || typeof info.title !== "string") {
      return el("code", null, id);
    }
    return link(ctx, info.url, info.title);
  }

  function code(ctx, id) {
    const info = own(ctx.data.codes, id);
    if (!info || typeof info.label !== "string") {
      return el("code", null, id);
    }
    if (!info.url) {
      return info.label;
    }
    const definition = typeof info.definition === "string" ? info.definition : null;
    return link(ctx, info.url, info.label, definition);
  }

  function caseLink(ctx, one) {
    return link(ctx, one.url, one.title);
  }

  /** A table cell with attributes of its own. */
  function Cell(attributes, content) {
    this.attributes = attributes;
    this.content = content;
  }

  function table(head, rows, right, name) {
    const align = function (i) {
      return right && right.indexOf(i) >= 0 ? { style: "text-align: right" } : null;
    };
    const body = rows.map(function (row) {
      return el("tr", null, row.map(function (cell, i) {
        if (cell instanceof Cell) {
          return el("td", Object.assign({}, align(i), cell.attributes), cell.content);
        }
        return el("td", align(i), cell);
      }));
    });
    const heads = head.map(function (cell, i) {
      return el("th", align(i), cell);
    });
    /* Material styles tables without a class of their own: the name goes on the wrapper. */
    return el(
      "div",
      { class: "md-typeset__scrollwrap" + (name ? " " + name : "") },
      el("div", { class: "md-typeset__table" },
        el("table", null, el("thead", null, el("tr", null, heads)), el("tbody", null, body)))
    );
  }

  /** A case's evidence for a code: its strongest claim quoted, then the other claims. */
  function evidenceCell(ctx, one, found) {
    const claim = own(one.claims, found.claim) || {};
    const badge = statusBadge(ctx, claim.status);
    const parts = [
      badge ? [badge, " "] : null,
      el("q", { class: "cb-quote", "data-case": one.id, "data-claim": found.claim }, found.quote),
      " — ",
      source(ctx, found.source),
      ", ",
      claimLink(ctx, one, found.claim),
    ];
    if (VERDICTS.has(claim.verdict) && typeof claim.note === "string") {
      parts.push(el("br"), el("em", null, "Editors, " + claim.verdict + ":"), " ", claim.note);
    }
    parts.push(el("br"));
    if (found.origins === 1 && typeof found.origin === "string") {
      parts.push(el("span", { class: "cb-origins-single" }, "Single origin:"), " ",
        source(ctx, found.origin));
    } else {
      parts.push(String(found.origins) + " independent origins");
    }
    const also = Array.isArray(found.also) ? found.also : [];
    if (also.length) {
      parts.push(el("br"), "Also: ", joined(also.map(function (item) {
        return [claimLink(ctx, one, item[0]), " (" + item[1] + ")"];
      }), ", "));
    }
    return parts;
  }

  function answers(ctx, one, list) {
    if (!list.length) {
      return el("p", null, el("em", null, "The sources say nothing on this."));
    }
    return el("ul", null, list.map(function (answer) {
      const about = Array.isArray(answer.about) ? answer.about : [];
      const namesParty = about.length === 1 && about[0] === answer.text;
      const head = [el("strong", null, answer.label)];
      if (about.length && !namesParty) {
        head.push(" (", joined(about.map(function (id) {
          return entity(ctx, id);
        }), ", "), ")");
      }
      const claims = Array.isArray(answer.claims) ? answer.claims : [];
      return el("li", null, head, ": ", namesParty ? entity(ctx, answer.text) : answer.text,
        " — ", claimLinks(ctx, one, claims));
    }));
  }

  /** What each case rests on, as the pair pages' "Evidence base" table counts it. */
  function evidenceBaseSection(ctx, a, b) {
    const value = function (one, name) {
      const found = own(one.evidenceBase, name);
      const text = found === undefined ? "0" : String(found);
      /* An id between backticks, as the pair pages' Markdown writes it, is shown as code. */
      const id = /^`([^`]*)`([\s\S]*)$/.exec(text);
      return id ? [el("code", null, id[1]), id[2]] : text;
    };
    const rows = ctx.data.evidenceRows.filter(function (name) {
      return own(a.evidenceBase, name) !== undefined || own(b.evidenceBase, name) !== undefined;
    }).map(function (name) {
      return [name, value(a, name), value(b, name)];
    });
    return [
      el("h2", null, "Evidence base"),
      el("p", null,
        "What each case rests on, side by side. Where the cases differ below, check first " +
          "whether their sources differ here: a case written up from one commentator relayed " +
          "by a wire story has one independent origin however many claims it holds."),
      table(["evidence base", a.title, b.title], rows, [1, 2], "cb-anypair-evidence-base"),
    ];
  }

  function similaritySection(ctx, a, b) {
    const data = ctx.data;
    const result = similarity(a.sets, b.sets, data.components.map(function (c) {
      return c.weight;
    }));
    const rows = data.components.map(function (component, k) {
      const found = result.components[k];
      const score = found.score === null ? "—" : fixed(found.score, 2);
      return [
        component.name,
        component.shown,
        String(found.a),
        String(found.b),
        String(found.shared),
        new Cell({ "data-score": found.score === null ? "" : String(found.score) }, score),
      ];
    });
    return [
      el("h2", null, "Similarity"),
      el("p", null,
        "Similarity ",
        el("strong", { class: "cb-anypair-similarity", "data-similarity": String(result.value) },
          fixed(result.value, 2)),
        " on a scale from 0 to 1: a weighted Jaccard index of the codes, parties, commodities, " +
          "places and precedents the cases share. Evidence counts by this rule: " +
          data.policy + "."),
      table(["component", "weight", a.title, b.title, "shared", "score"], rows, [1, 2, 3, 4, 5],
        "cb-anypair-components"),
    ];
  }

  function sideBySide(ctx, a, b) {
    const out = [el("h2", null, "Side by side")];
    ctx.data.questions.forEach(function (question, k) {
      out.push(
        el("h3", null, question.question),
        el("div", { class: "grid" },
          el("div", { class: "cb-side" }, el("p", null, el("strong", null, caseLink(ctx, a))),
            answers(ctx, a, listOf(a.answers[k]))),
          el("div", { class: "cb-side" }, el("p", null, el("strong", null, caseLink(ctx, b))),
            answers(ctx, b, listOf(b.answers[k]))))
      );
    });
    return out;
  }

  function listOf(value) {
    return Array.isArray(value) ? value : [];
  }

  function byId(x, y) {
    return x < y ? -1 : x > y ? 1 : 0;
  }

  function codesSection(ctx, a, b, presentInBoth) {
    const rank = new Map(ctx.data.presence.map(function (p, i) {
      return [p.kind, i];
    }));
    const kindOf = function (one, id) {
      return own(one.evidence, id).presence;
    };
    const codesA = Object.keys(a.evidence);
    const codesB = new Set(Object.keys(b.evidence));
    const shared = codesA.filter(function (id) {
      return codesB.has(id);
    }).map(function (id) {
      const ka = kindOf(a, id);
      const kb = kindOf(b, id);
      return { code: id, presence: rank.get(ka) >= rank.get(kb) ? ka : kb };
    }).sort(function (x, y) {
      return rank.get(x.presence) - rank.get(y.presence) || byId(x.code, y.code);
    });
    const out = [
      el("h2", null, "Shared codes (" + shared.length + ")"),
      el("p", null,
        "A code is shared when both cases hold counted evidence for it: " + shared.length +
        " codes here, of which " + presentInBoth + " are " + ctx.data.presentFrom +
        " in both, as the similarity's codes component counts them. Each group is named by " +
        "the weaker of the two cases' evidence. Each case's cell quotes its strongest claim, " +
        "with the editors' verdict where they gave one, says how many independent origins " +
        "back it, and lists the other claims; each claim links to its case page, where it is " +
        "shown in full."),
    ];
    ctx.data.presence.forEach(function (kind) {
      const group = shared.filter(function (s) {
        return s.presence === kind.kind;
      });
      if (!group.length) {
        return;
      }
      const name = kind.kind.charAt(0).toUpperCase() + kind.kind.slice(1);
      out.push(
        el("h3", null, name + " (" + group.length + ")"),
        el("p", null, kind.meaning),
        table(["code", a.title, b.title], group.map(function (s) {
          return [
            code(ctx, s.code),
            evidenceCell(ctx, a, own(a.evidence, s.code)),
            evidenceCell(ctx, b, own(b.evidence, s.code)),
          ];
        }))
      );
    });
    if (!shared.length) {
      out.push(el("p", null, el("em", null, "The two cases share no code.")));
    }
    [[a, b], [b, a]].forEach(function (pair) {
      const one = pair[0];
      const other = pair[1];
      const only = Object.keys(one.evidence).filter(function (id) {
        return own(other.evidence, id) === undefined;
      }).sort(byId);
      out.push(el("h2", null, "Only in ", caseLink(ctx, one), " (" + only.length + ")"));
      if (!only.length) {
        out.push(el("p", null, el("em", null, "None.")));
        return;
      }
      out.push(table(["code", "evidence", "claims"], only.map(function (id) {
        const found = own(one.evidence, id);
        return [code(ctx, id), found.presence, evidenceCell(ctx, one, found)];
      })));
    });
    return out;
  }

  function entityKind(one, id) {
    for (let k = 0; k < ENTITY_KINDS.length; k += 1) {
      if (one.sets[k + 1].indexOf(id) >= 0) {
        return ENTITY_KINDS[k];
      }
    }
    return null;
  }

  function entitiesSection(ctx, a, b) {
    const ids = new Set();
    a.sets.slice(1).forEach(function (found) {
      found.forEach(function (id) {
        ids.add(id);
      });
    });
    const shared = [];
    ids.forEach(function (id) {
      const kind = entityKind(a, id);
      if (kind !== null && kind === entityKind(b, id)) {
        shared.push({ id: id, kind: kind });
      }
    });
    shared.sort(function (x, y) {
      return ENTITY_KINDS.indexOf(x.kind) - ENTITY_KINDS.indexOf(y.kind) || byId(x.id, y.id);
    });
    const claimsOf = function (one, id) {
      const found = own(one.entityClaims, id);
      return claimLinks(ctx, one, Array.isArray(found) ? found : []);
    };
    const rows = shared.map(function (s) {
      return [s.kind, entity(ctx, s.id), claimsOf(a, s.id), claimsOf(b, s.id)];
    });
    if (!rows.length) {
      rows.push([el("em", null, "none"), "", "", ""]);
    }
    return [
      el("h2", null, "Shared parties, commodities, places and precedents"),
      table(["kind", "name", "claims in the first", "claims in the second"], rows),
    ];
  }

  /** The comparison of two cases, as a pair page shows it. */
  function comparison(ctx, a, b) {
    const result = similarity(a.sets, b.sets, ctx.data.components.map(function (c) {
      return c.weight;
    }));
    const codes = ctx.data.components.findIndex(function (c) {
      return c.name === "codes";
    });
    const presentInBoth = codes >= 0 ? result.components[codes].shared : 0;
    return [
      el("p", { class: "cb-anypair-pair" }, "Comparing ", caseLink(ctx, a), " with ",
        caseLink(ctx, b), "."),
      evidenceBaseSection(ctx, a, b),
      similaritySection(ctx, a, b),
      sideBySide(ctx, a, b),
      codesSection(ctx, a, b, presentInBoth),
      entitiesSection(ctx, a, b),
    ];
  }

  /* ---- The page ---- */

  function isStrings(list) {
    return Array.isArray(list) && list.every(function (x) {
      return typeof x === "string";
    });
  }

  /** Refuse data this script cannot read, rather than draw half a comparison. */
  function check(data) {
    const fine = data && data.format === FORMAT && Array.isArray(data.cases) &&
      Array.isArray(data.components) && Array.isArray(data.questions) &&
      Array.isArray(data.presence) && isStrings(data.evidenceRows) &&
      data.components.every(function (c) {
        return typeof c.weight === "number" && typeof c.name === "string";
      }) &&
      data.cases.every(function (one) {
        return one && typeof one.id === "string" && typeof one.title === "string" &&
          Array.isArray(one.sets) && one.sets.length === data.components.length &&
          one.sets.every(isStrings) && Array.isArray(one.answers) &&
          one.evidence !== null && typeof one.evidence === "object" &&
          one.evidenceBase !== null && typeof one.evidenceBase === "object" &&
          one.claims !== null && typeof one.claims === "object";
      });
    if (!fine) {
      throw new Error("the comparison data is not in a form this page reads");
    }
    return data;
  }

  function say(container, text) {
    container.replaceChildren(el("p", null, el("em", null, text)));
  }

  function setUp(ctx, container, selects) {
    const cases = ctx.data.cases;
    if (cases.length < 2) {
      say(container, "The casebook has fewer than two cases: there is no pair to compare.");
      return;
    }
    const known = new Map(cases.map(function (one) {
      return [one.id, one];
    }));
    selects.forEach(function (select) {
      select.replaceChildren();
      add(select, cases.map(function (one) {
        return el("option", { value: one.id }, one.title);
      }));
    });
    const params = new URLSearchParams(window.location.search);
    const unknown = [];
    const chosen = ["a", "b"].map(function (key) {
      const id = params.get(key);
      if (id !== null && !known.has(id)) {
        unknown.push(id);
        return null;
      }
      return id;
    });
    if (chosen[0] === null) {
      chosen[0] = chosen[1] === cases[0].id ? cases[1].id : cases[0].id;
    }
    if (chosen[1] === null) {
      chosen[1] = chosen[0] === cases[0].id ? cases[1].id : cases[0].id;
    }
    selects[0].value = chosen[0];
    selects[1].value = chosen[1];

    const draw = function (notice) {
      const a = known.get(selects[0].value);
      const b = known.get(selects[1].value);
      const parts = [];
      if (notice.length) {
        parts.push(el("p", { class: "cb-anypair-notice" },
          "No case has the id " + notice.map(function (id) {
            return "“" + id + "”";
          }).join(" or ") + ": the menus show other cases instead."));
      }
      if (a === b) {
        parts.push(el("p", null, el("em", null, "Choose two different cases.")));
      } else {
        parts.push(comparison(ctx, a, b));
      }
      container.replaceChildren();
      add(container, parts);
    };
    const changed = function () {
      const query = new URLSearchParams({ a: selects[0].value, b: selects[1].value });
      window.history.replaceState(window.history.state, "", "?" + query.toString());
      draw([]);
    };
    selects.forEach(function (select) {
      select.addEventListener("change", changed);
    });
    draw(unknown);
  }

  function start() {
    const container = document.getElementById(CONTAINER_ID);
    const dataLink = document.getElementById(DATA_LINK_ID);
    const selects = SELECT_IDS.map(function (id) {
      return document.getElementById(id);
    });
    if (!container || !dataLink || selects.some(function (s) {
      return !(s instanceof HTMLSelectElement);
    })) {
      return;
    }
    if (container.getAttribute("data-started") !== null) {
      return;
    }
    container.setAttribute("data-started", "");
    const dataUrl = new URL(dataLink.getAttribute("href") || "", document.baseURI);
    if (dataUrl.origin !== window.location.origin) {
      say(container, "The comparison data is not on this site.");
      return;
    }
    const ctx = { data: null, root: new URL(ROOT_FROM_DATA, dataUrl) };
    say(container, "Loading the cases…");
    window.fetch(dataUrl.href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status + " for " + dataUrl.href);
        }
        return response.json();
      })
      .then(function (data) {
        ctx.data = check(data);
        setUp(ctx, container, selects);
        container.setAttribute("data-ready", "");
      })
      .catch(function (error) {
        say(container, "The comparison data could not be read: " + String(error.message || error));
        console.error("casebook any-pair:", error);
      });
  }

  /* For the site's tests: the similarity and the number format, nothing that draws. */
  window.casebookAnyPair = Object.freeze({ similarity: similarity, fixed: fixed });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    /* Material's document observable: every page load, instant navigation included. */
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
