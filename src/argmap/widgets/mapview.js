// argmap's map view: shows a Graphviz SVG, reports clicks, restyles nodes
// without a new layout, zooms and pans, and works by keyboard.
//
// Traits (see mapview.py): svg (string), styles ({dotName: {fill, stroke, dash,
// mark, badge}}), selected (dotName), labels ({dotName: accessible label}),
// panel_serial (counted up by Python when the side panel shows the selection).
// Python sends the SVG already sanitised; this code never turns user text into
// markup: labels and marks go through textContent/setAttribute.
//
// Keyboard: the map is one Tab stop (a roving tabindex: the selected node, or the
// thesis); the arrow keys move in the picture's geometry (to the nearest node up,
// down, left or right of the focused one, from the SVG's boxes) and pan each into
// view, in the map and in the page; Home is the thesis; Enter or Space selects a
// node and then takes focus into the panel; Escape anywhere in the workbench comes
// back to the node on the map.  Python counts ``focus_serial`` up to send focus to
// the map (after the learner's name was entered: the name box is gone).
//
// Pointer: a click selects the node under the pointer, even one only partly inside
// the window (the map pans it into view after the click, never between press and
// release, which used to move it from under the pointer and lose the click).  Until
// Python's panel shows the node just selected (``shown`` == ``selected``) the panel
// is marked busy and takes no input: a judgement never goes to the node before.

const SVG_NS = "http://www.w3.org/2000/svg";
// The opening view shows the map's smallest text at least this big (CSS px).
const READABLE_PX = 9;
const FOCUSABLE = "button:not([disabled]), input:not([disabled]), textarea:not([disabled]), select:not([disabled]), [tabindex='0']";

function nodeName(g) {
  // The DOT name ("s0"): dot.py gives each node id="argmap-<name>" (its <title> is a
  // readable "CLAIM: Sanctions" once the SVG is cleaned for the notebook).
  const id = g.getAttribute("id") || "";
  return id.startsWith("argmap-") ? id.slice("argmap-".length) : "";
}

function shapesOf(g) {
  // The outline shapes Graphviz draws for a node (not its text).
  return g.querySelectorAll(":scope > polygon, :scope > ellipse, :scope > path, :scope > a > polygon, :scope > a > path, :scope > a > ellipse, :scope > g > polygon, :scope > g > path, :scope > g > a > polygon, :scope > g > a > path");
}

function remember(el, attr) {
  const key = "data-argmap-orig-" + attr;
  if (!el.hasAttribute(key)) el.setAttribute(key, el.getAttribute(attr) ?? "");
  return el.getAttribute(key);
}

function restore(el, attr) {
  const key = "data-argmap-orig-" + attr;
  if (!el.hasAttribute(key)) return;
  const v = el.getAttribute(key);
  if (v === "") el.removeAttribute(attr); else el.setAttribute(attr, v);
}

function applyStyle(g, style) {
  const shapes = shapesOf(g);
  let first = null;
  shapes.forEach((s) => {
    first = first || s;
    for (const attr of ["fill", "stroke", "stroke-width", "stroke-dasharray"]) {
      remember(s, attr);
      restore(s, attr);
    }
    if (!style) return;
    // Only the first (outer) shape takes the fill: inner table cells keep theirs.
    if (style.fill && s === first) s.setAttribute("fill", style.fill);
    if (style.stroke) s.setAttribute("stroke", style.stroke);
    if (style.width) s.setAttribute("stroke-width", String(style.width));
    if (style.dash) s.setAttribute("stroke-dasharray", style.dash);
  });
  g.querySelectorAll(":scope > .argmap-mark").forEach((m) => m.remove());
  g.classList.remove("argmap-in", "argmap-out", "argmap-undec");
  if (!style) return;
  if (style.cls) g.classList.add(style.cls);
  if (style.mark && first) {
    // A visible word or symbol beside the colour: never colour alone.
    const box = first.getBBox();
    const mark = document.createElementNS(SVG_NS, "text");
    mark.setAttribute("class", "argmap-mark");
    mark.setAttribute("x", String(box.x + box.width - 2));
    mark.setAttribute("y", String(box.y - 3));
    mark.setAttribute("text-anchor", "end");
    mark.setAttribute("font-family", "DejaVu Sans, sans-serif");
    mark.setAttribute("font-size", "12");
    mark.setAttribute("font-weight", "bold");
    mark.setAttribute("fill", style.markColor || "#000000");
    mark.textContent = style.mark;
    g.appendChild(mark);
  }
}

