/* The box listing a form's errors at the top of the page (templates/includes/form_errors.html).
 *
 * When the page opens, the focus moves to the box, so a screen reader reads the errors and a phone
 * shows them without scrolling. Each error links to its field (#id_field); following a link puts
 * the focus in the field itself, with its label in view: in the rich-text editor when the textarea
 * is replaced by one (static/js/story-editor.js labels the editor with the textarea's label), and
 * after the language tab that holds it is opened (static/js/story-form.js listens for the click).
 * Without JavaScript the links still jump to the fields.
 */
(function () {
  "use strict";

  function isShown(element) {
    return element.getClientRects().length > 0;
  }

  function focusTarget(field) {
    if (isShown(field)) {
      return field;
    }
    var label = document.querySelector('label[for="' + field.id + '"]');
    if (label && label.id) {
      var stand_in = document.querySelector('[aria-labelledby~="' + label.id + '"]');
      if (stand_in && isShown(stand_in)) {
        return stand_in;
      }
    }
    return null;
  }

  function follow(event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) {
      return;
    }
    var field = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    var target = field && focusTarget(field);
    if (!target) {
      return; // The browser jumps to the anchor as usual.
    }
    event.preventDefault();
    var label = document.querySelector('label[for="' + field.id + '"]');
    (label && isShown(label) ? label : target).scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  }

  function start() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary || summary.dataset.ready) {
      return;
    }
    summary.dataset.ready = "true";
    summary.addEventListener("click", follow);
    summary.focus();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
