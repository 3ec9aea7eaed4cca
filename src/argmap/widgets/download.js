// A download button that works wherever the widget runs (JupyterLab, Notebook 7,
// Voilà): the bytes come from Python over the widget's own channel and the
// browser saves them from a Blob, so no file URL (and no server permission) is needed.

function render({ model, el }) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "argmap-download jupyter-button widget-button";
  // Its words are never cut: the button is as wide as they are.
  button.style.width = "auto";
  button.style.minWidth = "fit-content";
  button.style.whiteSpace = "nowrap";
  el.appendChild(button);
  const update = () => {
    const name = model.get("filename");
    const data = model.get("data");
    const ready = Boolean(name) && data && data.byteLength > 0;
    button.disabled = !ready;
    button.textContent = ready ? (model.get("label") || "Download " + name) : model.get("waiting");
    button.title = ready ? "Save " + name + " on this computer" : model.get("waiting");
    button.setAttribute("aria-label", button.title);
  };
  button.addEventListener("click", () => {
    const data = model.get("data");
    if (!data || data.byteLength === 0) return;
    const blob = new Blob([data], { type: model.get("mime") || "application/octet-stream" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = model.get("filename");
    a.style.display = "none";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  });
  model.on("change:data", update);
  model.on("change:filename", update);
  model.on("change:waiting", update);
  model.on("change:label", update);
  update();
}

export default { render };