// How far apart two intervals [a0, a1] and [b0, b1] are (0 when they overlap).
function gap(a0, a1, b0, b1) {
  return Math.max(0, b0 - a1, a0 - b1);
}

// The nearest box from ``from`` in a direction ("up", "down", "left", "right"),
// as a spatial-navigation rule: only boxes whose centre lies beyond ``from``'s
// centre that way; the score is the distance along the direction plus three times
// the sideways gap (a box straight ahead beats a nearer one off to the side).
export function nearest(from, boxes, direction) {
  const cx = from.x + from.width / 2, cy = from.y + from.height / 2;
  const vertical = direction === "up" || direction === "down";
  const sign = direction === "down" || direction === "right" ? 1 : -1;
  let best = -1, bestScore = Infinity;
  boxes.forEach((b, i) => {
    if (b === from) return;
    const bx = b.x + b.width / 2, by = b.y + b.height / 2;
    const ahead = sign * (vertical ? by - cy : bx - cx);
    if (ahead <= 1) return;
    const along = vertical
      ? gap(from.y, from.y + from.height, b.y, b.y + b.height)
      : gap(from.x, from.x + from.width, b.x, b.x + b.width);
    const side = vertical
      ? gap(from.x, from.x + from.width, b.x, b.x + b.width)
      : gap(from.y, from.y + from.height, b.y, b.y + b.height);
    const score = along + 3 * side + 0.001 * Math.hypot(bx - cx, by - cy);
    if (score < bestScore) { bestScore = score; best = i; }
  });
  return best;
}

