/* The world map of the places in the casebook, on the page map/.
 *
 * The page holds the places in the `data-places` attribute of its `#cb-map` element (JSON: each
 * place's id, name, coordinates, source and cases) and a table that links every case and
 * source. This script loads d3-array, d3-geo, topojson-client and Natural Earth's countries
 * (vendor/, beside this script, fetched by docs/vendor.py), draws the countries as SVG and puts
 * one point on the map per place. Selecting a point opens a box with that place (and those
 * drawn on top of it) and links to its cases, taken from the table. Every string of the data is
 * written as text, never as markup; links are copies of the table's own.
 */
(function () {
  "use strict";

  const CONTAINER_ID = "cb-map";
  const VENDOR = ["vendor/d3-array.min.js", "vendor/d3-geo.min.js", "vendor/topojson-client.min.js"];
  const ATLAS = "vendor/countries-110m.json";
  const SVG = "http://www.w3.org/2000/svg";
  const WIDTH = 960;
  const RADIUS = 6;
  const MAX_ZOOM = 16;
  /* Where this script was loaded from: the map's files are found beside it. */
  const BASE = document.currentScript ? document.currentScript.src : document.baseURI;

  const STYLE = `
.cb-map { position: relative; margin: 1em 0; }
.cb-map svg { display: block; width: 100%; height: auto; cursor: grab; touch-action: none; }
.cb-map svg.cb-map-dragging { cursor: grabbing; }
.cb-map-sphere { fill: var(--md-default-bg-color); stroke: var(--md-default-fg-color--lighter); }
.cb-map-graticule { fill: none; stroke: var(--md-default-fg-color--lightest); stroke-opacity: 0.5; }
.cb-map-country { fill: var(--md-default-fg-color--lighter); fill-opacity: 0.6; }
.cb-map-border { fill: none; stroke: var(--md-default-bg-color); }
.cb-map-marker { cursor: pointer; outline: none; }
.cb-map-marker circle { fill: var(--md-accent-fg-color); stroke: var(--md-default-bg-color); stroke-width: 1.5; }
.cb-map-marker:hover circle, .cb-map-marker:focus circle { fill: var(--md-primary-fg-color); }
.cb-map-controls { position: absolute; top: 0.4rem; left: 0.4rem; display: flex; gap: 0.2rem; }
.cb-map-controls button {
  min-width: 1.6rem; padding: 0.1rem 0.4rem; border: 1px solid var(--md-default-fg-color--lighter);
  border-radius: 0.2rem; background: var(--md-default-bg-color); color: var(--md-default-fg-color);
  cursor: pointer; font: inherit;
}
.cb-map-popup {
  position: absolute; z-index: 2; max-width: min(24rem, 90%); max-height: 80%; overflow: auto;
  padding: 0.4rem 0.8rem; border: 1px solid var(--md-default-fg-color--lighter);
  border-radius: 0.2rem; background: var(--md-default-bg-color); color: var(--md-default-fg-color);
  box-shadow: var(--md-shadow-z2); font-size: 0.7rem;
}
.cb-map-popup h3 { margin: 0.6em 0 0.2em; font-size: 0.8rem; }
.cb-map-popup p, .cb-map-popup ul { margin: 0.2em 0; }
.cb-map-popup .cb-map-close { float: right; border: 0; background: none; color: inherit;
  font-size: 1rem; cursor: pointer; }
.cb-map-message { font-style: italic; }
`;

  function loadScript(path) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL(path, BASE).href;
      script.onload = resolve;
      script.onerror = () => reject(new Error(`${path} could not be loaded`));
      document.head.append(script);
    });
  }

  async function loadLibraries() {
    const ready = () =>
      typeof d3 !== "undefined" && typeof d3.geoPath === "function" && typeof topojson !== "undefined";
    if (!ready()) {
      for (const path of VENDOR) {
        await loadScript(path); // in order: d3-geo needs d3-array
      }
    }
    const response = await fetch(new URL(ATLAS, BASE).href);
    if (!response.ok) {
      throw new Error(`${ATLAS} could not be loaded (${response.status})`);
    }
    return response.json();
  }

  function svg(name, attributes) {
    const node = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes || {})) {
      node.setAttribute(key, String(value));
    }
    return node;
  }

  function element(name, text, className) {
    const node = document.createElement(name);
    if (text !== undefined) {
      node.textContent = text;
    }
    if (className) {
      node.className = className;
    }
    return node;
  }

  /* The table's link for a case or a source, copied: its address is the one the site built. */
  function tableLink(attribute, id, fallback) {
    for (const anchor of document.querySelectorAll(`a[${attribute}]`)) {
      if (anchor.getAttribute(attribute) === id) {
        const link = element("a", anchor.textContent);
        link.href = anchor.href;
        return link;
      }
    }
    return element("span", fallback);
  }

  function degrees(value, positive, negative) {
    return `${Math.abs(value)}° ${value < 0 ? negative : positive}`;
  }

  function readPlaces(container) {
    const places = JSON.parse(container.dataset.places || "[]");
    return places.filter(
      (place) =>
        typeof place.id === "string" &&
        typeof place.name === "string" &&
        Number.isFinite(place.latitude) &&
        Number.isFinite(place.longitude),
    );
  }

  function draw(container, places, world) {
    const sphere = { type: "Sphere" };
    const projection = d3.geoNaturalEarth1().fitWidth(WIDTH, sphere);
    const path = d3.geoPath(projection);
    const height = Math.ceil(path.bounds(sphere)[1][1]);
    const map = svg("svg", {
      viewBox: `0 0 ${WIDTH} ${height}`,
      role: "group",
      "aria-label": "World map of the places in the casebook",
    });
    const ground = svg("g");
    ground.append(
      svg("path", { class: "cb-map-sphere", d: path(sphere), "vector-effect": "non-scaling-stroke" }),
      svg("path", {
        class: "cb-map-graticule",
        d: path(d3.geoGraticule10()),
        "vector-effect": "non-scaling-stroke",
      }),
    );
    const countries = topojson.feature(world, world.objects.countries);
    for (const country of countries.features) {
      const shape = svg("path", { class: "cb-map-country", d: path(country) });
      const name = country.properties && country.properties.name;
      if (typeof name === "string") {
        shape.append(svg("title"));
        shape.lastChild.textContent = name;
      }
      ground.append(shape);
    }
    const borders = topojson.mesh(world, world.objects.countries, (a, b) => a !== b);
    ground.append(
      svg("path", { class: "cb-map-border", d: path(borders), "vector-effect": "non-scaling-stroke" }),
    );
    map.append(ground);

    const markers = svg("g");
    const points = [];
    for (const place of places) {
      const at = projection([place.longitude, place.latitude]);
      if (at === null) {
        continue;
      }
      const count = Array.isArray(place.cases) ? place.cases.length : 0;
      const marker = svg("g", {
        class: "cb-map-marker",
        tabindex: 0,
        role: "button",
        "data-place": place.id,
        "aria-label": `${place.name}: ${count} case${count === 1 ? "" : "s"}`,
      });
      const dot = svg("circle", {
        cx: at[0],
        cy: at[1],
        r: RADIUS,
        "vector-effect": "non-scaling-stroke",
      });
      marker.append(dot, svg("title"));
      marker.lastChild.textContent = place.name;
      markers.append(marker);
      points.push({ place, at, marker, dot });
    }
    map.append(markers);

    const controls = element("div", undefined, "cb-map-controls");
    const popup = element("div", undefined, "cb-map-popup");
    popup.hidden = true;
    popup.setAttribute("role", "dialog");
    container.replaceChildren(map, controls, popup);

    /* Zoom and pan change the viewBox; the points keep their size on screen. */
    const view = { x: 0, y: 0, k: 1 };
    function apply() {
      const w = WIDTH / view.k;
      const h = height / view.k;
      view.x = Math.min(Math.max(view.x, 0), WIDTH - w);
      view.y = Math.min(Math.max(view.y, 0), height - h);
      map.setAttribute("viewBox", `${view.x} ${view.y} ${w} ${h}`);
      for (const point of points) {
        point.dot.setAttribute("r", RADIUS / view.k);
      }
    }
    function zoom(factor, cx, cy) {
      const k = Math.min(Math.max(view.k * factor, 1), MAX_ZOOM);
      const centreX = cx === undefined ? view.x + WIDTH / view.k / 2 : cx;
      const centreY = cy === undefined ? view.y + height / view.k / 2 : cy;
      view.k = k;
      view.x = centreX - WIDTH / k / 2;
      view.y = centreY - height / k / 2;
      apply();
    }
    for (const [label, text, act] of [
      ["Zoom in", "+", () => zoom(2)],
      ["Zoom out", "−", () => zoom(0.5)],
      ["Show the whole world", "World", () => zoom(1 / view.k)],
    ]) {
      const button = element("button", text);
      button.type = "button";
      button.setAttribute("aria-label", label);
      button.addEventListener("click", act);
      controls.append(button);
    }

    let drag = null;
    map.addEventListener("pointerdown", (event) => {
      if (event.target.closest(".cb-map-marker")) {
        return;
      }
      drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y };
      map.classList.add("cb-map-dragging");
      map.setPointerCapture(event.pointerId);
    });
    map.addEventListener("pointermove", (event) => {
      if (drag === null) {
        return;
      }
      const scale = WIDTH / view.k / map.getBoundingClientRect().width;
      view.x = drag.vx - (event.clientX - drag.x) * scale;
      view.y = drag.vy - (event.clientY - drag.y) * scale;
      apply();
    });
    const stop = () => {
      drag = null;
      map.classList.remove("cb-map-dragging");
    };
    map.addEventListener("pointerup", stop);
    map.addEventListener("pointercancel", stop);

    /* The box of a point: the place, and every place whose point lies under it. */
    let opener = null;
    function close() {
      popup.hidden = true;
      popup.replaceChildren();
      if (opener !== null) {
        opener.focus();
        opener = null;
      }
    }
    function open(point) {
      const near = (RADIUS * 2) / view.k;
      const here = points.filter(
        (other) =>
          other === point ||
          Math.hypot(other.at[0] - point.at[0], other.at[1] - point.at[1]) <= near,
      );
      here.sort((a, b) => (a === point ? -1 : b === point ? 1 : 0));
      const shut = element("button", "×", "cb-map-close");
      shut.type = "button";
      shut.setAttribute("aria-label", "Close");
      shut.addEventListener("click", close);
      popup.replaceChildren(shut);
      for (const { place } of here) {
        popup.append(element("h3", place.name));
        const where = element(
          "p",
          `${degrees(place.latitude, "N", "S")}, ${degrees(place.longitude, "E", "W")} · source: `,
        );
        const source = place.source || {};
        where.append(tableLink("data-cb-source", source.id, source.title || source.id || ""));
        popup.append(where);
        const cases = Array.isArray(place.cases) ? place.cases : [];
        if (cases.length === 0) {
          popup.append(element("p", "No case names this place."));
          continue;
        }
        const list = element("ul");
        for (const item of cases) {
          const entry = element("li");
          entry.append(tableLink("data-cb-case", item.id, item.title || item.id));
          list.append(entry);
        }
        popup.append(list);
      }
      popup.setAttribute("aria-label", here.map(({ place }) => place.name).join(", "));
      popup.hidden = false;
      const box = map.getBoundingClientRect();
      const scale = box.width / (WIDTH / view.k);
      const left = (point.at[0] - view.x) * scale;
      const top = (point.at[1] - view.y) * scale;
      popup.style.left = `${Math.max(0, Math.min(left + 8, box.width - popup.offsetWidth))}px`;
      popup.style.top = `${Math.max(0, Math.min(top + 8, box.height - popup.offsetHeight))}px`;
      opener = point.marker;
      shut.focus();
    }
    for (const point of points) {
      point.marker.addEventListener("click", () => open(point));
      point.marker.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          open(point);
        }
      });
    }
    container.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !popup.hidden) {
        close();
      }
    });
  }

  async function setUp() {
    const container = document.getElementById(CONTAINER_ID);
    if (container === null || container.dataset.drawn === "yes") {
      return;
    }
    container.dataset.drawn = "yes";
    if (document.getElementById("cb-map-style") === null) {
      const style = element("style", STYLE);
      style.id = "cb-map-style";
      document.head.append(style);
    }
    container.replaceChildren(element("p", "Drawing the map…", "cb-map-message"));
    try {
      const places = readPlaces(container);
      const world = await loadLibraries();
      draw(container, places, world);
      container.dataset.markers = String(container.querySelectorAll(".cb-map-marker").length);
    } catch (error) {
      container.replaceChildren(
        element(
          "p",
          `The map could not be drawn (${error.message}); the table below lists every place.`,
          "cb-map-message",
        ),
      );
    }
  }

  // Material for MkDocs announces each page it shows on `document$`; without it, run once.
  if (typeof document$ !== "undefined") {
    document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
