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
// first); the arrow keys move between nodes and pan each into view; Enter or Space
// selects a node and then takes focus into the panel; Escape anywhere in the
// workbench comes back to the node on the map.

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
    nodes().forEach((g) => g.classList.toggle("argmap-selected", nodeName(g) === name));
    const g = nodes().find((n) => nodeName(n) === name);
    if (g) {
      rove(g);
      status.textContent = "Selected: " + (g.getAttribute("aria-label") || name);
      if (fromKeyboard) g.focus({ preventScroll: true });
      reveal(g);
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
    list.forEach((g, i) => {
      const name = nodeName(g);
      g.setAttribute("tabindex", (current ? name === current : i === 0) ? "0" : "-1");
      g.setAttribute("role", "button");
      g.setAttribute("aria-label", labels[name] || name);
      g.dataset.argmapIndex = String(i);
      g.addEventListener("click", (ev) => {
        ev.stopPropagation();
        select(name, false);
      });
      g.addEventListener("focus", () => {
        // Tab (or an arrow key) onto a node pans it into view and says what it is.
        rove(g);
        reveal(g);
        status.textContent = g.getAttribute("aria-label") || name;
      });
      g.addEventListener("keydown", (ev) => {
        let to = null;
        if (ev.key === "Enter" || ev.key === " ") {
          ev.preventDefault();
          select(name, true);
        } else if (ev.key === "ArrowDown" || ev.key === "ArrowRight") {
          to = list[(i + 1) % list.length];
        } else if (ev.key === "ArrowUp" || ev.key === "ArrowLeft") {
          to = list[(i - 1 + list.length) % list.length];
        } else if (ev.key === "Home") {
          to = list[0];
        } else if (ev.key === "End") {
          to = list[list.length - 1];
        }
        if (to) {
          ev.preventDefault();
          to.focus({ preventScroll: true });
        }
      });
    });
    if (!list.some((g) => g.getAttribute("tabindex") === "0") && list[0]) list[0].setAttribute("tabindex", "0");
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