function render({ model, el }) {
  el.classList.add("argmap-view");
  const toolbar = document.createElement("div");
  toolbar.className = "argmap-toolbar";
  const buttons = {};
  for (const [name, text, title] of [
    ["in", "+", "Zoom in"],
    ["out", "−", "Zoom out"],
    ["fit", "Fit", "Fit the whole map"],
  ]) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.title = title;
    b.setAttribute("aria-label", title);
    b.className = "argmap-zoom-" + name;
    toolbar.appendChild(b);
    buttons[name] = b;
  }
  const status = document.createElement("span");
  status.className = "argmap-status";
  status.setAttribute("aria-live", "polite");
  toolbar.appendChild(status);

  const viewport = document.createElement("div");
  viewport.className = "argmap-viewport";
  viewport.tabIndex = -1;
  const stage = document.createElement("div");
  stage.className = "argmap-stage";
  viewport.appendChild(stage);
  el.appendChild(toolbar);
  el.appendChild(viewport);
  let pendingPanel = false;

  let scale = 1, tx = 0, ty = 0;
  const apply = () => {
    stage.style.transform = `translate(${tx}px, ${ty}px) scale(${scale})`;
  };

  function nodes() {
    // The map's own nodes: those Python gave a label (not the key's miniature nodes).
    const labels = model.get("labels") || {};
    const all = Array.from(stage.querySelectorAll("g.node"));
    const own = all.filter((g) => nodeName(g) in labels);
    return own.length ? own : all;
  }

  function thesis() {
    // Where the keyboard starts: the thesis, else the node nearest the picture's top left.
    const list = nodes();
    return list.find((g) => g.classList.contains("argmap-thesis")) || byReading(list)[0] || null;
  }

  function boxes(list) {
    // Each node's box in the SVG's own units (the stage's zoom and pan do not change them).
    return list.map((g) => {
      try { const b = g.getBBox(); return { x: b.x, y: b.y, width: b.width, height: b.height }; }
      catch (e) { return { x: 0, y: 0, width: 0, height: 0 }; }
    });
  }

  function byReading(list) {
    // The picture's reading order: top to bottom, then left to right.
    const b = boxes(list);
    return list.map((g, i) => [g, b[i]]).sort((p, q) => (p[1].y - q[1].y) || (p[1].x - q[1].x)).map((p) => p[0]);
  }

  function step(g, direction) {
    const list = nodes();
    const b = boxes(list);
    const i = nearest(b[list.indexOf(g)], b, direction);
    return i >= 0 ? list[i] : null;
  }

  function inPage(g) {
    // The node is in the map's window (reveal); now bring it into the page's view too,
    // as little as needed, through every scrolling box around the map (a scrolled
    // output, the notebook, the page): focus never makes the notebook jump to its top.
    const h = window.innerHeight || document.documentElement.clientHeight;
    const seen = () => { const r = g.getBoundingClientRect(); return r.top >= 0 && r.bottom <= h; };
    const centre = (box, top, bottom) => {
      const r = g.getBoundingClientRect();
      box.scrollTop -= (top + bottom) / 2 - (r.top + r.bottom) / 2;
    };
    for (let p = el.parentElement; p && !seen(); p = p.parentElement) {
      const oy = getComputedStyle(p).overflowY;
      if ((oy === "auto" || oy === "scroll") && p.scrollHeight > p.clientHeight) {
        const pr = p.getBoundingClientRect();
        centre(p, Math.max(0, pr.top), Math.min(h, pr.bottom));
      }
    }
    if (!seen() && document.scrollingElement) centre(document.scrollingElement, 0, h);
  }

  function markPending() {
    // Until Python's panel shows the selected node, the panel takes no input.
    const p = panel();
    if (!p) return;
    const waiting = (model.get("shown") || "") !== (model.get("selected") || "");
    p.classList.toggle("argmap-pending", waiting);
    if (waiting) p.setAttribute("aria-busy", "true"); else p.removeAttribute("aria-busy");
  }

  function reveal(g) {
    // Pan so that the node is in view (a big map is larger than its window).
    viewport.scrollLeft = 0;
    viewport.scrollTop = 0;
    const vr = viewport.getBoundingClientRect();
    const r = g.getBoundingClientRect();
    if (vr.width === 0) return;
    if (r.left < vr.left || r.right > vr.right || r.top < vr.top || r.bottom > vr.bottom) {
      tx += vr.left + vr.width / 2 - (r.left + r.width / 2);
      ty += vr.top + vr.height / 2 - (r.top + r.height / 2);
      apply();
    }
  }

  function rove(g) {
    // One Tab stop for the whole map: the node that has it is where Tab lands.
    nodes().forEach((n) => n.setAttribute("tabindex", n === g ? "0" : "-1"));
  }

  function panel() {
    const root = el.closest(".argmap-annotator");
    return root ? root.querySelector(".argmap-panel") : null;
  }

  function enterPanel() {
    const p = panel();
    if (!p) return false;
    const first = Array.from(p.querySelectorAll(FOCUSABLE)).find((c) => c.offsetParent !== null);
    if (first) { first.focus(); return true; }
    p.setAttribute("tabindex", "-1");
    p.focus();
    return true;
  }

  function select(name, fromKeyboard) {
    const same = model.get("selected") === name;
    model.set("selected", name);
    model.save_changes();
    markPending();
    nodes().forEach((g) => g.classList.toggle("argmap-selected", nodeName(g) === name));
    const g = nodes().find((n) => nodeName(n) === name);
    if (g) {
      rove(g);
      status.textContent = "Selected: " + (g.getAttribute("aria-label") || name);
      g.focus({ preventScroll: true });
      reveal(g);
      inPage(g);
    }
    if (fromKeyboard) {
      // Into the panel once Python has filled it for this node (or at once if it already shows it).
      pendingPanel = true;
      if (same) { pendingPanel = false; enterPanel(); }
      setTimeout(() => { if (pendingPanel) { pendingPanel = false; enterPanel(); } }, 2500);
    }
  }

  function backToMap() {
    const sel = model.get("selected");
    const g = nodes().find((n) => nodeName(n) === sel) || nodes()[0];
    if (!g) return;
    rove(g);
    g.focus({ preventScroll: true });
    reveal(g);
    inPage(g);
  }

  function focusMap() {
    // Focus to the map (the selected node, else the thesis), in view in the map and the page.
    const sel = model.get("selected");
    const g = nodes().find((n) => nodeName(n) === sel) || thesis();
    if (!g) return;
    rove(g);
    g.focus({ preventScroll: true });
    reveal(g);
    inPage(g);
  }

  function restyle() {
    const styles = model.get("styles") || {};
    nodes().forEach((g) => applyStyle(g, styles[nodeName(g)]));
  }

  function draw() {
    // The SVG was produced by Graphviz from escaped labels and sanitised in Python.
    stage.innerHTML = model.get("svg") || "";
    const labels = model.get("labels") || {};
    const list = nodes();
    const current = model.get("selected");
    const start = thesis();
    const arrows = { ArrowUp: "up", ArrowDown: "down", ArrowLeft: "left", ArrowRight: "right" };
    list.forEach((g, i) => {
      const name = nodeName(g);
      g.setAttribute("tabindex", (current ? name === current : g === start) ? "0" : "-1");
      g.setAttribute("role", "button");
      g.setAttribute("aria-label", labels[name] || name);
      g.dataset.argmapIndex = String(i);
      // A press on a node neither focuses nor pans it: the node stays under the
      // pointer until the release, so the click lands on it (select() pans after).
      g.addEventListener("mousedown", (ev) => ev.preventDefault());
      g.addEventListener("click", (ev) => {
        ev.stopPropagation();
        select(name, false);
      });
      g.addEventListener("focus", () => {
        // Tab (or an arrow key) onto a node pans it into view and says what it is.
        rove(g);
        reveal(g);
        inPage(g);
        status.textContent = g.getAttribute("aria-label") || name;
      });
      g.addEventListener("keydown", (ev) => {
        let to = null;
        if (ev.key === "Enter" || ev.key === " ") {
          ev.preventDefault();
          select(name, true);
        } else if (ev.key in arrows) {
          to = step(g, arrows[ev.key]);
          ev.preventDefault(); // at the picture's edge the page does not scroll either
        } else if (ev.key === "Home") {
          to = thesis();
        } else if (ev.key === "End") {
          const order = byReading(nodes());
          to = order[order.length - 1];
        }
        if (to) {
          ev.preventDefault();
          to.focus({ preventScroll: true });
        }
      });
    });
    if (!list.some((g) => g.getAttribute("tabindex") === "0") && start) start.setAttribute("tabindex", "0");
    const svg = stage.querySelector("svg");
    if (svg) {
      svg.setAttribute("role", "group");
      svg.setAttribute("aria-label", model.get("title") || "Argument map");
    }
    restyle();
    const sel = model.get("selected");
    if (sel) nodes().forEach((g) => g.classList.toggle("argmap-selected", nodeName(g) === sel));
  }

  function fit() {
    const svg = stage.querySelector("svg");
    if (!svg) return;
    const w = svg.getBBox ? svg.width.baseVal.value : 0;
    const vw = viewport.clientWidth || 800;
    scale = w > 0 ? Math.min(1, vw / w) : 1;
    tx = 0;
    ty = 0;
    apply();
  }

  buttons.in.addEventListener("click", () => { scale = Math.min(4, scale * 1.25); apply(); });
  buttons.out.addEventListener("click", () => { scale = Math.max(0.1, scale / 1.25); apply(); });
  buttons.fit.addEventListener("click", fit);
  viewport.addEventListener("wheel", (ev) => {
    if (!ev.ctrlKey && !ev.metaKey) return; // plain wheel scrolls the notebook
    ev.preventDefault();
    scale = Math.min(4, Math.max(0.1, scale * (ev.deltaY < 0 ? 1.1 : 1 / 1.1)));
    apply();
  }, { passive: false });
  let drag = null;
  viewport.addEventListener("pointerdown", (ev) => {
    if (ev.target.closest && ev.target.closest("g.node")) return;
    drag = { x: ev.clientX - tx, y: ev.clientY - ty };
  });
  window.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    tx = ev.clientX - drag.x;
    ty = ev.clientY - drag.y;
    apply();
  });
  window.addEventListener("pointerup", () => { drag = null; });

  model.on("change:svg", draw);
  model.on("change:labels", draw);
  model.on("change:styles", restyle);
  model.on("change:selected", () => {
    markPending();
    const sel = model.get("selected");
    nodes().forEach((g) => g.classList.toggle("argmap-selected", nodeName(g) === sel));
    const g = nodes().find((n) => nodeName(n) === sel);
    if (g) {
      rove(g);
      reveal(g);
      status.textContent = "Selected: " + (g.getAttribute("aria-label") || sel);
    } else {
      status.textContent = "";
    }
  });
  model.on("change:panel_serial", () => {
    if (pendingPanel) { pendingPanel = false; enterPanel(); }
  });
  model.on("change:shown", markPending);
  model.on("change:focus_serial", () => {
    // The map may be drawn a moment later (a new layout after the learner's name).
    let tries = 0;
    const go = () => {
      if (nodes().length && viewport.clientWidth > 0) focusMap();
      else if (++tries < 50) setTimeout(go, 100);
    };
    go();
  });
  // Escape in the panel (or anywhere in the workbench) goes back to the map.
  const root = () => el.closest(".argmap-annotator") || el;
  let escapeHost = null;
  const onEscape = (ev) => {
    if (ev.key !== "Escape" || !el.isConnected) return;
    const p = panel();
    if (p && p.contains(ev.target)) { ev.preventDefault(); backToMap(); }
  };

  function smallestText(svg) {
    // The smallest font size Graphviz wrote (in the SVG's own units), else 14.
    let least = Infinity;
    svg.querySelectorAll("text").forEach((t) => {
      const v = parseFloat(t.getAttribute("font-size") || "");
      if (v > 0 && v < least) least = v;
    });
    return Number.isFinite(least) ? least : 14;
  }

  function readableScale(svg) {
    // The smallest scale at which the smallest text is READABLE_PX CSS px high.
    const vb = svg.viewBox && svg.viewBox.baseVal;
    const units = vb && vb.width > 0 ? svg.width.baseVal.value / vb.width : 1;
    return READABLE_PX / (smallestText(svg) * units);
  }

  function start() {
    // First view of a big map: as small as fits the window, but never so small that
    // its smallest text is under READABLE_PX; the thesis (the first node) at the top middle.
    if (!escapeHost) {
      escapeHost = root();
      escapeHost.addEventListener("keydown", onEscape);
    }
    const svg = stage.querySelector("svg");
    const vw = viewport.clientWidth;
    if (!svg || vw === 0) return;
    const w = svg.width.baseVal.value;
    const readable = readableScale(svg);
    scale = Math.max(Math.min(1, vw / w), readable);
    el.dataset.openingScale = scale.toFixed(4);
    el.dataset.smallestTextPx = (readable > 0 ? READABLE_PX * (scale / readable) : 0).toFixed(2);
    tx = 0;
    ty = 0;
    apply();
    // Open on the thesis (or the first node): in the middle across, near the top.
    const list = nodes();
    const first = list.find((g) => g.classList.contains("argmap-thesis")) || list[0];
    if (first) {
      const vr = viewport.getBoundingClientRect();
      const r = first.getBoundingClientRect();
      const h = svg.height.baseVal.value;
      if (w * scale > vw) {
        tx = vr.left + vr.width / 2 - (r.left + r.width / 2);
        tx = Math.min(0, Math.max(vw - w * scale, tx));
      }
      if (r.bottom > vr.bottom || r.top < vr.top) {
        ty = vr.top + Math.min(vr.height / 3, 40 + r.height / 2) - (r.top + r.height / 2);
        ty = Math.min(0, Math.max(Math.min(0, viewport.clientHeight - h * scale), ty));
      }
      apply();
    }
  }

  draw();
  apply();
  // The element is in the page only after render() returns (and in Voilà or a
  // collapsed output it may have no width yet): start once it has one.
  let tries = 0;
  const opening = () => {
    if (viewport.clientWidth > 0) { if (!model.get("selected")) start(); else if (!escapeHost) { escapeHost = root(); escapeHost.addEventListener("keydown", onEscape); } return; }
    if (++tries < 100) setTimeout(opening, 100);
  };
  requestAnimationFrame(opening);
  return () => { if (escapeHost) escapeHost.removeEventListener("keydown", onEscape); };
}

export default { render };
