/* The story body's rich-text editor (Quill, served from static/vendor/quill).
 *
 * Without JavaScript, or if Quill fails to load, the plain <textarea> stays and accepts HTML;
 * the server sanitises the body either way (articles/html.py). With Quill, the textarea is
 * hidden and kept in step with the editor, so every submit button sends the current text, and
 * it fires "input" whenever the text changes, as a textarea typed into does.
 */
(function () {
  "use strict";

  var TOOLBAR = [
    [{ header: [2, 3, false] }],
    ["bold", "italic", "underline"],
    [{ list: "ordered" }, { list: "bullet" }],
    ["blockquote", "link"],
    ["clean"]
  ];

  function html(quill) {
    if (!quill.getText().trim()) {
      return "";
    }
    // Quill 2 writes every space as &nbsp; in its semantic HTML; readers need plain spaces.
    return quill.getSemanticHTML().replace(/&nbsp;/g, " ");
  }

  function enhance(textarea) {
    var holder = document.createElement("div");
    holder.className = "rich-text-editor";
    textarea.parentNode.insertBefore(holder, textarea.nextSibling);
    var quill = new window.Quill(holder, {
      theme: "snow",
      modules: { toolbar: TOOLBAR },
      formats: ["header", "bold", "italic", "underline", "list", "blockquote", "link"]
    });
    if (textarea.value.trim()) {
      // Not dangerouslyPasteHTML: it selects the text, which moves the focus into the editor
      // (away from the page's error summary, say) as the page opens.
      quill.setContents(quill.clipboard.convert({ html: textarea.value }), "silent");
      quill.history.clear();
    }
    // Quill's style picker is a span with role=button and no name; give it the form's label.
    quill.getModule("toolbar").container.querySelectorAll(".ql-picker-label").forEach(function (picker) {
      picker.setAttribute("aria-label", textarea.dataset.styleLabel || "Paragraph style");
    });
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    quill.root.setAttribute("role", "textbox");
    quill.root.setAttribute("aria-multiline", "true");
    if (label) {
      label.id = label.id || textarea.id + "-label";
      quill.root.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", function () { quill.focus(); });
    }
    if (textarea.lang) {
      quill.root.setAttribute("lang", textarea.lang);
    }
    // `hidden` as well as Bootstrap's d-none: the desk (the admin) has no Bootstrap, and a visible
    // raw-HTML box there took typing that the editor then overwrote.
    textarea.hidden = true;
    textarea.classList.add("d-none");
    textarea.setAttribute("aria-hidden", "true");
    textarea.tabIndex = -1;
    quill.on("text-change", function () {
      textarea.value = html(quill);
      // As if typed into the textarea: the live word count (static/js/story-form.js) listens.
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    });
    if (textarea.form) {
      textarea.form.addEventListener("submit", function () { textarea.value = html(quill); });
    }
  }

  function start() {
    if (!window.Quill) {
      return; // The plain textarea keeps working.
    }
    document.querySelectorAll("textarea.rich-text").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
