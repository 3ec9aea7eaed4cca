// argmap's overview whose lines open in place (see overview.py).
//
// Traits: overview (SVG), lines ([{slug, heading, label, name, svg}]), line (the
// slug shown, "" for the overview), title, footer (HTML: note, key, outline).
// Every SVG is already drawn and sanitised in Python: opening a line only swaps
// the picture.  Text from the map reaches the page through textContent and
// setAttribute, never as markup.
//
// A line's box (g.node#argmap-box-line-NN, or in a grid of many lines the cell
// g#a_argmap-box-line-NN) is a button: a click, Enter or Space opens the line;
// the back button or Escape returns, with focus on the box that was opened.
// A line too big for one picture is drawn in parts: in a line's picture, a box
// whose branch is another part (g.argmap-opens-line-NN-K) opens that part the same
// way, and the back button returns to the part it came from.

const BOX = 'g[id^="argmap-box-"], g[id^="a_argmap-box-"]';
const OPENS = "g.argmap-opens";
const XLINK = "http://www.w3.org/1999/xlink";

function slugOf(g) {
  return (g.getAttribute("id") || "").replace(/^a_/, "").slice("argmap-box-".length);
}

function scroller(node) {
  // The nearest ancestor that scrolls (in JupyterLab the notebook's window).
  for (let p = node.parentElement; p; p = p.parentElement) {
    const s = getComputedStyle(p).overflowY;
    if ((s === "auto" || s === "scroll") && p.scrollHeight > p.clientHeight) return p;
  }
  return document.scrollingElement || document.documentElement;
}

function frame(sc) {
  // The visible band of a scroller, in viewport coordinates.
  if (sc === document.scrollingElement || sc === document.documentElement) {
    return { top: 0, bottom: window.innerHeight };
  }
  const r = sc.getBoundingClientRect();
  return { top: Math.max(r.top, 0), bottom: Math.min(r.bottom, window.innerHeight) };
}

function bringTopIntoView(node) {
  // Scroll only as far as needed to show the node's top: never to the notebook's top.
  const sc = scroller(node);
  const f = frame(sc);
  const r = node.getBoundingClientRect();
  if (r.top < f.top) sc.scrollTop += r.top - f.top - 8;
  else if (r.top > f.bottom - 40) sc.scrollTop += r.top - f.top - 8;
}

function bringIntoView(node) {
  const sc = scroller(node);
  const f = frame(sc);
  const r = node.getBoundingClientRect();
  if (r.top < f.top || r.bottom > f.bottom) {
    sc.scrollTop += r.top + r.height / 2 - (f.top + f.bottom) / 2;
  }
}

function render({ model, el }) {
  el.classList.add("argmap-output", "argmap-lineview");
  const bar = document.createElement("div");
  bar.className = "argmap-lineview-bar";
  const back = document.createElement("button");
  back.type = "button";
  back.className = "argmap-back jupyter-button";
  back.textContent = "\u2190 Back to the overview";
  back.title = "Back to the overview (Escape)";
  const heading = document.createElement("span");
  heading.className = "argmap-lineview-heading";
  heading.setAttribute("aria-live", "polite");
  bar.append(back, heading);
  const picture = document.createElement("div");
  picture.className = "argmap-picture";
  const footer = document.createElement("div");
  footer.className = "argmap-lineview-footer";
  el.append(bar, picture, footer);

  let shown = null; // the slug drawn ("" = overview); null before the first draw
  let pressed = null; // the box a mouse button went down on
  let trail = []; // the views a part was opened from, the last one on top

  const entries = () => new Map((model.get("lines") || []).map((x) => [x.slug, x]));

  function place(svgText, name) {
    // The SVG came sanitised from Python.  It holds buttons now, so it is a group
    // (role=img would hide them from a screen reader), and never wider than the column.
    picture.innerHTML = svgText || "";
    const svg = picture.querySelector("svg");
    if (!svg) return null;
    svg.setAttribute("role", "group");
    if (name) svg.setAttribute("aria-label", name);
    svg.style.maxWidth = "100%";
    svg.style.height = "auto";
    svg.querySelectorAll("a").forEach((a) => {
      // the static page's links to its <details> panels: here a box opens in place
      a.removeAttributeNS(XLINK, "href");
      a.removeAttribute("href");
    });
    return svg;
  }

  function boxes() {
    const known = entries();
    const found = new Map();
    picture.querySelectorAll(BOX).forEach((g) => {
      const slug = slugOf(g);
      if (!known.has(slug)) return;
      const prev = found.get(slug);
      if (!prev || (g.classList.contains("node") && !prev.classList.contains("node"))) found.set(slug, g);
    });
    // Tab takes the boxes in the lines' order, not in the order Graphviz wrote its
    // nodes: move each box's node (or its grid's node) to the end, in that order.
    // Nodes do not overlap, so what is painted does not change.
    const moved = new Set();
    for (const slug of known.keys()) {
      const g = found.get(slug);
      const node = g ? g.closest("g.node") || g : null;
      if (!node || moved.has(node) || !node.parentNode) continue;
      moved.add(node);
      node.parentNode.appendChild(node);
    }
    found.forEach((g, slug) => {
      g.classList.add("argmap-box");
      g.dataset.argmapLine = slug;
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "button");
      g.setAttribute("aria-label", known.get(slug).label);
    });
    return found;
  }

  function showOverview(focusSlug) {
    shown = "";
    place(model.get("overview"), model.get("title"));
    bar.hidden = true;
    heading.textContent = "";
    const found = boxes();
    const box = focusSlug ? found.get(focusSlug) : null;
    if (box) {
      box.focus({ preventScroll: true });
      bringIntoView(box);
    }
  }

  function parts() {
    // In a line's picture, the boxes whose branch is drawn as another part.
    const known = entries();
    picture.querySelectorAll(OPENS).forEach((g) => {
      const cls = Array.from(g.classList).find((c) => c.startsWith("argmap-opens-"));
      const slug = cls ? cls.slice("argmap-opens-".length) : "";
      if (!known.has(slug)) return;
      g.classList.add("argmap-box");
      g.dataset.argmapLine = slug;
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "button");
      g.setAttribute("aria-label", known.get(slug).label);
    });
  }

  function showLine(slug, moveFocus) {
    const entry = entries().get(slug);
    if (!entry) return showOverview("");
    const from = shown;
    shown = slug;
    place(entry.svg, entry.heading);
    parts();
    bar.hidden = false;
    heading.textContent = entry.heading;
    const prev = trail.length ? entries().get(trail[trail.length - 1]) : null;
    back.textContent = "\u2190 Back to " + (prev ? prev.name : "the overview");
    back.title = back.textContent.slice(2) + " (Escape)";
    if (moveFocus) {
      back.focus({ preventScroll: true });
      if (from !== slug) bringTopIntoView(el);
    }
  }

  function show(slug, moveFocus) {
    // Draw ``slug`` ("" = the overview) unless it is shown already.
    const before = shown;
    if (slug === before) return;
    if (slug) showLine(slug, moveFocus);
    else showOverview(moveFocus ? (before || "").replace(/^(line-\d+)-\d+$/, "$1") : "");
    el.dataset.argmapShown = shown; // what the page shows, for tests and styles
  }

  function go(slug, goingBack) {
    // A click, a key: draw at once, then tell Python.
    if (!slug) trail = [];
    else if (!goingBack && shown && slug !== shown) trail.push(shown);
    const t0 = performance.now();
    show(slug, true);
    el.dataset.lastSwapMs = (performance.now() - t0).toFixed(1);
    model.set("line", slug);
    model.save_changes();
  }

  picture.addEventListener("mousedown", (ev) => {
    // No focus on mouse down: focusing a half-visible box would scroll it into view
    // under the pointer, and the click would land on whatever moved there.
    pressed = ev.target.closest ? ev.target.closest(".argmap-box") : null;
    if (pressed) ev.preventDefault();
  });
  picture.addEventListener("click", (ev) => {
    const box = (pressed && pressed.isConnected && pressed) || (ev.target.closest && ev.target.closest(".argmap-box"));
    pressed = null;
    if (!box) return;
    ev.preventDefault();
    ev.stopPropagation();
    go(box.dataset.argmapLine);
  });
  picture.addEventListener("keydown", (ev) => {
    const box = ev.target.closest ? ev.target.closest(".argmap-box") : null;
    if (!box || (ev.key !== "Enter" && ev.key !== " ")) return;
    ev.preventDefault();
    ev.stopPropagation();
    go(box.dataset.argmapLine);
  });
  function goBack() {
    // to the part this one was opened from, else to the overview
    go(trail.pop() || "", true);
  }

  back.addEventListener("click", (ev) => {
    ev.stopPropagation();
    goBack();
  });
  el.addEventListener("keydown", (ev) => {
    if (ev.key !== "Escape" || !shown) return;
    ev.preventDefault();
    ev.stopPropagation();
    goBack();
  });

  const drawFooter = () => {
    footer.innerHTML = model.get("footer") || ""; // escaped HTML built in Python
  };
  const redraw = () => {
    shown = null;
    show(model.get("line") || "", false);
  };
  model.on("change:line", () => show(model.get("line") || "", el.contains(document.activeElement)));
  model.on("change:overview", redraw);
  model.on("change:lines", redraw);
  model.on("change:footer", drawFooter);
  drawFooter();
  redraw();
}

export default { render };
